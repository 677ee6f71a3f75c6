// How the embedded search index survives a restart, and opens fast after one. Every change is
// appended to the open segment under DATA_DIR/search (`segment-000007.log`). When that file is full
// it is sealed: its net content is written once as a snapshot (`segment-000007.snap`,
// segment-snapshot.ts) and its frames are deleted. Opening reads the snapshots — documents with
// their terms as numbers, built into postings in one pass — and replays only the open segment's
// frames, so the load is a read, not a rebuild. Nothing is ever rewritten whole: a sealed segment
// whose documents were mostly replaced since is compacted by appending its few live documents to
// the open segment and deleting it (bounded work, never more than one segment's worth).
//
// A frame is [payload length u32 LE][CRC-32 u32 LE][v8-serialized payload], the store's framing
// (store/log-frame.ts). A frame holds up to FRAME_DOCUMENTS changed documents and the event
// sequence the index reflects after it; a document's terms travel as numbers into the frame's own
// term list. A change too big for one frame is split, and only its last frame carries its sequence,
// so a crash between them never claims a sequence whose documents are not all on disk.
//
// No search waits behind persistence: writes, snapshots and compaction run beside searches in the
// worker, and every piece of their CPU work (encoding frames and snapshots, checksums) gives the
// event loop back after SLICE_MS, so a search arriving meanwhile waits at most that long.
// `durableThroughSeq` moves only once a frame is on disk (fdatasync).
//
// Damage: a torn last frame (a crash mid-write) is cut off; anything else — a bad frame, a snapshot
// failing its checksum — costs the index, never the server and never a document: the index starts
// empty at seq 0 and the indexer replays the event log (the store) into it. Nothing damaged is
// trusted in part.

import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { encodeFrame, FRAME_HEADER_BYTES } from '../store/log-frame.ts';
import { syncDirectory } from '../store/transaction-log.ts';
import type { DocumentFacts, InvertedIndex, TermWeights } from './inverted-index.ts';
import { decodeSnapshot, encodeSnapshot, SnapshotDamaged, withReaderList, type SegmentContent, type StoredDocument } from './segment-snapshot.ts';

/**
 * 02: documents carry reader lists (segment-snapshot.ts says why the format changed). A newest
 * segment of the former format is read, then sealed rather than appended to, so no file ever mixes
 * the two and an older server never reads a reader list it would ignore.
 */
const SEGMENT_MAGIC = Buffer.from('DFSRCH02', 'latin1');
const FORMER_SEGMENT_MAGIC = Buffer.from('DFSRCH01', 'latin1');
const SEGMENT_FILE = /^segment-(\d{6,})\.(log|snap)$/;
/** The embedded engine's former whole-index snapshot; replaced by segments, removed when found. */
const FORMER_SNAPSHOT = 'search-index.json';
/**
 * A segment is sealed at this size. It bounds what a start after a crash replays frame by frame
 * (the open segment) and what one compaction moves.
 */
const DEFAULT_SEGMENT_BYTES = 8 * 2 ** 20;
/** A clean stop seals the open segment from this size on. */
const SEAL_ON_CLOSE_BYTES = 2 ** 20;
/** Documents per frame: one frame is serialized in one go, so this bounds that piece of work. */
const FRAME_DOCUMENTS = 64;
/** Persistence work gives the worker's event loop back after this long (ms), so searches go first. */
const SLICE_MS = 4;
const RETRY_MS = 1000;

type FrameDocument = { facts: DocumentFacts; terms: Uint32Array };
type Frame = { seq: number; clear: boolean; removed: string[]; terms: string[]; docs: FrameDocument[] };

/** A change the index made, to be appended. `docs` carry the index's own term numbers. */
export type IndexChange = { seq: number; removed: string[]; docs: { facts: DocumentFacts; terms: TermWeights }[] };

/** A frame's bytes and the part of a change it holds. */
type EncodedFrame = { bytes: Buffer; part: IndexChange };

type Pending = { kind: 'change'; change: IndexChange } | { kind: 'clear' };

export class IndexDamaged extends Error {}

export type SegmentLogOptions = {
  segmentBytes?: number;
  onWarning: (message: string) => void;
  /**
   * Fault injection (tests only): the persistence path spends this long, busy, on every document it
   * encodes — as a huge compaction or a slow machine would — to prove searches do not wait for it.
   */
  slowPersistenceMsPerDocument?: number;
};

function segmentName(number: number, form: 'log' | 'snap'): string {
  return `segment-${String(number).padStart(6, '0')}.${form}`;
}

