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

import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { WritebackPacer, writeFully } from './file-write.ts';
import { FRAME_HEADER_BYTES, FrameDigest, LOG_MAGIC, type LogPoint } from './log-frame.ts';
import type { IndexKey, OrderedIndex } from './ordered-index.ts';
import { rewritePath, syncDirectory } from './transaction-log.ts';
import { TurnBudget } from '../turn-budget.ts';

export const INDEX_KEYS_MAGIC = Buffer.from('DFSTKEY3', 'latin1');
/** Keys as arrays of values (see the layout above). */
const ARRAY_KEYS_MAGIC = Buffer.from('DFSTKEY1', 'latin1');
/** How long saving keys may hold the event loop at a time: well under the 50 ms the store promises. */
export const KEYS_TURN_MS = 5;
/** The clock is read every this many keys (reading it is not free on every machine). */
export const KEYS_BETWEEN_CLOCK_READINGS = 64;
/** Keys per frame: opening parses a frame at once. */
const KEYS_PER_FRAME = 10_000;
/** The file is written in chunks of whole frames of about this size. */
const OUTPUT_BYTES = 8 * 1024 * 1024;

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
 * renamed into place, in turns of `budget` so requests go on being served (a compaction of a
 * million posts saves millions of keys). Gives up (and throws) at the first turn after
 * `stopped()` turns true.
 *
 * Each key is written straight into one reused buffer, as JSON.stringify would write it: no array
 * of keys, no frame's text, no Buffer per frame. Those were megabytes a second of garbage while
 * the collector was already marking a heap of millions of keys, and with it the long turns.
 *
 * Turns end by the clock, not by a count of keys: frames of 10,000 keys, a few milliseconds each
 * on a quiet CPU, still held the loop for 131–221 ms at a time at a million posts when the store
 * shared one CPU with the collector's threads (docs/benchmarks.md). The same count of keys takes
 * as long as the CPU lets it; the clock counts what the loop waits for, whatever the cause.
 */
