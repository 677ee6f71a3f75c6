// Durability of the embedded store: an append-only file with one frame per committed transaction
// (layout in log-frame.ts).
//
// Acknowledged means on disk: a frame's waiter resolves only after an fdatasync that began after
// the frame's bytes were written has finished. After a crash only the last write can be torn;
// opening replays every intact frame, cuts such a torn tail, and refuses damage anywhere else
// (log-reader.ts).
//
// Group commit: appends queue while an fdatasync is in flight and the next flush writes them all
// with one write and one fdatasync, so concurrent transactions share the cost of the sync.
//
// A failed write or sync is final for this process: what reached the disk is unknown, so every
// frame not yet durable is refused, the file is cut back to what the last good sync covered (so a
// refused frame does not come back on restart), and appending stops. `health()` says so.

import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FRAME_HEADER_BYTES, FrameDigest, frameHeader, LOG_MAGIC, type LogPoint } from './log-frame.ts';
import { readLog, StoreLogDamagedError } from './log-reader.ts';
import { WritebackPacer, writeFully } from './file-write.ts';

/** Compaction writes the new file in chunks of about this size. */
const REWRITE_CHUNK_BYTES = 4 * 1024 * 1024;
/** Compaction catches up with appends until fewer than this many buffers are left for the switch. */
const SWITCH_TAIL_FRAMES = 64;

/** The part of a file handle the log writes through; tests wrap it to watch or fail writes and syncs. */
export type LogFileHandle = Pick<FileHandle, 'write' | 'datasync' | 'sync' | 'truncate' | 'close'>;
export type OpenLogFile = (path: string, flags: 'r+' | 'w') => Promise<LogFileHandle>;

export type LogHealth = { writable: boolean; reason?: string };

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

export type ReplayOutcome = { framesReplayed: number; bytesDiscarded: number };

/** Where a replayed frame lies: its offset in the file and its header's checksum. */
export type ReplayedFrame = { offset: number; checksum: number };

/**
 * Opens (or creates) the log at `file` and passes every intact payload to `replay` in order. A torn
 * final write is cut so new frames follow the last intact one; any other damage throws
 * StoreLogDamagedError and leaves the file untouched.
 */
export async function openTransactionLog(
  file: string,
  replay: (payload: Buffer, frame: ReplayedFrame) => void,
  options: { openFile?: OpenLogFile } = {},
): Promise<{ log: TransactionLog; outcome: ReplayOutcome }> {
  const openFile: OpenLogFile = options.openFile ?? ((path, flags) => open(path, flags));
  // A compaction interrupted before its rename leaves a temp file; the old log is still whole.
  await rm(rewritePath(file), { force: true });

  try {
    await open(file, 'r').then((handle) => handle.close());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeAtomically(file, LOG_MAGIC, openFile);
  }

  const reading = await readLog(file, (payload, offset, checksum) => replay(payload, { offset, checksum }));
  if (reading.damage !== null && !reading.tornTail) throw new StoreLogDamagedError(file, reading.damage);

  const handle = await openFile(file, 'r+');
  const bytesDiscarded = reading.size - reading.intactEnd;
  if (bytesDiscarded > 0) {
    process.emitWarning(
      `${file}: cut ${bytesDiscarded} bytes of a torn final write after the last intact transaction ` +
        `(byte ${reading.intactEnd}); no intact record followed them`,
      { code: 'DIALOGFORUM_STORE_LOG_TRUNCATED' },
    );
    await handle.truncate(reading.intactEnd);
    await handle.datasync();
  }
  return {
    log: new TransactionLog(file, handle, reading.intactEnd, openFile),
    outcome: { framesReplayed: reading.frames, bytesDiscarded },
  };
}

export class TransactionLog {
  private queuedFrames: Buffer[] = [];
  private queuedWaiters: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;
  private closing = false;
  /** The running compaction, if any. */
  private compaction: Promise<LogPoint | null> | null = null;
  /** While compacting: frames appended since it began, for the new log. */
  private mirror: Buffer[] | null = null;
  /** While a compaction puts its file in place: flushing waits. */
  private switching = false;
  /** Bytes covered by the last fdatasync that succeeded. */
  private durableSize: number;

  constructor(
    private readonly file: string,
    private handle: LogFileHandle,
    private size: number,
    private readonly openFile: OpenLogFile,
  ) {
    this.durableSize = size;
  }

  get bytes(): number {
    return this.size;
  }

  health(): LogHealth {
    if (this.failure !== null) return { writable: false, reason: this.failure.message };
    if (this.closed) return { writable: false, reason: 'the store is closed' };
    return { writable: true };
  }

  /**
   * Throws when appending can no longer be trusted (an earlier write or sync failed, or the log is
   * closed). Callers check before changing memory so memory never runs ahead of a broken log.
   */
  assertWritable(): void {
    if (this.failure !== null) throw this.failure;
    if (this.closed) throw new Error(`${this.file} is closed`);
  }

  /** Queues one frame; resolves once it (and everything queued before it) is on disk. */
  append(payload: Buffer): Promise<void> {
    this.assertWritable();
    const header = frameHeader(payload);
    this.queuedFrames.push(header, payload);
    this.mirror?.push(header, payload);
    return this.waitForNextFlush();
  }

