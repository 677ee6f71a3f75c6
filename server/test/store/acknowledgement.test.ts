// Acknowledged means on disk (issue 7 §2), proved with the log's file handle watched: kill -9 keeps
// the page cache, so only the order of writes, syncs and acknowledgements shows a missing sync.
// And a sync that fails refuses its writes, acknowledges nothing, and stops the store for good.

import { open } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import type { LogFileHandle, OpenLogFile } from '../../src/platform/store/transaction-log.ts';
import { temporaryDirs } from '../support/temporary-dirs.ts';

const freshDir = temporaryDirs('dialogforum-store-ack-');

type Note = StoredDocument & { text: string };

type Step =
  | { kind: 'write-done'; bytes: Buffer }
  | { kind: 'sync-start'; sync: number }
  | { kind: 'sync-done'; sync: number }
  | { kind: 'ack'; marker: string };

/** A pause of 0–2 ms, so writes, syncs and commits interleave differently from run to run. */
const jitter = () => new Promise<void>((resolve) => setTimeout(resolve, Math.floor(Math.random() * 3)));

/** Opens real files whose writes and syncs are recorded in `steps` (and may be made to fail). */
function watchedFiles(steps: Step[], control: { failSyncs: boolean } = { failSyncs: false }): OpenLogFile {
  let syncs = 0;
  return async (path, flags) => {
    const real = await open(path, flags);
    const watched: LogFileHandle = {
      write: (async (buffer: Buffer, offset: number, length: number, position: number) => {
        await jitter();
        const result = await real.write(buffer, offset, length, position);
        steps.push({ kind: 'write-done', bytes: Buffer.from(buffer.subarray(offset, offset + result.bytesWritten)) });
        return result;
      }) as LogFileHandle['write'],
      datasync: async () => {
        const sync = ++syncs;
        steps.push({ kind: 'sync-start', sync });
        await jitter();
        if (control.failSyncs) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        await real.datasync();
        steps.push({ kind: 'sync-done', sync });
      },
      sync: () => real.sync(),
      truncate: (length) => real.truncate(length),
      close: () => real.close(),
    };
    return watched;
  };
}

/** Every acknowledgement in `steps` that no sync begun after its bytes were written had finished before. */
function acknowledgedBeforeDurable(steps: Step[]): string[] {
  const unsafe: string[] = [];
  steps.forEach((step, ackAt) => {
    if (step.kind !== 'ack') return;
    const writtenAt = steps.findIndex((other) => other.kind === 'write-done' && other.bytes.includes(step.marker, 0, 'latin1'));
    const covered = steps.some((start, startAt) => {
      if (start.kind !== 'sync-start' || writtenAt < 0 || startAt < writtenAt) return false;
      const doneAt = steps.findIndex((done) => done.kind === 'sync-done' && done.sync === start.sync);
      return doneAt >= 0 && doneAt < ackAt;
    });
    if (!covered) unsafe.push(step.marker);
  });
  return unsafe;
}

