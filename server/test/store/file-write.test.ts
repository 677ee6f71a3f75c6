// A store file is written in pieces of at most WRITE_PIECE_BYTES a write(): one large write() holds a
// CPU in the kernel for as long as its copy takes, and pinned to one CPU the event loop waited
// 17–27 ms behind each 8 MiB write of the saved index keys (docs/benchmarks.md). The pieces must
// still put every byte where it belongs, and a compaction's new log must read back whole.

import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { WRITE_PIECE_BYTES, writeFully } from '../../src/platform/store/file-write.ts';
import type { LogFileHandle, OpenLogFile } from '../../src/platform/store/transaction-log.ts';

type Note = StoredDocument & { text: string };

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dialogforum-store-pieces-'));
  dirs.push(dir);
  return dir;
}

/** Opens real files and records the length asked of every write(). */
function recordingWrites(lengths: number[]): OpenLogFile {
  return async (path, flags) => {
    const real = await open(path, flags);
    return {
      write: (async (buffer: Buffer, offset: number, length: number, position: number) => {
        lengths.push(length);
        return real.write(buffer, offset, length, position);
      }) as LogFileHandle['write'],
      datasync: () => real.datasync(),
      sync: () => real.sync(),
      truncate: (length) => real.truncate(length),
      close: () => real.close(),
    };
  };
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

  it('writes only the first `length` bytes when asked', async () => {
    const file = join(await freshDir(), 'prefix');
    const real = await open(file, 'w');
    await writeFully(real, Buffer.from('abcdef'), 0, 4);
    await real.close();
    expect((await readFile(file)).toString()).toBe('abcd');
  });

  it("writes a compaction's new log of megabytes in pieces, and it reads back whole", async () => {
    const dir = await freshDir();
    const lengths: number[] = [];
    let store = await openEmbeddedStore(dir, { openFile: recordingWrites(lengths), compaction: { minDeadImages: Infinity, ratio: 2 } });
    const notes = store.collection<Note>('notes');
    // About 6 MiB of live documents: the compaction's chunks (4 MiB) are larger than a piece.
    for (let batch = 0; batch < 6; batch += 1) {
      await notes.insertMany(Array.from({ length: 1_000 }, (_, n) => ({ _id: `note-${batch}-${n}`, text: `${batch}-${n}-`.padEnd(1_000, 'x') })));
    }
    lengths.length = 0;
    await store.compact();
    await store.close();

    expect(lengths.reduce((sum, length) => sum + length, 0)).toBeGreaterThan(6 * 1024 * 1024);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(WRITE_PIECE_BYTES);
    store = await openEmbeddedStore(dir);
    expect(await store.collection<Note>('notes').countDocuments({})).toBe(6_000);
    expect((await store.collection<Note>('notes').findOne({ _id: 'note-5-999' }))?.text).toBe('5-999-'.padEnd(1_000, 'x'));
    await store.close();
  });
});