  /** Whether a compaction is running. */
  get compacting(): boolean {
    return this.compaction !== null;
  }

  /** Resolves once every frame appended so far is on disk. */
  whenDurable(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    // During a compaction's switch, frames held for the new file are not durable yet either.
    if (this.flushing === null && this.queuedWaiters.length === 0 && !this.switching) return Promise.resolve();
    return this.waitForNextFlush();
  }

  /**
   * Online compaction: writes a new log holding `snapshot` (frames of the live documents, read
   * from memory while this runs) followed by every frame appended from the moment this is called,
   * then puts it in place of the old log atomically. Appends go on meanwhile: each is written to
   * the old log as usual and also kept for the new one. Only while the last of them are written,
   * synced and the file renamed are acknowledgements held back (not writes: commits keep queueing).
   *
   * Why this is exact although the snapshot is read while commits change memory: every image in
   * the snapshot is the document as of this call or later, and every commit from this call on
   * follows the snapshot in the new log with its full after-images, so replaying the new log ends
   * at the same state as replaying the old one.
   *
   * Each snapshot payload is copied as soon as it is received: the snapshot may build the next one
   * in the same memory.
   *
   * `atSwitch` is called at the one moment when the new file's contents are settled and nothing
   * else has been appended: memory then is exactly what replaying the new log gives, so what the
   * caller reads from memory there (its index keys) describes the new log's every frame.
   *
   * Resolves with the point at the end of the new log as written (its size, frames and their
   * digest), or null when the log failed or closed meanwhile (then the old log stays, whole, and
   * the temp file is removed).
   */
  compact(snapshot: AsyncIterable<Buffer> | Iterable<Buffer>, atSwitch: () => void = () => {}): Promise<LogPoint | null> {
    this.assertWritable();
    if (this.compaction !== null) throw new Error('a compaction is already running');
    const running = this.writeCompacted(snapshot, atSwitch);
    this.compaction = running;
    const done = () => {
      this.compaction = null;
    };
    running.then(done, done);
    return running;
  }

