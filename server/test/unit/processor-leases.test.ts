// Several nodes on one store: a processor that must run once runs on the one node holding its
// lease, another node takes over within a bounded time when the holder stops or dies, no event is
// handled by two nodes at once, and none is lost across the handover. Processors that act on what
// a node holds run on every node. Two dispatchers share one embedded store in this process, as two
// nodes share MongoDB; the store is the only thing between them.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKPOINTS, type CheckpointDocument } from '../../src/platform/events/checkpoints.ts';
import { EventDispatcher } from '../../src/platform/events/dispatcher.ts';
import { appendEvent, ensureEventIndexes } from '../../src/platform/events/event-log.ts';
import { ProcessorLease, type LeaseTiming } from '../../src/platform/events/processor-lease.ts';
import type { EventProcessor } from '../../src/platform/events/processor.ts';
import type { DocumentStore } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';

// Short, but with room for a renewal to wait on a busy machine's disk.
const TIMING: LeaseTiming = { ttlMs: 1500, renewEveryMs: 100, marginMs: 500 };

let dir: string;
let store: DocumentStore;
const running: EventDispatcher[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'leases-'));
  store = await openEmbeddedStore(dir);
  await ensureEventIndexes(store);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((dispatcher) => dispatcher.stop()));
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function commit(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await store.withTransaction((scope) => appendEvent(scope, 'dialogue.created', `d${i}`, {}, new Date().toISOString()));
  }
}

/** One handling of one event by one node, with when it began and ended. */
type Handling = { node: string; seq: number; from: number; to: number };

/** A processor that records every handling; each takes a few milliseconds, so overlaps would show. */
function recording(name: string, node: string, log: Handling[], extra: Partial<EventProcessor> = {}): EventProcessor {
  return {
    name,
    async handle(event) {
      const from = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 3));
      log.push({ node, seq: event.seq, from, to: performance.now() });
    },
    ...extra,
  };
}

function startNode(node: string, processors: EventProcessor[], on: DocumentStore = store): EventDispatcher {
  const dispatcher = new EventDispatcher(on, processors, { pollMs: 20, firstRetryMs: 10, maxRetryMs: 50, leases: { nodeId: node, timing: TIMING } });
  dispatcher.start();
  running.push(dispatcher);
  return dispatcher;
}