function emptyContent(): SegmentContent {
  return { seq: 0, clear: false, written: 0, net: new Map() };
}

export class SegmentLog {
  readonly #dir: string;
  readonly #index: InvertedIndex;
  readonly #segmentBytes: number;
  readonly #warn: (message: string) => void;
  readonly #slowMs: number;
  /** Per segment: documents written into it, and how many of those are still the current version. */
  readonly #segments = new Map<number, { written: number; live: number }>();
  #current: { number: number; file: FileHandle; size: number; content: SegmentContent } | null = null;
  /** Sealed segments whose snapshot is still to be written (their frames are on disk meanwhile). */
  #sealed: { number: number; content: SegmentContent }[] = [];
  /** Segments read whose frames are of the former format (FORMER_SEGMENT_MAGIC). */
  readonly #formerFormat = new Set<number>();
  #queue: Pending[] = [];
  #draining: Promise<void> | null = null;
  #durableThroughSeq: number;
  #closed = false;
  #sliceStarted = performance.now();

  private constructor(dir: string, index: InvertedIndex, options: SegmentLogOptions) {
    this.#dir = dir;
    this.#index = index;
    this.#segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.#warn = options.onWarning;
    this.#slowMs = options.slowPersistenceMsPerDocument ?? 0;
    this.#durableThroughSeq = index.throughSeq;
  }