  private async writeCompacted(snapshot: AsyncIterable<Buffer> | Iterable<Buffer>, atSwitch: () => void): Promise<LogPoint | null> {
    // Frames queued but not yet written are already in memory, so also in the snapshot; they are
    // kept for the new log too, which is harmless (a later image of a document supersedes).
    this.mirror = [...this.queuedFrames];
    const temp = rewritePath(this.file);
    let out: LogFileHandle | null = null;
    const digest = new FrameDigest();
    try {
      out = await this.openFile(temp, 'w');
      let written = await writeChunks(out, 0, [LOG_MAGIC]);
      // Synced as it is written, so that the sync at the switch has little left to write back.
      const pacer = new WritebackPacer(out);
      // One chunk buffer for the whole snapshot, and each payload copied into it at once (the
      // snapshot may reuse its memory for the next): a compaction of a million documents
      // allocates no memory per frame, which would only feed the garbage collector.
      const chunk = Buffer.allocUnsafeSlow(REWRITE_CHUNK_BYTES);
      let chunkBytes = 0;
      const writeChunk = async () => {
        await writeFully(out!, chunk, written, chunkBytes, pacer);
        written += chunkBytes;
        chunkBytes = 0;
      };
      for await (const payload of snapshot) {
        if (this.failure !== null || this.closing) return await this.abandonCompaction(out, temp);
        const header = frameHeader(payload);
        digest.add(header);
        const frameBytes = FRAME_HEADER_BYTES + payload.length;
        if (chunkBytes > 0 && chunkBytes + frameBytes > chunk.length) await writeChunk();
        if (frameBytes > chunk.length) {
          written = await writeChunks(out, written, [header, payload], pacer);
        } else {
          chunkBytes += header.copy(chunk, chunkBytes);
          chunkBytes += payload.copy(chunk, chunkBytes);
        }
        // Serialising a snapshot frame costs milliseconds: let requests in between frames.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (chunkBytes > 0) await writeChunk();
      // Catch up with what was appended meanwhile, outside the switch, until little is left.
      while (this.mirror.length > SWITCH_TAIL_FRAMES) {
        const tail = this.mirror;
        this.mirror = [];
        countFrames(digest, tail);
        written = await writeChunks(out, written, tail, pacer);
      }
      if (this.failure !== null || this.closing) return await this.abandonCompaction(out, temp);
      return await this.switchTo(out, temp, written, digest, atSwitch);
    } catch (error) {
      if (out !== null) await this.abandonCompaction(out, temp);
      throw error;
    } finally {
      this.mirror = null;
    }
  }

  /**
   * Holds flushing, writes the last appended frames to the new file, syncs it and renames it over
   * the old log. Frames queued meanwhile are in the new file: their waiters resolve once it is
   * durable, and they are not written again.
   */
  private async switchTo(out: LogFileHandle, temp: string, writtenSoFar: number, digest: FrameDigest, atSwitch: () => void): Promise<LogPoint | null> {
    this.switching = true;
    let heldFrames: Buffer[] = [];
    let heldWaiters: Waiter[] = [];
    let renaming = false;
    try {
      while (this.flushing !== null) await this.flushing;
      if (this.failure !== null || this.closing) return await this.abandonCompaction(out, temp);
      heldFrames = this.queuedFrames;
      heldWaiters = this.queuedWaiters;
      this.queuedFrames = [];
      this.queuedWaiters = [];
      const tail = this.mirror ?? [];
      this.mirror = null;
      countFrames(digest, tail);
      // Every frame appended so far is in the new file, and later ones queue for after the switch.
      atSwitch();
      const written = await writeChunks(out, writtenSoFar, tail);
      await out.datasync();
      await out.close();
      renaming = true;
      await this.handle.close();
      await rename(temp, this.file);
      await syncDirectory(dirname(this.file));
      this.handle = await this.openFile(this.file, 'r+');
      this.size = written;
      this.durableSize = written;
      for (const waiter of heldWaiters) waiter.resolve();
      return digest.point(written);
    } catch (error) {
      if (!renaming) {
        // The old log is whole and still open: the held frames go to it as if nothing happened.
        await this.abandonCompaction(out, temp);
        this.queuedFrames = [...heldFrames, ...this.queuedFrames];
        this.queuedWaiters = [...heldWaiters, ...this.queuedWaiters];
        throw error;
      }
      // Between closing the old file and opening the new one: which file holds the log is now
      // the disk's word, not ours. Stop, as after a failed sync; a restart reads what is there.
      await this.fail(error, [...heldWaiters, ...this.queuedWaiters]);
      throw error;
    } finally {
      this.switching = false;
      if (this.queuedWaiters.length > 0 && this.failure === null) this.flushing ??= this.flushQueue();
    }
  }

  private async abandonCompaction(out: LogFileHandle, temp: string): Promise<null> {
    await out.close().catch(() => {});
    await rm(temp, { force: true });
    return null;
  }

  /** Stops a running compaction, waits for queued frames to reach the disk, then releases the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    await this.compaction?.catch(() => {});
    while (this.flushing !== null) await this.flushing;
    this.closed = true;
    await this.handle.close();
  }

  private waitForNextFlush(): Promise<void> {
    const flushed = new Promise<void>((resolve, reject) => {
      this.queuedWaiters.push({ resolve, reject });
    });
    if (!this.switching) this.flushing ??= this.flushQueue();
    return flushed;
  }

  private async flushQueue(): Promise<void> {
    while (this.queuedWaiters.length > 0 && !this.switching) {
      const frames = this.queuedFrames;
      const waiters = this.queuedWaiters;
      this.queuedFrames = [];
      this.queuedWaiters = [];
      try {
        if (frames.length > 0) {
          const bytes = Buffer.concat(frames);
          await writeFully(this.handle, bytes, this.size);
          this.size += bytes.length;
        }
        // The line that makes an acknowledgement mean "on disk": the waiters resolve only after
        // a sync that began after their bytes were written.
        await this.handle.datasync();
        this.durableSize = this.size;
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        await this.fail(error, [...waiters, ...this.queuedWaiters]);
      }
    }
    this.flushing = null;
  }

  /** Refuses every frame not yet durable and stops appending for good. */
  private async fail(cause: unknown, waiters: Waiter[]): Promise<void> {
    const detail = cause instanceof Error ? cause.message : String(cause);
    this.failure = new Error(
      `the store log ${this.file} could not be written (${detail}); writes are refused until the server ` +
        'is restarted after the disk is checked',
      { cause },
    );
    this.queuedFrames = [];
    this.queuedWaiters = [];
    for (const waiter of waiters) waiter.reject(this.failure);
    // Frames written but not synced may or may not be on disk; they were refused, so cut them off
    // rather than let a restart bring them back. If this fails too, the disk is beyond our help.
    try {
      await this.handle.truncate(this.durableSize);
      await this.handle.datasync();
      this.size = this.durableSize;
    } catch {
      // The failure above already stops every write; a restart replays what is intact.
    }
  }
}

/** Counts the frames of `chunks`, queued as they are: each frame's header, then its payload. */
function countFrames(digest: FrameDigest, chunks: Buffer[]): void {
  for (let i = 0; i < chunks.length; i += 2) digest.add(chunks[i]!);
}

/** Writes `chunks` at `position`; returns the position after them. */
async function writeChunks(handle: LogFileHandle, position: number, chunks: Buffer[], pacer?: WritebackPacer): Promise<number> {
  if (chunks.length === 0) return position;
  const bytes = Buffer.concat(chunks);
  await writeFully(handle, bytes, position, bytes.length, pacer);
  return position + bytes.length;
}

async function writeAtomically(file: string, bytes: Buffer, openFile: OpenLogFile): Promise<void> {
  const temp = rewritePath(file);
  const out = await openFile(temp, 'w');
  try {
    await writeFully(out, bytes, 0);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(temp, file);
  await syncDirectory(dirname(file));
}

export async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function rewritePath(file: string): string {
  return `${file}.rewrite`;
}