async function until(condition: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const seqs = (log: Handling[]) => log.map((handling) => handling.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** No handling on one node overlaps in time with a handling on another. */
function expectNoOverlap(log: Handling[]): void {
  for (const a of log) {
    for (const b of log) {
      if (a.node !== b.node) expect(a.to <= b.from || b.to <= a.from, `node ${a.node} (event ${a.seq}) and ${b.node} (event ${b.seq}) at once`).toBe(true);
    }
  }
}

describe('processor leases', () => {
  it('runs a leased processor on exactly one node, and an every-node processor on each', async () => {
    const shared: Handling[] = [];
    const localA: Handling[] = [];
    const localB: Handling[] = [];
    const a = startNode('A', [recording('mail', 'A', shared), recording('realtime', 'A', localA, { placement: 'every-node' })]);
    const b = startNode('B', [recording('mail', 'B', shared), recording('realtime', 'B', localB, { placement: 'every-node' })]);
    await until(() => [...a.status(), ...b.status()].filter((s) => s.name === 'mail' && s.runsHere).length === 1);
    await commit(20);
    a.notify();
    b.notify();
    await until(() => shared.length >= 20 && localA.length === 20 && localB.length === 20);
    await new Promise((resolve) => setTimeout(resolve, 3 * TIMING.renewEveryMs));

    expect(seqs(shared)).toEqual(range(1, 20));
    expect(new Set(shared.map((handling) => handling.node)).size).toBe(1);
    expect(seqs(localA)).toEqual(range(1, 20));
    expect(seqs(localB)).toEqual(range(1, 20));
    const holder = shared[0]!.node;
    expect(await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' })).toMatchObject({ holder, generation: 1 });
    // The node without the lease says so, and reports no lag of its own.
    const standby = (holder === 'A' ? b : a).status().find((s) => s.name === 'mail');
    expect(standby?.runsHere).toBe(false);
    // Every-node processors keep no shared checkpoint: there is nothing common to record.
    expect(await store.collection(CHECKPOINTS).findOne({ _id: 'realtime' })).toBeNull();
  });

  it('hands over within a bounded time when the holder stops, with every event handled once, never by two nodes at once', async () => {
    const log: Handling[] = [];
    const a = startNode('A', [recording('mail', 'A', log)]);
    await until(() => a.status()[0]!.runsHere);
    const b = startNode('B', [recording('mail', 'B', log)]);
    // Events keep coming while the holder stops.
    const writer = (async () => {
      for (let i = 0; i < 60; i++) {
        await commit(1);
        a.notify();
        b.notify();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await until(() => log.length >= 15);
    const stoppedAt = performance.now();
    await a.stop();
    await writer;
    await until(() => log.length >= 60 && log.at(-1)!.seq === 60);
    const firstOnB = log.find((handling) => handling.node === 'B');

    expect(seqs(log)).toEqual(range(1, 60));
    expect(firstOnB).toBeDefined();
    // A released its lease when it stopped: B needs at most one look (renewEveryMs) and its first event.
    expect(firstOnB!.from - stoppedAt).toBeLessThan(TIMING.renewEveryMs + 500);
    expect(log.filter((handling) => handling.from > stoppedAt).every((handling) => handling.node === 'B')).toBe(true);
    expectNoOverlap(log);
    expect(await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' })).toMatchObject({ holder: 'B', generation: 2 });
    await b.stop();
    expect(await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' })).toMatchObject({ holder: null, generation: 2, seq: 60 });
  });

  it('takes over from a cut-off holder only after its lease expired, and the holder stops on its own first', async () => {
    const log: Handling[] = [];
    let cut = false;
    // A partition: A still reads the log and handles events, but none of its writes reach the
    // store any more (no renewal, no checkpoint, no release).
    const collection = store.collection.bind(store);
    const refuse = () => Promise.reject(new Error('store unreachable'));
    const partitioned: DocumentStore = Object.assign(Object.create(store) as DocumentStore, {
      collection: (name: string) => {
        const real = collection(name);
        if (name !== CHECKPOINTS) return real;
        return Object.assign(Object.create(real) as typeof real, {
          updateOne: (...args: Parameters<typeof real.updateOne>) => (cut ? refuse() : real.updateOne(...args)),
          findOneAndUpdate: (...args: Parameters<typeof real.findOneAndUpdate>) => (cut ? refuse() : real.findOneAndUpdate(...args)),
          insertOne: (...args: Parameters<typeof real.insertOne>) => (cut ? refuse() : real.insertOne(...args)),
        });
      },
    });
    const a = startNode('A', [recording('mail', 'A', log)], partitioned);
    await until(() => a.status()[0]!.runsHere);
    const b = startNode('B', [recording('mail', 'B', log)]);
    const writer = (async () => {
      for (let i = 0; i < 80; i++) {
        await commit(1);
        a.notify();
        b.notify();
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    await until(() => log.length >= 10);
    cut = true;
    const cutAt = performance.now();
    await writer;
    await until(() => log.some((handling) => handling.seq === 80 && handling.node === 'B'));
    const onA = log.filter((handling) => handling.node === 'A');
    const onB = log.filter((handling) => handling.node === 'B');
    const lastOnA = onA.at(-1)!;
    const firstOnB = onB[0]!;

    // A began nothing after its lease ran out on its own clock (at most ttl − margin after the cut)…
    expect(lastOnA.from - cutAt).toBeLessThan(TIMING.ttlMs - TIMING.marginMs);
    // … and B began only once the lease had expired, and soon after.
    expect(firstOnB.from - cutAt).toBeGreaterThan(TIMING.ttlMs - TIMING.renewEveryMs);
    expect(firstOnB.from - cutAt).toBeLessThan(TIMING.ttlMs + TIMING.renewEveryMs + 500);
    expectNoOverlap(log);
    // Nothing lost. A's last checkpoint did not get through, so B handles again what A did since
    // (at least once); each node handles an event at most once.
    expect(new Set(seqs(log))).toEqual(new Set(range(1, 80)));
    expect(new Set(seqs(onA)).size).toBe(onA.length);
    expect(new Set(seqs(onB)).size).toBe(onB.length);
    expect(a.status()[0]!.runsHere).toBe(false);
  });

  it('loses nothing when the holder dies without a word: the next holder starts at its last checkpoint', async () => {
    const log: Handling[] = [];
    let dead = false;
    // After "death" every call of A's fails and never reaches the store: no release, no last checkpoint.
    const collection = store.collection.bind(store);
    const mortal: DocumentStore = Object.assign(Object.create(store) as DocumentStore, {
      collection: (name: string) => {
        if (dead) throw new Error('process gone');
        return collection(name);
      },
    });
    const a = new EventDispatcher(mortal, [recording('mail', 'A', log, { handle: async (event) => void (dead || log.push({ node: 'A', seq: event.seq, from: performance.now(), to: performance.now() })) })], {
      pollMs: 20,
      checkpointEveryMs: 0,
      leases: { nodeId: 'A', timing: TIMING },
    });
    a.start();
    await until(() => a.status()[0]!.runsHere);
    await commit(10);
    a.notify();
    await until(() => log.length === 10);
    dead = true;
    const diedAt = performance.now();
    const b = startNode('B', [recording('mail', 'B', log)]);
    await commit(5);
    b.notify();
    await until(() => log.some((handling) => handling.seq === 15));
    const firstOnB = log.find((handling) => handling.node === 'B')!;

    expect(firstOnB.from - diedAt).toBeGreaterThan(TIMING.ttlMs - TIMING.marginMs);
    expect(firstOnB.from - diedAt).toBeLessThan(TIMING.ttlMs + TIMING.renewEveryMs + 500);
    // Delivery is at least once: B resumes at A's last stored checkpoint, so nothing is lost.
    expect(new Set(seqs(log))).toEqual(new Set(range(1, 15)));
    const stored = (await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' }))!;
    expect(stored.generation).toBe(2);
    await a.stop();
  });
});

describe('lease generations fence off a late holder', () => {
  const noHeartbeat: LeaseTiming = { ttlMs: 60_000, renewEveryMs: 3_600_000, marginMs: 1_000 };

  it('refuses the checkpoint and release of a holder after another node took over', async () => {
    const a = new ProcessorLease(store, 'mail', 'A', noHeartbeat);
    const b = new ProcessorLease(store, 'mail', 'B', noHeartbeat);
    expect(await a.tryAcquire()).toBe(0);
    expect(await b.tryAcquire()).toBeNull();
    await a.saveCheckpoint(7);
    // A stalls (a paused process, a clock gone wrong) and its lease expires under it.
    await store.collection<CheckpointDocument>(CHECKPOINTS).updateOne({ _id: 'mail' }, { $set: { expiresAt: Date.now() - 1 } });
    expect(await b.tryAcquire()).toBe(7);
    expect(a.holds()).toBe(true);
    // A's late writes are refused, and it learns that it lost the lease.
    await a.saveCheckpoint(9);
    expect(a.holds()).toBe(false);
    await a.release();
    await b.saveCheckpoint(8);
    expect(await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' })).toMatchObject({ seq: 8, holder: 'B', generation: 2 });
    await b.release();
    expect(await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' })).toMatchObject({ seq: 8, holder: null, generation: 2 });
    // Released: the next node takes it at once, under the next generation.
    expect(await a.tryAcquire()).toBe(8);
    await a.release();
  });

  it('lets one of two nodes win a lease that both saw expire', async () => {
    await store.collection<CheckpointDocument>(CHECKPOINTS).insertOne({ _id: 'mail', seq: 4, updatedAt: '', holder: 'Z', generation: 5, expiresAt: 0 });
    const contenders = ['A', 'B', 'C', 'D'].map((node) => new ProcessorLease(store, 'mail', node, noHeartbeat));
    const won = await Promise.all(contenders.map((lease) => lease.tryAcquire()));
    expect(won.filter((startAt) => startAt !== null)).toEqual([4]);
    expect((await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' }))?.generation).toBe(6);
    await Promise.all(contenders.map((lease) => lease.release()));
  });

  it('stops a dispatcher whose lease was taken behind its back before its next batch, and keeps its checkpoint off', async () => {
    const log: Handling[] = [];
    const a = new EventDispatcher(store, [recording('mail', 'A', log)], { pollMs: 20, checkpointEveryMs: 0, leases: { nodeId: 'A', timing: TIMING } });
    a.start();
    running.push(a);
    await until(() => a.status()[0]!.runsHere);
    await commit(3);
    a.notify();
    await until(() => log.length === 3);
    // Another node took the lease as if A's had expired (clocks further apart than the margin).
    await store.collection<CheckpointDocument>(CHECKPOINTS).updateOne({ _id: 'mail' }, { $set: { holder: 'B', generation: 99, expiresAt: Date.now() + 60_000 } });
    await commit(3);
    a.notify();
    await until(() => !a.status()[0]!.runsHere);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // At most the batch during which it found out, and nothing stored.
    expect(log.length).toBeLessThanOrEqual(6);
    expect(await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: 'mail' })).toMatchObject({ seq: 3, holder: 'B', generation: 99 });
  });
});
