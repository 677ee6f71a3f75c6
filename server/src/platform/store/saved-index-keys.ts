// The ordered indexes' keys, saved beside the log at each compaction, so that opening loads them
// instead of decoding every document to build them again (embedded-store.ts).
//
// A wrong index is a wrong answer, so saved keys are used only when nothing is in doubt, and
// otherwise ignored (the index is then built from the documents, as it always was):
// - They describe one point of one log: the compacted log's frames as its switch left them, named
//   by their count, where they end and a digest of their headers (LogPoint). Opening uses them only
//   when the log still begins with exactly those frames; a log repaired or replaced since does not.
// - Each index's keys carry its declaration (fields, their order and directions, unique); an index
//   declared otherwise now is built anew.
// - Every frame of the file has a checksum; one that fails, or a file cut short, is ignored whole.
// - Documents written after the point (replayed from the log, or committed before the index was
//   declared) are remembered with their image at the point: declaring the index takes their old
//   keys out and puts their current ones in.
//
// Personal data: keys hold indexed values (an e-mail in a unique index, say). The file is removed
// when a compaction begins and written anew after its switch, from memory as it was then, so once
// an erasure's compaction is done no key of the erased person is left on disk.
//
// Layout: 'DFSTKEY3' (the format's version is its last byte), then frames as in the log (length
// u32 LE, CRC-32 u32 LE, payload): each index's keys in order, in frames of a JSON array of the
// keys' texts (ordered-index.ts, index-key-text.ts: JSON holds any string exactly), and last the
// directory, `v8.serialize` of { point, indexes: [{ collection, name, declaration, multikey,
// count, chunks }] } (last, so a file cut short has none and is ignored).
//
// Version 1 ('DFSTKEY1', written until keys became text) held each key as an array [value…, _id],
// a frame as JSON text when every value in it was a string, a finite number, a boolean or null,
// otherwise `v8.serialize` (first byte 0xFF, never '['). It is still read: each key is turned into
// its text as it loads (slower than version 3, but far faster than building the index), and the
// next compaction writes version 3. Version 2 ('DFSTKEY2', on main for an hour on 2026-11-26) held
// key texts of an earlier encoding, which cannot be read as today's: its file is ignored and the
// indexes are built from the documents, once, until the next compaction.

import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { FRAME_HEADER_BYTES, FrameDigest, frameHeader, LOG_MAGIC, type LogPoint } from './log-frame.ts';
import type { IndexKey, OrderedIndex } from './ordered-index.ts';
import { rewritePath, syncDirectory } from './transaction-log.ts';

export const INDEX_KEYS_MAGIC = Buffer.from('DFSTKEY3', 'latin1');
/** Keys as arrays of values (see the layout above). */
const ARRAY_KEYS_MAGIC = Buffer.from('DFSTKEY1', 'latin1');
/** Keys per frame: serialising one costs a few milliseconds, between yields. */
const KEYS_PER_FRAME = 10_000;
/** The file is written in chunks of about this size. */
const WRITE_CHUNK_BYTES = 4 * 1024 * 1024;

/** The saved index keys of an embedded store directory. */
export function indexKeysPath(dir: string): string {
  return join(dir, 'store.keys');
}

/** One declared index as it stood at a compaction's switch. */
export type CapturedIndex = {
  collection: string;
  name: string;
  declaration: string;
  multikey: boolean;
  entries: Iterable<IndexKey>;
};

type SavedIndexEntry = { collection: string; name: string; declaration: string; multikey: boolean; count: number; chunks: number };
type Directory = { point: LogPoint; indexes: SavedIndexEntry[] };

/**
 * A saved-keys file that read back whole: its format (3: key texts, 1: arrays of values), its
 * point, and each index's frames still encoded.
 */
export type SavedKeysFile = { version: 1 | 3; point: LogPoint; indexes: (Omit<SavedIndexEntry, 'chunks'> & { frames: Buffer[] })[] };

/**
 * Removes the saved keys (and the temp file of a write cut short). A compaction begins: the keys
 * describe the log it replaces, and they may hold what an erasure is removing.
 */
export async function removeIndexKeys(dir: string): Promise<void> {
  const file = indexKeysPath(dir);
  await rm(file, { force: true });
  await rm(rewritePath(file), { force: true });
  await syncDirectory(dir);
}

/**
 * Writes `indexes` as the keys of the log at `point`, into a temp file that is synced and then
 * renamed into place, yielding between frames so requests go on being served. Gives up (and
 * throws) at the first frame after `stopped()` turns true.
 */