describe('acknowledgements of the embedded store', () => {
  it('acknowledges no write, under concurrent group commit, before a sync begun after its bytes were written has finished', async () => {
    const steps: Step[] = [];
    const store = await openEmbeddedStore(await freshDir(), { openFile: watchedFiles(steps) });
    const notes = store.collection<Note>('notes');
    const acknowledge = (marker: string) => () => void steps.push({ kind: 'ack', marker });

    const operations = Array.from({ length: 240 }, (_, n) => {
      const marker = `marker-${String(n).padStart(4, '0')}`;
      switch (n % 4) {
        case 0:
          return notes.insertOne({ _id: marker, text: 'single' }).then(acknowledge(marker));
        case 1:
          return notes.insertMany([{ _id: marker, text: 'many' }, { _id: `${marker}-b`, text: 'many' }]).then(acknowledge(marker));
        case 2:
          return store
            .withTransaction(async (scope) => {
              await scope.collection<Note>('notes').insertOne({ _id: marker, text: 'transaction' });
              await jitter();
              await scope.collection('counters').updateOne({ _id: 'c' }, { $inc: { value: 1 } }, { upsert: true });
            })
            .then(acknowledge(marker));
        default:
          return notes
            .updateOne({ _id: `edited-${n}` }, { $set: { text: marker } }, { upsert: true })
            .then(acknowledge(marker));
      }
    });
    await Promise.all(operations);
    await store.close();

    const acks = steps.filter((step) => step.kind === 'ack').length;
    const syncs = steps.filter((step) => step.kind === 'sync-done').length;
    expect(acks).toBe(240);
    // Group commit really happened: far fewer syncs than acknowledged transactions.
    expect(syncs).toBeLessThan(acks / 2);
    expect(acknowledgedBeforeDurable(steps)).toEqual([]);
  });

  it('acknowledges nothing early, and loses nothing, while an online compaction runs and switches logs', async () => {
    const dir = await freshDir();
    const steps: Step[] = [];
    let store = await openEmbeddedStore(dir, { openFile: watchedFiles(steps), compaction: { minDeadImages: Infinity, ratio: 2 } });
    const notes = store.collection<Note>('notes');
    await notes.insertMany(Array.from({ length: 3000 }, (_, n) => ({ _id: `old-${n}`, text: 'x'.repeat(100) })));
    for (let round = 0; round < 3; round += 1) await notes.updateOne({ _id: 'old-1' }, { $set: { text: `round ${round}` } });
    await notes.deleteMany({ _id: { $in: Array.from({ length: 2000 }, (_, n) => `old-${n + 1000}`) } });

    let compacted = false;
    let acknowledgedWhileCompacting = 0;
    const compaction = store.compact().then(() => (compacted = true));
    // Eight writers go on until the compaction is done, and for 300 writes at least.
    let next = 0;
    const writer = async () => {
      while (next < 300 || !compacted) {
        const n = next++;
        const marker = `during-${String(n).padStart(4, '0')}`;
        await jitter();
        if (n % 3 === 0 && n < 1000) await notes.updateOne({ _id: `old-${n}` }, { $set: { text: marker } });
        else await notes.insertOne({ _id: marker, text: 'inserted while compacting' });
        steps.push({ kind: 'ack', marker });
        if (!compacted) acknowledgedWhileCompacting += 1;
      }
    };
    await Promise.all([compaction, ...Array.from({ length: 8 }, writer)]);
    expect(store.stats.compactions).toBe(1);
    expect(acknowledgedWhileCompacting).toBeGreaterThan(0);
    expect(acknowledgedBeforeDurable(steps)).toEqual([]);
    const written = next;
    await notes.insertOne({ _id: 'after', text: 'after the switch' });
    await store.close();

    store = await openEmbeddedStore(dir);
    try {
      const reopened = store.collection<Note>('notes');
      const updated = Math.ceil(Math.min(written, 1000) / 3);
      expect(await reopened.countDocuments({})).toBe(1000 + (written - updated) + 1);
      for (let n = 0; n < Math.min(written, 1000); n += 3) {
        expect((await reopened.findOne({ _id: `old-${n}` }))?.text).toBe(`during-${String(n).padStart(4, '0')}`);
      }
      expect(await reopened.countDocuments({ text: 'inserted while compacting' })).toBe(written - updated);
      expect(await reopened.findOne({ _id: 'old-1500' })).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('a failed sync refuses every write not yet durable, acknowledges none, keeps them out of reads and of the file, and stops the store', async () => {
    const dir = await freshDir();
    const steps: Step[] = [];
    const control = { failSyncs: false };
    const store = await openEmbeddedStore(dir, { openFile: watchedFiles(steps, control) });
    const notes = store.collection<Note>('notes');
    await notes.insertMany(Array.from({ length: 20 }, (_, n) => ({ _id: `kept-${n}`, text: 'acknowledged' })));
    await notes.updateOne({ _id: 'kept-0' }, { $set: { text: 'acknowledged edit' } });
    expect(store.health()).toEqual({ writable: true });

    control.failSyncs = true;
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 30 }, (_, n) => notes.insertOne({ _id: `refused-${n}`, text: 'refused' })),
      notes.updateOne({ _id: 'kept-1' }, { $set: { text: 'refused edit' } }),
      store.withTransaction(async (scope) => {
        await scope.collection('notes').deleteMany({ _id: 'kept-2' });
        await scope.collection('other').insertOne({ _id: 'refused-other' });
      }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(outcomes.map(() => 'rejected'));
    for (const outcome of outcomes) expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/could not be written \(EIO/);

    const health = store.health();
    expect(health.writable).toBe(false);
    expect(health.reason).toMatch(/could not be written \(EIO: i\/o error, fdatasync\)/);
    // Memory is put back: nobody reads a write its writer was told failed.
    expect(await notes.countDocuments({ text: 'refused' })).toBe(0);
    expect((await notes.findOne({ _id: 'kept-1' }))?.text).toBe('acknowledged');
    expect(await notes.findOne({ _id: 'kept-2' })).not.toBeNull();
    expect(await store.collection('other').findOne({ _id: 'refused-other' })).toBeNull();
    // And the store takes no more writes, even once the disk would work again.
    control.failSyncs = false;
    await expect(notes.insertOne({ _id: 'after', text: 'after' })).rejects.toThrow(/could not be written/);
    expect(await notes.findOne({ _id: 'after' })).toBeNull();
    await store.close();

    // The refused frames were written before their sync failed; they are cut, so a restart does
    // not bring them back.
    const reopened = await openEmbeddedStore(dir);
    try {
      expect(await reopened.collection('notes').countDocuments({})).toBe(20);
      expect(await reopened.collection('notes').countDocuments({ text: 'refused' })).toBe(0);
      expect((await reopened.collection<Note>('notes').findOne({ _id: 'kept-0' }))?.text).toBe('acknowledged edit');
      expect(await reopened.collection('other').countDocuments({})).toBe(0);
    } finally {
      await reopened.close();
    }
  });
});
