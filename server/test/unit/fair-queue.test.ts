import { setImmediate as nextLoopTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/platform/http/fair-queue.ts';

describe('FairQueue', () => {
  it('takes waiting callers in rotation, so a caller with many calls queued goes one at a time', async () => {
    const queue = new FairQueue();
    const started: string[] = [];
    const call = (caller: string, name: string) => queue.turn(caller).then(() => started.push(name));
    await Promise.all([call('flood', 'f1'), call('flood', 'f2'), call('flood', 'f3'), call('visitor', 'v1'), call('other', 'o1')]);
    expect(started).toEqual(['f1', 'v1', 'o1', 'f2', 'f3']);
  });

  it('starts one call per turn of the event loop, so a call arriving meanwhile waits for one flood call, not all', async () => {
    const queue = new FairQueue();
    const started: string[] = [];
    const flood = Array.from({ length: 20 }, (_, i) => queue.turn('flood').then(() => started.push(`f${i + 1}`)));
    await nextLoopTurn();
    await nextLoopTurn();
    expect(started.length).toBeLessThanOrEqual(2);
    // A visitor arrives while the flood waits.
    const visitor = queue.turn('visitor').then(() => started.push('v1'));
    await Promise.all([...flood, visitor]);
    // Two flood calls started before it arrived, at most one more while it joined the rotation.
    expect(started.indexOf('v1')).toBeLessThanOrEqual(3);
  });
});