  /** Loads the segments under `dir` into `index` (empty), then opens the log for appending. */
  static async open(dir: string, index: InvertedIndex, options: SegmentLogOptions): Promise<SegmentLog> {
    await mkdir(dir, { recursive: true });
    await rm(join(dir, FORMER_SNAPSHOT), { force: true });
    const names = await readdir(dir);
    for (const name of names) if (name.endsWith('.tmp')) await rm(join(dir, name), { force: true });
    const forms = new Map<number, Set<'log' | 'snap'>>();
    for (const name of names) {
      const match = SEGMENT_FILE.exec(name);
      if (!match) continue;
      const number = Number(match[1]);
      if (!forms.has(number)) forms.set(number, new Set());
      forms.get(number)!.add(match[2] as 'log' | 'snap');
    }
    const numbers = [...forms.keys()].sort((a, b) => a - b);
    const log = new SegmentLog(dir, index, options);
    let openContent: SegmentContent | null = null;
    try {
      const contents: { number: number; content: SegmentContent }[] = [];
      for (const [i, number] of numbers.entries()) {
        const last = i === numbers.length - 1;
        const content = await log.#read(number, forms.get(number)!, last);
        if (content === null) continue;
        contents.push({ number, content });
        const appendable = last && forms.get(number)!.has('log') && !forms.get(number)!.has('snap') && !log.#formerFormat.has(number);
        if (appendable) openContent = content;
        else if (!forms.get(number)!.has('snap')) log.#sealed.push({ number, content });
      }
      log.#load(contents);
    } catch (error) {
      if (!(error instanceof IndexDamaged)) throw error;
      options.onWarning(`search index under ${dir} is damaged (${error.message}); starting empty at seq 0, the indexer replays the event log`);
      for (const number of numbers) {
        await rm(join(dir, segmentName(number, 'log')), { force: true });
        await rm(join(dir, segmentName(number, 'snap')), { force: true });
      }
      index.clear();
      log.#segments.clear();
      log.#sealed = [];
      openContent = null;
    }
    log.#durableThroughSeq = index.throughSeq;
    const last = numbers.at(-1);
    // Segments before a clear whose deletion a crash interrupted are void: they go now.
    for (const number of numbers) {
      if (log.#segments.has(number)) continue;
      await rm(join(dir, segmentName(number, 'log')), { force: true });
      await rm(join(dir, segmentName(number, 'snap')), { force: true });
    }
    if (openContent !== null) await log.#openSegment(last!, openContent);
    else await log.#openSegment((last ?? 0) + 1, emptyContent());
    // Sealed segments left without a snapshot (a crash before it was written) get one now.
    if (log.#sealed.length > 0) void log.#drainSoon();
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
    void this.#drainSoon();
  }

  /** The index was emptied: resolves once that is durable (a crash mid-rebuild then restarts it from seq 0). */
  async clear(): Promise<void> {
    this.#queue.push({ kind: 'clear' });
    await this.flush();
  }

  /** Resolves once everything queued so far is on disk, and sealed segments have their snapshots. */
  async flush(): Promise<void> {
    while (this.#queue.length > 0 || this.#draining) await (this.#draining ?? this.#drainSoon());
  }

  async close(): Promise<void> {
    await this.flush();
    // A clean stop seals an open segment of some size, so the next start reads its snapshot
    // instead of replaying its frames (smaller ones are cheap to replay and not worth a segment).
    if (this.#current !== null && this.#current.size >= SEAL_ON_CLOSE_BYTES) {
      await this.#seal();
      await this.#snapshotSealed();
    }
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
    while (!this.#closed) {
      if (this.#queue.length > 0) {
        const batch = this.#queue;
        this.#queue = [];
        try {
          await this.#write(batch);
        } catch (error) {
          // The changes stay in memory and searchable; only durability waits. Put them back first.
          this.#queue = [...batch, ...this.#queue];
          this.#warn(`search index ${this.#dir} could not be written, will retry: ${describe(error)}`);
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
          continue;
        }
      }
      let compacted = false;
      try {
        await this.#snapshotSealed();
        compacted = await this.#compactOne();
      } catch (error) {
        // Upkeep, not durability: the frames are on disk; it is tried again after the next write.
        this.#warn(`search index ${this.#dir}: a snapshot or compaction failed, will retry: ${describe(error)}`);
        return;
      }
      if (this.#queue.length === 0 && this.#sealed.length === 0 && !compacted) return;
    }
  }

  /** Gives the event loop back when this slice of persistence work has run SLICE_MS. */
  async #pause(): Promise<void> {
    if (performance.now() - this.#sliceStarted < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.#sliceStarted = performance.now();
  }

  /** Fault injection: a busy wait per document (see SegmentLogOptions). */
  #slowDown(): void {
    if (this.#slowMs <= 0) return;
    const until = performance.now() + this.#slowMs;
    while (performance.now() < until);
  }

  async #write(batch: Pending[]): Promise<void> {
    let frames: EncodedFrame[] = [];
    for (const pending of batch) {
      if (pending.kind === 'clear') {
        await this.#appendFrames(frames);
        frames = [];
        await this.#restart();
        continue;
      }
      frames.push(...(await this.#frames(pending.change)));
    }
    await this.#appendFrames(frames);
  }

  /**
   * A change as frames of at most FRAME_DOCUMENTS documents. Only the last carries the change's
   * sequence; the others carry 0, which moves no mark, so a crash between them claims nothing.
   */
  async #frames(change: IndexChange): Promise<EncodedFrame[]> {
    const frames: EncodedFrame[] = [];
    let start = 0;
    do {
      const docs = change.docs.slice(start, start + FRAME_DOCUMENTS);
      const last = start + FRAME_DOCUMENTS >= change.docs.length;
      const part: IndexChange = { seq: last ? change.seq : 0, removed: start === 0 ? change.removed : [], docs };
      frames.push({ bytes: encodeFrame(serialize(await this.#encode(part))), part });
      start += FRAME_DOCUMENTS;
    } while (start < change.docs.length);
    return frames;
  }

  /**
   * Appends frames in order, sealing the open segment whenever it is full (a backlog written at
   * once still makes segments of about SEGMENT_BYTES), each piece synced before it counts.
   */
  async #appendFrames(frames: EncodedFrame[]): Promise<void> {
    let start = 0;
    while (start < frames.length) {
      if (this.#current!.size >= this.#segmentBytes) await this.#seal();
      let end = start;
      let bytes = 0;
      do bytes += frames[end++]!.bytes.length;
      while (end < frames.length && this.#current!.size + bytes < this.#segmentBytes);
      const piece = frames.slice(start, end);
      await this.#append(piece.map((frame) => frame.bytes));
      for (const { part } of piece) this.#placed(part);
      this.#durableThroughSeq = Math.max(this.#durableThroughSeq, ...piece.map(({ part }) => part.seq));
      start = end;
    }
  }

  /** Appends frames to the open segment and syncs; a failed write is cut back off. */
  async #append(frames: Buffer[]): Promise<void> {
    const current = this.#current!;
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

  /** The open segment is full: it is closed, queued for its snapshot, and a new one opened. */
  async #seal(): Promise<void> {
    const current = this.#current!;
    await current.file.close();
    this.#sealed.push({ number: current.number, content: current.content });
    await this.#openSegment(current.number + 1, emptyContent());
  }

  /** Writes the snapshot of each sealed segment waiting for one, then deletes its frames. */
  async #snapshotSealed(): Promise<void> {
    while (this.#sealed.length > 0) {
      const { number, content } = this.#sealed[0]!;
      const bytes = await encodeSnapshot(content, (id) => this.#index.vocabulary.term(id), () => this.#pause(), () => this.#slowDown());
      // Compacted or cleared away while it was encoded: nothing to keep.
      if (this.#sealed[0]?.number !== number) continue;
      const path = join(this.#dir, segmentName(number, 'snap'));
      const file = await open(`${path}.tmp`, 'w');
      try {
        await file.write(bytes, 0, bytes.length, 0);
        await file.datasync();
      } finally {
        await file.close();
      }
      await rename(`${path}.tmp`, path);
      await syncDirectory(this.#dir);
      await rm(join(this.#dir, segmentName(number, 'log')), { force: true });
      this.#sealed.shift();
    }
  }

  /** After a clear: a new segment whose first frame says so, then the older segments go. */
  async #restart(): Promise<void> {
    const older = [...this.#segments.keys()];
    const previous = this.#current!;
    await previous.file.close();
    await this.#openSegment(previous.number + 1, { ...emptyContent(), clear: true });
    await this.#append([encodeFrame(serialize({ seq: 0, clear: true, removed: [], terms: [], docs: [] } satisfies Frame))]);
    this.#durableThroughSeq = 0;
    this.#sealed = [];
    for (const number of [...older, previous.number]) {
      if (number === this.#current!.number) continue;
      await this.#deleteSegment(number);
    }
  }

  /**
   * A sealed segment that holds less live than dead: its live documents move to the open one.
   * One segment a call, between writes; true when one was compacted (there may be more).
   */
  async #compactOne(): Promise<boolean> {
    const current = this.#current!.number;
    for (const [number, stats] of this.#segments) {
      if (number === current || stats.live * 2 > stats.written) continue;
      const docs: IndexChange['docs'] = [];
      for (const id of this.#index.idsInSegment(number)) {
        const doc = this.#index.stored(id)!;
        docs.push({ facts: doc.facts, terms: doc.terms });
      }
      if (docs.length > 0) {
        // A document replaced or removed while these frames are encoded is written again after
        // them by its own change, so the open segment ends with its newest version either way.
        await this.#appendFrames(await this.#frames({ seq: this.#durableThroughSeq, removed: [], docs }));
      }
      await this.#deleteSegment(number);
      return true;
    }
    return false;
  }

  async #deleteSegment(number: number): Promise<void> {
    this.#segments.delete(number);
    this.#sealed = this.#sealed.filter((sealed) => sealed.number !== number);
    await rm(join(this.#dir, segmentName(number, 'log')), { force: true });
    await rm(join(this.#dir, segmentName(number, 'snap')), { force: true });
  }

  /** The change is on disk in the open segment: counted there, and part of its content. */
  #placed(change: IndexChange): void {
    const current = this.#current!;
    const stats = this.#segments.get(current.number)!;
    const content = current.content;
    for (const id of change.removed) rewrite(content.net, id, null);
    for (const doc of change.docs) {
      stats.written++;
      content.written++;
      rewrite(content.net, doc.facts.id, { facts: doc.facts, terms: doc.terms });
      if (this.#index.placed(doc.facts.id, doc.terms, current.number)) stats.live++;
    }
    content.seq = Math.max(content.seq, change.seq);
  }

  async #encode(change: IndexChange): Promise<Frame> {
    const local = new Map<number, number>();
    const terms: string[] = [];
    const docs: FrameDocument[] = [];
    for (const { facts, terms: weights } of change.docs) {
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
      this.#slowDown();
      docs.push({ facts, terms: encoded });
      await this.#pause();
    }
    return { seq: change.seq, clear: false, removed: change.removed, terms, docs };
  }

  async #openSegment(number: number, content: SegmentContent): Promise<void> {
    const path = join(this.#dir, segmentName(number, 'log'));
    const file = await open(path, 'a+');
    let { size } = await file.stat();
    if (size === 0) {
      await file.write(SEGMENT_MAGIC, 0, SEGMENT_MAGIC.length, 0);
      await file.datasync();
      size = SEGMENT_MAGIC.length;
    }
    this.#current = { number, file, size, content };
    if (!this.#segments.has(number)) this.#segments.set(number, { written: content.written, live: 0 });
  }

  /**
   * One segment's content: its snapshot when it has a valid one (its frames, if still there, are
   * then deleted), else its frames. Null for an empty newest segment a crash left half-created.
   */
  async #read(number: number, forms: Set<'log' | 'snap'>, last: boolean): Promise<SegmentContent | null> {
    if (forms.has('snap')) {
      const data = await readFile(join(this.#dir, segmentName(number, 'snap')));
      let content: SegmentContent;
      try {
        content = decodeSnapshot(data, (term) => this.#index.vocabulary.intern(term));
      } catch (error) {
        if (error instanceof SnapshotDamaged) throw new IndexDamaged(`${segmentName(number, 'snap')} ${error.message}`);
        throw error;
      }
      // A crash between writing the snapshot and deleting the frames leaves both: the snapshot won.
      if (forms.has('log')) await rm(join(this.#dir, segmentName(number, 'log')), { force: true });
      forms.delete('log');
      return content;
    }
    return this.#replay(number, last);
  }

  async #replay(number: number, last: boolean): Promise<SegmentContent | null> {
    const name = segmentName(number, 'log');
    const path = join(this.#dir, name);
    const data = await readFile(path);
    const magic = data.subarray(0, SEGMENT_MAGIC.length);
    if (magic.equals(FORMER_SEGMENT_MAGIC)) this.#formerFormat.add(number);
    else if (data.length < SEGMENT_MAGIC.length || !magic.equals(SEGMENT_MAGIC)) {
      // A crash right after creating the newest segment leaves it empty or with part of its magic.
      if (last && SEGMENT_MAGIC.subarray(0, data.length).equals(data)) {
        await rm(path, { force: true });
        return null;
      }
      throw new IndexDamaged(`${name} does not start as a segment`);
    }
    const content = emptyContent();
    let offset = SEGMENT_MAGIC.length;
    while (offset < data.length) {
      const end = offset + FRAME_HEADER_BYTES + (offset + 4 <= data.length ? data.readUInt32LE(offset) : 0);
      const torn = offset + FRAME_HEADER_BYTES > data.length || end > data.length;
      const intact = !torn && data.readUInt32LE(offset + 4) === crc32(data.subarray(offset + FRAME_HEADER_BYTES, end));
      if (!intact) {
        // Only the very end of the newest segment may be a write the crash cut short.
        if (last && (torn || end === data.length)) {
          this.#warn(`search index ${name}: cutting a torn last write at byte ${offset}`);
          const file = await open(path, 'r+');
          await file.truncate(offset);
          await file.close();
          return content;
        }
        throw new IndexDamaged(`${name} has a bad frame at byte ${offset}`);
      }
      let frame: Frame;
      try {
        frame = deserialize(data.subarray(offset + FRAME_HEADER_BYTES, end)) as Frame;
      } catch (error) {
        throw new IndexDamaged(`${name} has an unreadable frame at byte ${offset}: ${String(error)}`);
      }
      this.#apply(frame, content);
      offset = end;
    }
    return content;
  }

  #apply(frame: Frame, content: SegmentContent): void {
    if (frame.clear) {
      content.clear = true;
      content.net.clear();
    }
    for (const id of frame.removed) rewrite(content.net, id, null);
    const ids = frame.terms.map((term) => this.#index.vocabulary.intern(term));
    for (const doc of frame.docs) {
      const terms = doc.terms;
      for (let i = 0; i < terms.length; i += 2) terms[i] = ids[terms[i]!]!;
      rewrite(content.net, doc.facts.id, { facts: withReaderList(doc.facts), terms } satisfies StoredDocument);
      content.written++;
    }
    content.seq = Math.max(content.seq, frame.seq);
  }

  /** Every segment's content, oldest first, into the index in one pass. */
  #load(contents: { number: number; content: SegmentContent }[]): void {
    const current = new Map<string, { facts: DocumentFacts; terms: TermWeights; segment: number }>();
    let seq = 0;
    for (const { number, content } of contents) {
      if (content.clear) {
        current.clear();
        this.#segments.clear();
        this.#sealed = this.#sealed.filter((sealed) => sealed.number >= number);
        seq = 0;
      }
      for (const [id, doc] of content.net) {
        if (doc === null) current.delete(id);
        else rewrite(current, id, { facts: doc.facts, terms: doc.terms, segment: number });
      }
      seq = Math.max(seq, content.seq);
      this.#segments.set(number, { written: content.written, live: 0 });
    }
    for (const { segment } of current.values()) this.#segments.get(segment)!.live++;
    this.#index.vocabulary.settle();
    this.#index.load(current.values());
    this.#index.advance(seq);
  }
}

/**
 * Sets `key` last in the map's order (a plain set keeps a key's first place). Documents are loaded
 * in this order, so they are numbered as when they were written, and equal scores rank alike.
 */
function rewrite<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
