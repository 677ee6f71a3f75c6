// Durability of the embedded store: an append-only file with one record per committed transaction.
//
// File layout: an 8-byte magic, then frames of [payload length u32 LE][CRC-32 of payload u32 LE]
// [payload]. Frames are only ever appended and a write is acknowledged after fdatasync, so after a
// crash only the last frame can be incomplete; the CRC also catches a tail the file system filled
// with zeros or garbage. Opening replays every intact frame and cuts the file at the first bad one.
//
// Group commit: appends queue while an fdatasync is in flight and the next flush writes them all
// with one write and one fdatasync, so concurrent transactions share the cost of the sync.

import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

const MAGIC = Buffer.from('DFSTLOG1', 'latin1');
const FRAME_HEADER_BYTES = 8;
/** Compaction writes the new file in chunks of about this size. */
const REWRITE_CHUNK_BYTES = 4 * 1024 * 1024;

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

export type ReplayOutcome = { framesReplayed: number; bytesDiscarded: number };

/**
 * Opens (or creates) the log at `file`, passes every intact payload to `replay` in order, and
 * truncates a torn or corrupt tail so new frames follow the last good one.
 */
export async function openTransactionLog(
  file: string,
  replay: (payload: Buffer) => void,
): Promise<{ log: TransactionLog; outcome: ReplayOutcome }> {
  // A compaction interrupted before its rename leaves a temp file; the old log is still whole.
  await rm(rewritePath(file), { force: true });

  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeAtomically(file, [MAGIC]);
    content = MAGIC;
  }
  if (content.length < MAGIC.length || !content.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error(`${file} is not a Dialogforum store log`);
  }

  let offset = MAGIC.length;
  let framesReplayed = 0;
  for (;;) {
    const payload = intactPayloadAt(content, offset);
    if (payload === null) break;
    replay(payload);
    framesReplayed += 1;
    offset += FRAME_HEADER_BYTES + payload.length;
  }

  const handle = await open(file, 'r+');
  const bytesDiscarded = content.length - offset;
  if (bytesDiscarded > 0) {
    process.emitWarning(
      `${file}: discarded ${bytesDiscarded} bytes after the last intact transaction ` +
        `(a write torn by a crash, or corruption)`,
      { code: 'DIALOGFORUM_STORE_LOG_TRUNCATED' },
    );
    await handle.truncate(offset);
    await handle.datasync();
  }
  return { log: new TransactionLog(file, handle, offset), outcome: { framesReplayed, bytesDiscarded } };
}

export class TransactionLog {
  private queuedFrames: Buffer[] = [];
  private queuedWaiters: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private failure: unknown = null;
  private closed = false;

  constructor(
    private readonly file: string,
    private handle: FileHandle,
    private size: number,
  ) {}

  get bytes(): number {
    return this.size;
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
    const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
    header.writeUInt32LE(payload.length, 0);
    header.writeUInt32LE(crc32(payload), 4);
    this.queuedFrames.push(header, payload);
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
    const out = await open(temp, 'w');
    let written = 0;
    try {
      let chunk: Buffer[] = [MAGIC];
      let chunkBytes = MAGIC.length;
      const writeChunk = async () => {
        const bytes = Buffer.concat(chunk, chunkBytes);
        await writeFully(out, bytes, written);
        written += bytes.length;
        chunk = [];
        chunkBytes = 0;
      };
      for (const payload of payloads) {
        const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
        header.writeUInt32LE(payload.length, 0);
        header.writeUInt32LE(crc32(payload), 4);
        chunk.push(header, payload);
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
    this.handle = await open(this.file, 'r+');
    this.size = written;
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
        await this.handle.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        // What reached the disk is unknown now; refuse further writes rather than guess.
        // Reopening the store recovers to the last intact frame.
        this.failure = error;
        for (const waiter of [...waiters, ...this.queuedWaiters]) waiter.reject(error);
        this.queuedFrames = [];
        this.queuedWaiters = [];
      }
    }
    this.flushing = null;
  }
}

function intactPayloadAt(content: Buffer, offset: number): Buffer | null {
  if (offset + FRAME_HEADER_BYTES > content.length) return null;
  const length = content.readUInt32LE(offset);
  const checksum = content.readUInt32LE(offset + 4);
  const start = offset + FRAME_HEADER_BYTES;
  // A zero length never occurs in a written frame, but it is what a zero-filled tail looks like
  // (and CRC-32 of nothing is 0).
  if (length === 0 || start + length > content.length) return null;
  const payload = content.subarray(start, start + length);
  return crc32(payload) === checksum ? payload : null;
}

async function writeFully(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten === 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}

async function writeAtomically(file: string, chunks: Buffer[]): Promise<void> {
  const temp = rewritePath(file);
  const out = await open(temp, 'w');
  try {
    await writeFully(out, Buffer.concat(chunks), 0);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(temp, file);
  await syncDirectory(dirname(file));
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function rewritePath(file: string): string {
  return `${file}.rewrite`;
}
