// How the embedded search index survives a restart: every change is appended to segment files
// under DATA_DIR/search (`segment-000001.log`, …) and replayed into memory at start. Nothing is ever
// rewritten whole: a segment is closed at SEGMENT_BYTES and a new one begun; a closed segment whose
// documents were mostly replaced since is compacted by appending its few live documents to the
// newest segment and deleting it (bounded work, never more than one segment's worth).
//
// A frame is [payload length u32 LE][CRC-32 u32 LE][v8-serialized payload], the store's framing
// (store/log-frame.ts). A frame holds a batch of changes and the event sequence the index reflects
// after it; a document's terms travel as numbers into the frame's own term list, so replaying
// needs no tokenising. Writes are group-committed and run beside searches: a search never waits
// for a write, and `durableThroughSeq` moves only once a frame is on disk (fdatasync).
//
// Damage: a torn last frame (a crash mid-write) is cut off; anything else costs the index, never
// the server: it starts empty at seq 0 and the indexer replays the event log into it.

import { mkdir, open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { encodeFrame, FRAME_HEADER_BYTES } from '../store/log-frame.ts';
import { crc32 } from 'node:zlib';
import type { DocumentFacts, InvertedIndex, TermWeights } from './inverted-index.ts';

const SEGMENT_MAGIC = Buffer.from('DFSRCH01', 'latin1');
const SEGMENT_NAME = /^segment-(\d{6,})\.log$/;
/** The embedded engine's former whole-index snapshot; replaced by segments, removed when found. */
const FORMER_SNAPSHOT = 'search-index.json';
const DEFAULT_SEGMENT_BYTES = 32 * 2 ** 20;
const RETRY_MS = 1000;

type FrameDocument = { facts: DocumentFacts; terms: Uint32Array };
type Frame = { seq: number; clear: boolean; removed: string[]; terms: string[]; docs: FrameDocument[] };

/** A change the index made, to be appended. `docs` carry the index's own term numbers. */
export type IndexChange = { seq: number; removed: string[]; docs: { facts: DocumentFacts; terms: TermWeights }[] };

type Pending = { kind: 'change'; change: IndexChange } | { kind: 'clear' };

export class IndexDamaged extends Error {}

export type SegmentLogOptions = { segmentBytes?: number; onWarning: (message: string) => void };

function segmentName(number: number): string {
  return `segment-${String(number).padStart(6, '0')}.log`;
}

export class SegmentLog {
  readonly #dir: string;
  readonly #index: InvertedIndex;
  readonly #segmentBytes: number;
  readonly #warn: (message: string) => void;
  /** Per segment: documents written into it, and how many of those are still the current version. */
  readonly #segments = new Map<number, { written: number; live: number }>();
  #current: { number: number; file: FileHandle; size: number } | null = null;
  #queue: Pending[] = [];
  #draining: Promise<void> | null = null;
  #durableThroughSeq: number;
  #closed = false;

  private constructor(dir: string, index: InvertedIndex, options: SegmentLogOptions) {
    this.#dir = dir;
    this.#index = index;
    this.#segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.#warn = options.onWarning;
    this.#durableThroughSeq = index.throughSeq;
  }

  /** Replays the segments under `dir` into `index` (empty), then opens the log for appending. */
  static async open(dir: string, index: InvertedIndex, options: SegmentLogOptions): Promise<SegmentLog> {
    await mkdir(dir, { recursive: true });
    await rm(join(dir, FORMER_SNAPSHOT), { force: true });
    const numbers = (await readdir(dir))
      .map((name) => SEGMENT_NAME.exec(name)?.[1])
      .filter((digits) => digits !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const log = new SegmentLog(dir, index, options);
    try {
      for (const [i, number] of numbers.entries()) await log.#replay(number, i === numbers.length - 1);
    } catch (error) {
      if (!(error instanceof IndexDamaged)) throw error;
      options.onWarning(`search index under ${dir} is damaged (${error.message}); starting empty at seq 0, the indexer replays the event log`);
      for (const number of numbers) await rm(join(dir, segmentName(number)), { force: true });
      index.clear();
      log.#segments.clear();
    }
    index.vocabulary.settle();
    log.#durableThroughSeq = index.throughSeq;
    const last = numbers.at(-1);
    await log.#openSegment(last !== undefined && log.#segments.has(last) ? last : (last ?? 0) + 1);
    return log;
  }

  get durableThroughSeq(): number {
    return this.#durableThroughSeq;
  }

  /** A replaced or removed version no longer counts as live in the segment that holds it. */
  released(segment: number | null): void {
    const stats = segment === null ? undefined : this.#segments.get(segment);
    if (stats) stats.live--;
  }

  /** Queues a change for the disk; it is written with whatever else is queued by then. */
  record(change: IndexChange): void {
    this.#queue.push({ kind: 'change', change });
    this.#drainSoon();
  }

  /** The index was emptied: resolves once that is durable (a crash mid-rebuild then restarts it from seq 0). */
  async clear(): Promise<void> {
    this.#queue.push({ kind: 'clear' });
    await this.flush();
  }

  /** Resolves once everything queued so far is on disk. */
  async flush(): Promise<void> {
    while (this.#queue.length > 0 || this.#draining) await (this.#draining ?? this.#drainSoon());
  }

  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    await this.#current?.file.close();
    this.#current = null;
  }

  #drainSoon(): Promise<void> {
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = null;
    });
    return this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#closed) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        await this.#write(batch);
      } catch (error) {
        // The changes stay in memory and searchable; only durability waits. Put them back first.
        this.#queue = [...batch, ...this.#queue];
        this.#warn(`search index ${this.#dir} could not be written, will retry: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  async #write(batch: Pending[]): Promise<void> {
    let frames: { frame: Buffer; change: IndexChange }[] = [];
    const writeFrames = async () => {
      if (frames.length === 0) return;
      await this.#append(frames.map(({ frame }) => frame));
      for (const { change } of frames) this.#placed(change);
      this.#durableThroughSeq = Math.max(this.#durableThroughSeq, ...frames.map(({ change }) => change.seq));
      frames = [];
    };
    for (const pending of batch) {
      if (pending.kind === 'clear') {
        await writeFrames();
        await this.#restart();
        continue;
      }
      frames.push({ frame: encodeFrame(serialize(this.#encode(pending.change))), change: pending.change });
    }
    await writeFrames();
    await this.#compactOne();
  }

  /** Appends frames to the current segment and syncs; a failed write is cut back off. */
  async #append(frames: Buffer[]): Promise<void> {
    let current = this.#current!;
    if (current.size >= this.#segmentBytes) {
      await current.file.close();
      await this.#openSegment(current.number + 1);
      current = this.#current!;
    }
    const before = current.size;
    try {
      const data = Buffer.concat(frames);
      await current.file.write(data, 0, data.length, before);
      await current.file.datasync();
      current.size += data.length;
    } catch (error) {
      await current.file.truncate(before).catch(() => undefined);
      throw error;
    }
  }

  /** After a clear: a new segment whose first frame says so, then the older segments go. */
  async #restart(): Promise<void> {
    const older = [...this.#segments.keys()];
    const previous = this.#current!;
    await previous.file.close();
    await this.#openSegment(previous.number + 1);
    await this.#append([encodeFrame(serialize({ seq: 0, clear: true, removed: [], terms: [], docs: [] } satisfies Frame))]);
    this.#durableThroughSeq = 0;
    for (const number of [...older, previous.number]) {
      if (number === this.#current!.number) continue;
      this.#segments.delete(number);
      await rm(join(this.#dir, segmentName(number)), { force: true });
    }
  }

  /** A closed segment that holds less live than dead: its live documents move to the newest. */
  async #compactOne(): Promise<void> {
    const current = this.#current!.number;
    for (const [number, stats] of this.#segments) {
      if (number === current || stats.live * 2 > stats.written) continue;
      const docs = this.#index.idsInSegment(number).map((id) => {
        const stored = this.#index.stored(id)!;
        return { facts: stored.facts, terms: stored.terms };
      });
      if (docs.length > 0) {
        const change: IndexChange = { seq: this.#durableThroughSeq, removed: [], docs };
        await this.#append([encodeFrame(serialize(this.#encode(change)))]);
        for (const doc of docs) this.released(number);
        this.#placed(change);
      }
      this.#segments.delete(number);
      await rm(join(this.#dir, segmentName(number)), { force: true });
      return;
    }
  }

  #placed(change: IndexChange): void {
    const number = this.#current!.number;
    const stats = this.#segments.get(number)!;
    for (const doc of change.docs) {
      stats.written++;
      if (this.#index.placed(doc.facts.id, doc.terms, number)) stats.live++;
    }
  }

  #encode(change: IndexChange): Frame {
    const local = new Map<number, number>();
    const terms: string[] = [];
    const docs = change.docs.map(({ facts, terms: weights }) => {
      const encoded = new Uint32Array(weights.length);
      for (let i = 0; i < weights.length; i += 2) {
        let id = local.get(weights[i]!);
        if (id === undefined) {
          id = terms.length;
          local.set(weights[i]!, id);
          terms.push(this.#index.vocabulary.term(weights[i]!));
        }
        encoded[i] = id;
        encoded[i + 1] = weights[i + 1]!;
      }
      return { facts, terms: encoded };
    });
    return { seq: change.seq, clear: false, removed: change.removed, terms, docs };
  }

  async #openSegment(number: number): Promise<void> {
    const path = join(this.#dir, segmentName(number));
    const file = await open(path, 'a+');
    let { size } = await file.stat();
    if (size === 0) {
      await file.write(SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length, 0);
      await file.datasync();
      size = SEGMENT_MAGIC.length;
    }
    this.#current = { number, file, size };
    if (!this.#segments.has(number)) this.#segments.set(number, { written: 0, live: 0 });
  }

  async #replay(number: number, last: boolean): Promise<void> {
    const path = join(this.#dir, segmentName(number));
    const data = await readFile(path);
    if (data.length < SEGMENT_MAGIC.length || !data.subarray(0, SEGMENT_MAGIC.length).equals(SEGMENT_MAGIC)) {
      // A crash right after creating the newest segment leaves it empty or with part of its magic.
      if (last && SEGMENT_MAGIC.subarray(0, data.length).equals(data)) {
        await rm(path, { force: true });
        return;
      }
      throw new IndexDamaged(`${segmentName(number)} does not start as a segment`);
    }
    this.#segments.set(number, { written: 0, live: 0 });
    let offset = SEGMENT_MAGIC.length;
    while (offset < data.length) {
      const end = offset + FRAME_HEADER_BYTES + (offset + 4 <= data.length ? data.readUInt32LE(offset) : 0);
      const torn = offset + FRAME_HEADER_BYTES > data.length || end > data.length;
      const intact = !torn && data.readUInt32LE(offset + 4) === crc32(data.subarray(offset + FRAME_HEADER_BYTES, end));
      if (!intact) {
        // Only the very end of the newest segment may be a write the crash cut short.
        if (last && (torn || end === data.length)) {
          this.#warn(`search index ${segmentName(number)}: cutting a torn last write at byte ${offset}`);
          const file = await open(path, 'r+');
          await file.truncate(offset);
          await file.close();
          return;
        }
        throw new IndexDamaged(`${segmentName(number)} has a bad frame at byte ${offset}`);
      }
      let frame: Frame;
      try {
        frame = deserialize(data.subarray(offset + FRAME_HEADER_BYTES, end)) as Frame;
      } catch (error) {
        throw new IndexDamaged(`${segmentName(number)} has an unreadable frame at byte ${offset}: ${String(error)}`);
      }
      this.#apply(frame, number);
      offset = end;
    }
  }

  #apply(frame: Frame, segment: number): void {
    if (frame.clear) {
      this.#index.clear();
      for (const number of this.#segments.keys()) if (number !== segment) this.#segments.delete(number);
    }
    for (const id of frame.removed) this.released(this.#index.remove(id).removedSegment);
    const stats = this.#segments.get(segment)!;
    const ids = frame.terms.map((term) => this.#index.vocabulary.intern(term));
    for (const doc of frame.docs) {
      const terms = new Uint32Array(doc.terms.length);
      for (let i = 0; i < terms.length; i += 2) {
        terms[i] = ids[doc.terms[i]!]!;
        terms[i + 1] = doc.terms[i + 1]!;
      }
      this.released(this.#index.put(doc.facts, terms).replacedSegment);
      this.#index.placed(doc.facts.id, terms, segment);
      stats.written++;
      stats.live++;
    }
    if (!frame.clear) this.#index.advance(frame.seq);
  }
}
