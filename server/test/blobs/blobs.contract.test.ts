// The blob port's contract (DESIGN.md §4): every engine behind the port must pass this suite. The
// embedded engine (files under a directory) always runs; GridFS runs when MONGODB_URL points at a
// MongoDB replica set, in a database of its own that is dropped afterwards.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobTooLargeError, type BlobStore } from '../../src/platform/blobs/blob-store.ts';
import { openFileBlobs } from '../../src/platform/blobs/file-blobs.ts';
import { openGridFsBlobs } from '../../src/platform/blobs/gridfs-blobs.ts';

type Opened = {
  blobs: BlobStore;
  /** Leaves behind what a write cut off by a crash at `at` would: a temporary file, or chunks without a file. */
  interruptedWrite(at: Date): Promise<void>;
  /** How many traces of interrupted writes are there now. */
  interruptedTraces(): Promise<number>;
  dispose(): Promise<void>;
};
type Engine = { name: string; open(): Promise<Opened> };

const files: Engine = {
  name: 'files',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'dialogforum-blobs-contract-'));
    const blobs = await openFileBlobs(dir);
    return {
      blobs,
      async interruptedWrite(at) {
        const part = join(dir, 'tmp', `${randomBytes(12).toString('hex')}.part`);
        await writeFile(part, randomBytes(1000));
        await utimes(part, at, at);
      },
      interruptedTraces: async () => (await readdir(join(dir, 'tmp'))).length,
      async dispose() {
        await blobs.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const mongodbUrl = process.env['MONGODB_URL'];
const gridfs: Engine = {
  name: 'gridfs',
  async open() {
    const url = mongodbUrl!;
    const dbName = `dialogforum_blobs_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const blobs = await openGridFsBlobs(url, dbName);
    const client = await MongoClient.connect(url);
    const chunks = client.db(dbName).collection('blobs.chunks');
    return {
      blobs,
      async interruptedWrite(at) {
        const filesId = ObjectId.createFromTime(Math.floor(at.getTime() / 1000));
        await chunks.insertMany([0, 1].map((n) => ({ files_id: filesId, n, data: randomBytes(1000) })));
      },
      interruptedTraces: async () => (await chunks.distinct('files_id', { files_id: { $nin: await storedIds(client, dbName) } })).length,
      async dispose() {
        await blobs.close();
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  },
};

async function storedIds(client: MongoClient, dbName: string): Promise<ObjectId[]> {
  return (await client.db(dbName).collection('blobs.files').find({}, { projection: { _id: 1 } }).toArray()).map((file) => file._id as unknown as ObjectId);
}

const engines = mongodbUrl ? [files, gridfs] : [files];

/** Yields `bytes` in chunks of `size`, as a request body arrives. */
async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}

async function readAll(stream: Readable | null): Promise<Buffer> {
  if (!stream) throw new Error('no such blob');
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

async function everyId(blobs: BlobStore): Promise<string[]> {
  const ids: string[] = [];
  for await (const id of blobs.storedBefore(new Date(Date.now() + 60_000))) ids.push(id);
  return ids;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(engines)('blob store contract: $name', (engine) => {
  let opened: Opened;
  let blobs: BlobStore;

  beforeAll(async () => {
    opened = await engine.open();
    blobs = opened.blobs;
  });
  afterAll(async () => {
    await opened.dispose();
  });

  it('gives back the bytes it was given, streamed, with their size and SHA-256', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const stored = await blobs.put(chunked(bytes), { maxBytes: 10 * 1024 * 1024 });
    expect(stored.size).toBe(bytes.byteLength);
    expect(stored.sha256).toBe(sha256(bytes));
    expect(await blobs.size(stored.id)).toBe(bytes.byteLength);
    const stream = await blobs.read(stored.id);
    // A stream, not a buffer: the first chunk arrives before the last is read.
    expect(stream).not.toBeNull();
    expect(typeof stream?.pipe).toBe('function');
    expect((await readAll(stream)).equals(bytes)).toBe(true);
  });

  it('stores an empty blob and one exactly at the limit', async () => {
    const empty = await blobs.put(chunked(new Uint8Array(0)), { maxBytes: 10 });
    expect((await readAll(await blobs.read(empty.id))).byteLength).toBe(0);
    const exact = await blobs.put(chunked(randomBytes(10), 3), { maxBytes: 10 });
    expect(exact.size).toBe(10);
  });

  it('reads a range, both ends inclusive, clipped to the blob', async () => {
    const bytes = randomBytes(300_000);
    const { id } = await blobs.put(chunked(bytes), { maxBytes: 1_000_000 });
    expect((await readAll(await blobs.read(id, { start: 0, end: 7 }))).equals(bytes.subarray(0, 8))).toBe(true);
    expect((await readAll(await blobs.read(id, { start: 270_000, end: 280_000 }))).equals(bytes.subarray(270_000, 280_001))).toBe(true);
    expect((await readAll(await blobs.read(id, { start: 299_990, end: 400_000 }))).equals(bytes.subarray(299_990))).toBe(true);
  });

  it('knows no blob it did not store, and no path dressed up as an id', async () => {
    for (const id of ['0123456789abcdef01234567', '../../etc/passwd', '', 'tmp', '..', '0'.repeat(200)]) {
      expect(await blobs.read(id)).toBeNull();
      expect(await blobs.size(id)).toBeNull();
      await blobs.delete(id);
    }
  });

  it('keeps nothing of a blob over the limit, and says so', async () => {
    const before = await everyId(blobs);
    await expect(blobs.put(chunked(randomBytes(2000), 100), { maxBytes: 1999 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await everyId(blobs)).toEqual(before);
    expect(await opened.interruptedTraces()).toBe(0);
  });

  it('keeps nothing when the source fails half-way (a dropped upload), and passes the error on', async () => {
    const before = await everyId(blobs);
    async function* dropped(): AsyncGenerator<Uint8Array> {
      yield randomBytes(300_000);
      throw new Error('connection reset');
    }
    await expect(blobs.put(dropped(), { maxBytes: 1_000_000 })).rejects.toThrow('connection reset');
    expect(await everyId(blobs)).toEqual(before);
    expect(await opened.interruptedTraces()).toBe(0);
  });

  it('deletes a blob, and deleting it again is no error', async () => {
    const { id } = await blobs.put(chunked(randomBytes(500)), { maxBytes: 1000 });
    await blobs.delete(id);
    expect(await blobs.read(id)).toBeNull();
    expect(await everyId(blobs)).not.toContain(id);
    await blobs.delete(id);
  });

  it('lists blobs stored before a moment and not those stored after it', async () => {
    const early = await blobs.put(chunked(randomBytes(10)), { maxBytes: 100 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const cutoff = new Date();
    // File systems stamp times from a coarse clock (a few milliseconds behind): step clear of it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await blobs.put(chunked(randomBytes(10)), { maxBytes: 100 });
    const listed: string[] = [];
    for await (const id of blobs.storedBefore(cutoff)) listed.push(id);
    expect(listed).toContain(early.id);
    expect(listed).not.toContain(late.id);
  });

  it('gives concurrent writes their own blobs', async () => {
    const contents = Array.from({ length: 8 }, () => randomBytes(50_000));
    const stored = await Promise.all(contents.map((bytes) => blobs.put(chunked(bytes, 4096), { maxBytes: 100_000 })));
    expect(new Set(stored.map((blob) => blob.id)).size).toBe(8);
    for (const [index, blob] of stored.entries()) expect((await readAll(await blobs.read(blob.id))).equals(contents[index]!)).toBe(true);
  });

  it('discards what interrupted writes left behind once they are old, and not a write that may still be going on', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    await opened.interruptedWrite(new Date(Date.now() - 2 * 3_600_000));
    await opened.interruptedWrite(new Date());
    const kept = await everyId(blobs);
    expect(await opened.interruptedTraces()).toBe(2);
    expect(await blobs.discardInterrupted(hourAgo)).toBe(1);
    expect(await opened.interruptedTraces()).toBe(1);
    expect(await everyId(blobs)).toEqual(kept);
  });
});
