// A store file is written in pieces of at most WRITE_PIECE_BYTES a write(), and a file written at
// length is synced every SYNC_EVERY_BYTES: one large write() or one sync of a gigabyte holds a CPU
// in the kernel for as long as its copy or writeback takes, and pinned to one CPU the event loop
// waited 17–34 ms behind each (docs/benchmarks.md). The pieces must still put every byte where it
// belongs, the sync that durability needs must stay last, and a compacted log must read back whole.

import { open, readFile } from 'node:fs/promises';

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore, storeLogPath } from '../../src/platform/store/embedded-store.ts';
import { SYNC_EVERY_BYTES, WRITE_PIECE_BYTES, WritebackPacer, writeFully } from '../../src/platform/store/file-write.ts';
import { rewritePath, type LogFileHandle, type OpenLogFile } from '../../src/platform/store/transaction-log.ts';
import { temporaryDirs } from '../support/temporary-dirs.ts';

const freshDir = temporaryDirs('dialogforum-store-pieces-');

type Note = StoredDocument & { text: string };

type FileStep = { file: string; kind: 'write'; length: number } | { file: string; kind: 'sync' };

/** Opens real files and records, per file, the length asked of every write() and every datasync. */
function recordingFiles(steps: FileStep[]): OpenLogFile {
  return async (file, flags) => {
    const real = await open(file, flags);
    return {
      write: (async (buffer: Buffer, offset: number, length: number, position: number) => {
        steps.push({ file, kind: 'write', length });
        return real.write(buffer, offset, length, position);
      }) as LogFileHandle['write'],
      datasync: () => {
        steps.push({ file, kind: 'sync' });
        return real.datasync();
      },
      sync: () => real.sync(),
      truncate: (length) => real.truncate(length),
      close: () => real.close(),
    };
  };
}

/** The most bytes written to `file` between two of its syncs (or before its first). */
function mostUnsynced(steps: FileStep[], file: string): number {
  let most = 0;
  let unsynced = 0;
  for (const step of steps) {
    if (step.file !== file) continue;
    unsynced = step.kind === 'sync' ? 0 : unsynced + step.length;
    most = Math.max(most, unsynced);
  }
  return most;
}

describe('writing store files in pieces', () => {
  it('writes every byte in order, in write() calls of at most WRITE_PIECE_BYTES, and goes on after a short write', async () => {
    const file = join(await freshDir(), 'pieces');
    const bytes = Buffer.alloc(3 * WRITE_PIECE_BYTES + 12_345);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 7919) % 251;
    const lengths: number[] = [];
    const real = await open(file, 'w');
    let calls = 0;
    // The kernel may write less than asked: the third call writes only 1,000 bytes.
    const handle = {
      write: (async (buffer: Buffer, offset: number, length: number, position: number) => {
        lengths.push(length);
        calls += 1;
        return real.write(buffer, offset, calls === 3 ? 1_000 : length, position);
      }) as LogFileHandle['write'],
    };
    await real.write(Buffer.from('head'), 0, 4, 0);
    await writeFully(handle, bytes, 4);
    await real.close();

    expect(Math.max(...lengths)).toBeLessThanOrEqual(WRITE_PIECE_BYTES);
    expect(lengths.length).toBeGreaterThanOrEqual(5);
    // Compared as bytes (a deep equality over 1.5 million elements would take the test's whole time).
    expect((await readFile(file)).equals(Buffer.concat([Buffer.from('head'), bytes]))).toBe(true);
  });

  it('with a pacer, syncs before a piece would leave more than SYNC_EVERY_BYTES unsynced (the saved keys are written so)', async () => {
    const steps: FileStep[] = [];
    const handle = {
      write: (async (buffer: Buffer, offset: number, length: number) => {
        steps.push({ file: 'keys', kind: 'write', length });
        return { bytesWritten: length, buffer };
      }) as LogFileHandle['write'],
      datasync: async () => void steps.push({ file: 'keys', kind: 'sync' }),
    };
    const pacer = new WritebackPacer(handle);
    const bytes = Buffer.alloc(5 * 1024 * 1024);
    for (let chunk = 0; chunk < 10; chunk += 1) await writeFully(handle, bytes, chunk * bytes.length, bytes.length, pacer);
    expect(mostUnsynced(steps, 'keys')).toBe(SYNC_EVERY_BYTES);
    expect(steps.filter((step) => step.kind === 'sync')).toHaveLength(3);
  });

  it('writes only the first `length` bytes when asked', async () => {
    const file = join(await freshDir(), 'prefix');
    const real = await open(file, 'w');
    await writeFully(real, Buffer.from('abcdef'), 0, 4);
    await real.close();
    expect((await readFile(file)).toString()).toBe('abcd');
  });

  it("writes a compaction's new log in pieces, synced every SYNC_EVERY_BYTES as it goes, and it reads back whole", async () => {
    const dir = await freshDir();
    const steps: FileStep[] = [];
    let store = await openEmbeddedStore(dir, { openFile: recordingFiles(steps), compaction: { minDeadImages: Infinity, ratio: 2 } });
    const notes = store.collection<Note>('notes');
    // About 24 MiB of live documents: more than a compaction's chunk (4 MiB) and than SYNC_EVERY_BYTES.
    for (let batch = 0; batch < 24; batch += 1) {
      await notes.insertMany(Array.from({ length: 1_000 }, (_, n) => ({ _id: `note-${batch}-${n}`, text: `${batch}-${n}-`.padEnd(1_000, 'x') })));
    }
    steps.length = 0;
    await store.compact();
    await store.close();

    const newLog = rewritePath(storeLogPath(dir));
    const writes = steps.filter((step) => step.file === newLog && step.kind === 'write').map((step) => (step.kind === 'write' ? step.length : 0));
    expect(writes.reduce((sum, length) => sum + length, 0)).toBeGreaterThan(24 * 1024 * 1024);
    expect(Math.max(...writes)).toBeLessThanOrEqual(WRITE_PIECE_BYTES);
    expect(mostUnsynced(steps, newLog)).toBeLessThanOrEqual(SYNC_EVERY_BYTES);
    // The sync before the switch is still there: the last step on the new file is a sync.
    expect(steps.filter((step) => step.file === newLog).at(-1)?.kind).toBe('sync');
    store = await openEmbeddedStore(dir);
    expect(await store.collection<Note>('notes').countDocuments({})).toBe(24_000);
    expect((await store.collection<Note>('notes').findOne({ _id: 'note-23-999' }))?.text).toBe('23-999-'.padEnd(1_000, 'x'));
    await store.close();
  });
});