export async function writeIndexKeys(
  dir: string,
  point: LogPoint,
  indexes: CapturedIndex[],
  stopped: () => boolean = () => false,
  budget: TurnBudget = new TurnBudget(KEYS_TURN_MS),
): Promise<void> {
  const file = indexKeysPath(dir);
  const temp = rewritePath(file);
  const handle = await open(temp, 'w');
  try {
    const output = new KeyFramesOutput(handle);
    output.append(INDEX_KEYS_MAGIC);
    const entries: SavedIndexEntry[] = [];
    budget.turned();
    let sinceClockRead = 0;
    for (const index of indexes) {
      const { collection, name, declaration, multikey } = index;
      const entry: SavedIndexEntry = { collection, name, declaration, multikey, count: 0, chunks: 0 };
      let inFrame = 0;
      for (const key of index.entries) {
        if (!output.hasRoomForKey(key)) {
          await output.makeRoom(maxKeyBytes(key));
          budget.turned();
        }
        output.addKey(key, inFrame === 0);
        entry.count += 1;
        inFrame += 1;
        if (inFrame === KEYS_PER_FRAME) {
          output.closeFrame();
          entry.chunks += 1;
          inFrame = 0;
        }
        if (++sinceClockRead === KEYS_BETWEEN_CLOCK_READINGS) {
          sinceClockRead = 0;
          await budget.spend();
          if (stopped()) throw new Error('the store closed while its index keys were being saved');
        }
      }
      if (inFrame > 0) {
        output.closeFrame();
        entry.chunks += 1;
      }
      entries.push(entry);
    }
    await output.addFrame(serialize({ point, indexes: entries } satisfies Directory));
    await output.flush();
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

/** What JSON.stringify escapes in a string: '"', a backslash, a control character, a surrogate (when lone). */
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** The most bytes `key` can take in a frame: a comma and quotes, and six bytes (\uXXXX) a code unit. */
function maxKeyBytes(key: IndexKey): number {
  return 3 + 6 * key.length;
}

/**
 * The saved-keys file as it is written: frames built in one buffer, each frame a JSON array of key
 * texts byte for byte as `Buffer.from(JSON.stringify(keys))` would give it (see the layout above),
 * written to the file a chunk of whole frames at a time.
 */
class KeyFramesOutput {
  private buffer = Buffer.allocUnsafeSlow(64 * 1024);
  private used = 0;
  /** Where the open frame's header begins in the buffer, or -1. */
  private frameStart = -1;
  /** The file's bytes before the buffer's. */
  private position = 0;

  /** Synced as it is written, so that the sync before the rename has little left to write back. */
  private readonly pacer: WritebackPacer;

  constructor(private readonly handle: FileHandle) {
    this.pacer = new WritebackPacer(handle);
  }

  /** Bytes outside any frame (the magic), while the buffer has room. */
  append(bytes: Buffer): void {
    this.used += bytes.copy(this.buffer, this.used);
  }

  hasRoomForKey(key: IndexKey): boolean {
    return this.used + maxKeyBytes(key) + FRAME_HEADER_BYTES + 1 <= this.buffer.length;
  }

  /**
   * Makes room for `bytes` more: grows the buffer up to OUTPUT_BYTES (a small store's keys never
   * need megabytes), then writes the whole frames out, and grows it further only when the open frame
   * alone leaves no room.
   */
  async makeRoom(bytes: number): Promise<void> {
    const needed = () => this.used + bytes + FRAME_HEADER_BYTES + 1;
    if (this.buffer.length >= OUTPUT_BYTES) await this.write(this.frameStart === -1 ? this.used : this.frameStart);
    if (needed() > this.buffer.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(needed(), this.buffer.length * 2));
      this.buffer.copy(larger, 0, 0, this.used);
      this.buffer = larger;
    }
  }

  /** Adds `key` to the open frame, opening one when `first`. */
  addKey(key: IndexKey, first: boolean): void {
    const buffer = this.buffer;
    if (first) {
      this.frameStart = this.used;
      this.used += FRAME_HEADER_BYTES;
      buffer[this.used++] = JSON_ARRAY;
    } else {
      buffer[this.used++] = JSON_COMMA;
    }
    if (NEEDS_JSON_ESCAPE.test(key)) {
      this.used += buffer.write(JSON.stringify(key), this.used, 'utf8');
    } else {
      buffer[this.used++] = JSON_QUOTE;
      this.used += buffer.write(key, this.used, 'utf8');
      buffer[this.used++] = JSON_QUOTE;
    }
  }

  /** Ends the open frame: its closing bracket, then its header (length and checksum). */
  closeFrame(): void {
    this.buffer[this.used++] = JSON_ARRAY_END;
    this.sealFrame();
  }

  /** A whole frame of `payload` (the directory). */
  async addFrame(payload: Buffer): Promise<void> {
    if (this.used + FRAME_HEADER_BYTES + payload.length > this.buffer.length) await this.makeRoom(payload.length);
    this.frameStart = this.used;
    this.used += FRAME_HEADER_BYTES;
    this.used += payload.copy(this.buffer, this.used);
    this.sealFrame();
  }

  /** Writes out everything the buffer holds (every frame must be closed). */
  async flush(): Promise<void> {
    await this.write(this.used);
  }

  private sealFrame(): void {
    const payload = this.buffer.subarray(this.frameStart + FRAME_HEADER_BYTES, this.used);
    this.buffer.writeUInt32LE(payload.length, this.frameStart);
    this.buffer.writeUInt32LE(crc32(payload), this.frameStart + 4);
    this.frameStart = -1;
  }

  /** Writes the buffer's first `bytes` to the file, and moves what follows them to its start. */
  private async write(bytes: number): Promise<void> {
    await writeFully(this.handle, this.buffer, this.position, bytes, this.pacer);
    this.position += bytes;
    this.buffer.copy(this.buffer, 0, bytes, this.used);
    this.used -= bytes;
    if (this.frameStart !== -1) this.frameStart -= bytes;
  }
}

const JSON_ARRAY = 0x5b; // '['
const JSON_ARRAY_END = 0x5d; // ']'
const JSON_COMMA = 0x2c; // ','
const JSON_QUOTE = 0x22; // '"'

/** A frame of keys of either version: JSON, or (version 1 only) v8's format. */
function decodeKeys(frame: Buffer): unknown {
  return frame[0] === JSON_ARRAY ? JSON.parse(frame.toString('utf8')) : deserialize(frame);
}

function indexKey(collection: string, name: string): string {
  return `${collection}\u0000${name}`;
}