export async function writeIndexKeys(dir: string, point: LogPoint, indexes: CapturedIndex[], stopped: () => boolean = () => false): Promise<void> {
  const file = indexKeysPath(dir);
  const temp = rewritePath(file);
  const handle = await open(temp, 'w');
  try {
    let position = 0;
    let pending: Buffer[] = [INDEX_KEYS_MAGIC];
    let pendingBytes = INDEX_KEYS_MAGIC.length;
    const flush = async () => {
      const bytes = Buffer.concat(pending);
      for (let done = 0; done < bytes.length; ) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
        if (bytesWritten === 0) throw new Error('write made no progress');
        done += bytesWritten;
      }
      position += bytes.length;
      pending = [];
      pendingBytes = 0;
    };
    const frame = async (payload: Buffer) => {
      pending.push(frameHeader(payload), payload);
      pendingBytes += FRAME_HEADER_BYTES + payload.length;
      if (pendingBytes >= WRITE_CHUNK_BYTES) await flush();
    };
    const entries: SavedIndexEntry[] = [];
    for (const index of indexes) {
      const { collection, name, declaration, multikey } = index;
      const entry: SavedIndexEntry = { collection, name, declaration, multikey, count: 0, chunks: 0 };
      let keys: IndexKey[] = [];
      const cut = async () => {
        await frame(encodeKeys(keys));
        entry.count += keys.length;
        entry.chunks += 1;
        keys = [];
        await new Promise((resolve) => setImmediate(resolve));
        if (stopped()) throw new Error('the store closed while its index keys were being saved');
      };
      for (const key of index.entries) {
        keys.push(key);
        if (keys.length >= KEYS_PER_FRAME) await cut();
      }
      if (keys.length > 0) await cut();
      entries.push(entry);
    }
    await frame(serialize({ point, indexes: entries } satisfies Directory));
    await flush();
    await handle.datasync();
  } catch (error) {
    await handle.close().catch(() => {});
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  await syncDirectory(dirname(file));
}

/** The saved keys of `dir` when the file is there and every frame of it holds; otherwise null. */
export async function readIndexKeys(dir: string): Promise<SavedKeysFile | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(indexKeysPath(dir));
  } catch {
    // Missing (no compaction yet, or one running when the process stopped), or too large to read
    // at once: the indexes are built from the documents.
    return null;
  }
  return parseIndexKeys(bytes);
}

export function parseIndexKeys(bytes: Buffer): SavedKeysFile | null {
  if (bytes.length < INDEX_KEYS_MAGIC.length) return null;
  const magic = bytes.subarray(0, INDEX_KEYS_MAGIC.length);
  const version = magic.equals(INDEX_KEYS_MAGIC) ? 3 : magic.equals(ARRAY_KEYS_MAGIC) ? 1 : null;
  if (version === null) return null;
  const payloads: Buffer[] = [];
  for (let at = INDEX_KEYS_MAGIC.length; at < bytes.length; ) {
    if (at + FRAME_HEADER_BYTES > bytes.length) return null;
    const length = bytes.readUInt32LE(at);
    const start = at + FRAME_HEADER_BYTES;
    const end = start + length;
    if (length === 0 || end > bytes.length) return null;
    const payload = bytes.subarray(start, end);
    if (crc32(payload) !== bytes.readUInt32LE(at + 4)) return null;
    payloads.push(payload);
    at = end;
  }
  const last = payloads.pop();
  if (last === undefined) return null;
  let directory: unknown;
  try {
    directory = deserialize(last);
  } catch {
    return null;
  }
  if (!isDirectory(directory)) return null;
  if (directory.indexes.reduce((sum, entry) => sum + entry.chunks, 0) !== payloads.length) return null;
  let next = 0;
  return {
    version,
    point: directory.point,
    indexes: directory.indexes.map(({ chunks, ...entry }) => ({ ...entry, frames: payloads.slice(next, (next += chunks)) })),
  };
}

function isDirectory(value: unknown): value is Directory {
  if (typeof value !== 'object' || value === null) return false;
  const { point, indexes } = value as Partial<Directory>;
  return (
    typeof point === 'object' &&
    point !== null &&
    Number.isSafeInteger(point.bytes) &&
    Number.isSafeInteger(point.frames) &&
    typeof point.digest === 'string' &&
    Array.isArray(indexes) &&
    indexes.every(
      (entry: Partial<SavedIndexEntry>) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof entry.collection === 'string' &&
        typeof entry.name === 'string' &&
        typeof entry.declaration === 'string' &&
        typeof entry.multikey === 'boolean' &&
        Number.isSafeInteger(entry.count) &&
        Number.isSafeInteger(entry.chunks) &&
        entry.chunks! >= 0,
    )
  );
}

