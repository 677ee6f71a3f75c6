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
import { FRAME_HEADER_BYTES, frameHeader, LOG_MAGIC } from './log-frame.ts';
import { readLog, StoreLogDamagedError } from './log-reader.ts';

/** Compaction writes the new file in chunks of about this size. */
const REWRITE_CHUNK_BYTES = 4 * 1024 * 1024;

/** The part of a file handle the log writes through; tests wrap it to watch or fail writes and syncs. */
export type LogFileHandle = Pick<FileHandle, 'write' | 'datasync' | 'sync' | 'truncate' | 'close'>;
export type OpenLogFile = (path: string, flags: 'r+' | 'w') => Promise<LogFileHandle>;

export type LogHealth = { writable: boolean; reason?: string };

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

export type ReplayOutcome = { framesReplayed: number; bytesDiscarded: number };

/**
 * Opens (or creates) the log at `file` and passes every intact payload to `replay` in order. A torn
 * final write is cut so new frames follow the last intact one; any other damage throws
 * StoreLogDamagedError and leaves the file untouched.
 */
export async function openTransactionLog(
  file: string,
  replay: (payload: Buffer) => void,
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

  const reading = await readLog(file, (payload) => replay(payload));
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
    this.queuedFrames.push(frameHeader(payload), payload);
    return this.waitForNextFlush();
  }

  /** Resolves once every frame appended so far is on disk. */
  whenDurable(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.flushing === null && this.queuedWaiters.length === 0) return Promise.resolve();
    return this.waitForNextFlush();
  }

  /**
   * Replaces the whole log with `payloads` (a snapshot of live data) atomically: temp file,
   * fsync, rename, fsync of the directory. Only call while nothing is being appended.
   */
  async rewrite(payloads: Iterable<Buffer>): Promise<void> {
    this.assertWritable();
    await this.flushing;
    const temp = rewritePath(this.file);
    const out = await this.openFile(temp, 'w');
    let written = 0;
    try {
      let chunk: Buffer[] = [LOG_MAGIC];
      let chunkBytes = LOG_MAGIC.length;
      const writeChunk = async () => {
        const bytes = Buffer.concat(chunk, chunkBytes);
        await writeFully(out, bytes, written);
        written += bytes.length;
        chunk = [];
        chunkBytes = 0;
      };
      for (const payload of payloads) {
        chunk.push(frameHeader(payload), payload);
        chunkBytes += FRAME_HEADER_BYTES + payload.length;
        if (chunkBytes >= REWRITE_CHUNK_BYTES) await writeChunk();
      }
      await writeChunk();
      await out.sync();
    } finally {
      await out.close();
    }
    await this.handle.close();
    await rename(temp, this.file);
    await syncDirectory(dirname(this.file));
    this.handle = await this.openFile(this.file, 'r+');
    this.size = written;
    this.durableSize = written;
  }

  /** Waits for queued frames to reach the disk, then releases the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing !== null) await this.flushing;
    this.closed = true;
    await this.handle.close();
  }

  private waitForNextFlush(): Promise<void> {
    const flushed = new Promise<void>((resolve, reject) => {
      this.queuedWaiters.push({ resolve, reject });
    });
    this.flushing ??= this.flushQueue();
    return flushed;
  }

  private async flushQueue(): Promise<void> {
    while (this.queuedWaiters.length > 0) {
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

async function writeFully(handle: LogFileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten === 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
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