/**
 * Follows a log's replay frame by frame and tells when it has replayed exactly the frames a
 * saved-keys file describes: `reached` from then on, never when the log differs.
 */
export class LogPointCheck {
  reached: boolean;
  private failed = false;
  private readonly digest = new FrameDigest();

  constructor(private readonly point: LogPoint) {
    this.reached = point.frames === 0 && sameLogPoint(this.digest.point(LOG_MAGIC.length), point);
    if (point.frames === 0) this.failed = !this.reached;
  }

  /** Counts a frame just replayed. */
  replayed(offset: number, length: number, checksum: number): void {
    if (this.reached || this.failed) return;
    this.digest.addFrame(length, checksum);
    if (this.digest.frames < this.point.frames) return;
    this.reached = sameLogPoint(this.digest.point(offset + FRAME_HEADER_BYTES + length), this.point);
    this.failed = !this.reached;
  }
}

function sameLogPoint(a: LogPoint, b: LogPoint): boolean {
  return a.bytes === b.bytes && a.frames === b.frames && a.digest === b.digest;
}

/**
 * Saved keys that matched the log, while indexes are being declared: each saved index is handed
 * out once, with the documents written since the point.
 */
export class SavedIndexKeys {
  /** Per collection: each document written since the point → its image at the point (null: none). */
  private readonly changed = new Map<string, Map<string, Buffer | null>>();
  private readonly unclaimed = new Map<string, SavedKeysFile['indexes'][number]>();
  private readonly version: SavedKeysFile['version'];

  constructor(file: SavedKeysFile) {
    this.version = file.version;
    for (const index of file.indexes) this.unclaimed.set(indexKey(index.collection, index.name), index);
  }

  /** True once every saved index was handed out (or refused): nothing is left to keep. */
  get exhausted(): boolean {
    return this.unclaimed.size === 0;
  }

  /** Before a write of (collection, id) is applied: remembers the document's image at the point, the first time. */
  noteWrite(collection: string, id: string, current: Buffer | null): void {
    let ids = this.changed.get(collection);
    if (ids === undefined) this.changed.set(collection, (ids = new Map()));
    if (!ids.has(id)) ids.set(id, current);
  }

  /**
   * The saved keys of `index` on `collection`, in order, when they were saved for its very
   * declaration and decode to as many keys as were saved; otherwise null.
   */
  take(collection: string, index: OrderedIndex): { keys: IndexKey[]; multikey: boolean } | null {
    const key = indexKey(collection, index.name);
    const saved = this.unclaimed.get(key);
    if (saved === undefined) return null;
    this.unclaimed.delete(key);
    if (saved.declaration !== index.declaration) return null;
    const keys: IndexKey[] = [];
    const fields = index.fields.length;
    try {
      for (const frame of saved.frames) {
        const chunk = decodeKeys(frame);
        if (!Array.isArray(chunk)) return null;
        for (const entry of chunk as unknown[]) {
          if (this.version === 3) {
            if (typeof entry !== 'string') return null;
            keys.push(entry);
          } else {
            if (!Array.isArray(entry) || entry.length !== fields + 1 || typeof entry[fields] !== 'string') return null;
            keys.push(index.keyOf(entry.slice(0, fields), entry[fields]));
          }
        }
      }
    } catch {
      return null;
    }
    return keys.length === saved.count ? { keys, multikey: saved.multikey } : null;
  }

  /** Lets the saved keys of `index` go unused (the index is built from the documents). */
  decline(collection: string, index: OrderedIndex): null {
    this.unclaimed.delete(indexKey(collection, index.name));
    return null;
  }

  /** Documents of `collection` written since the point, each with its image at the point. */
  changedSince(collection: string): ReadonlyMap<string, Buffer | null> {
    return this.changed.get(collection) ?? new Map();
  }
}

/** A frame of keys (see the layout above). */
function encodeKeys(keys: IndexKey[]): Buffer {
  return Buffer.from(JSON.stringify(keys), 'utf8');
}

const JSON_ARRAY = 0x5b; // '['

/** A frame of keys of either version: JSON, or (version 1 only) v8's format. */
function decodeKeys(frame: Buffer): unknown {
  return frame[0] === JSON_ARRAY ? JSON.parse(frame.toString('utf8')) : deserialize(frame);
}

function indexKey(collection: string, name: string): string {
  return `${collection}\u0000${name}`;
}
