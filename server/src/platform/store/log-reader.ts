// Reads the embedded store's transaction log (layout in log-frame.ts) as a stream, so a log of any
// size opens in memory bounded by the largest frame, and tells a torn final write apart from damage.
//
// What may be cut on open, and only that: a torn *final* write. A crash can leave the last frame
// short (its header or payload runs past the end of the file), or with a wrong checksum when it
// ends exactly at the end of the file, or a tail of zeros that the file system allocated but never
// filled. In each case no intact frame may follow it. Anything else (a bad frame with intact
// frames after it, or bytes that cannot be the remains of one torn write) is damage: cutting there
// would silently lose records that were acknowledged as durable, so the store refuses to open and
// names the offset (`pnpm run store verify`, `pnpm run store repair`).

import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { FRAME_HEADER_BYTES, LOG_MAGIC, PAYLOAD_FIRST_BYTE } from './log-frame.ts';

/** Bytes read at a time; a frame larger than this is read on its own. */
const WINDOW_BYTES = 8 * 1024 * 1024;
/**
 * Windows are cut from blocks of memory this large (or the rest of the file, when smaller). V8
 * counts Buffers' memory as external, and every 64 MiB more of it since its last full collection
 * starts another one: read in 8 MiB Buffers, a 1 GiB log (whose windows the store keeps as its
 * document images, image-slabs.ts) cost sixteen full collections of a growing heap while it
 * opened. A block is let go once no window cut from it is held.
 */
const BLOCK_BYTES = 256 * 1024 * 1024;

export type FrameProblem = 'incomplete header' | 'zero length' | 'runs past the end of the file' | 'checksum mismatch';

export type LogDamage = {
  /** Where the frame that fails begins. */
  offset: number;
  problem: FrameProblem;
  /** The payload length its header claims, when it has a header. */
  claimedLength: number | null;
  /** Where the next intact frame begins, or null when none follows. */
  nextIntactFrame: number | null;
};

export type LogReading = {
  size: number;
  /** Intact frames replayed from the start. */
  frames: number;
  /** Where those frames end: the file's size when nothing is wrong. */
  intactEnd: number;
  /** The first frame that fails, or null. */
  damage: LogDamage | null;
  /** True when `damage` is no more than a torn final write, which open may cut. */
  tornTail: boolean;
};

export class NotAStoreLogError extends Error {
  constructor(file: string) {
    super(`${file} is not a Dialogforum store log`);
    this.name = 'NotAStoreLogError';
  }
}

/** Damage other than a torn final write: the store does not open until it is repaired. */
export class StoreLogDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly damage: LogDamage,
  ) {
    super(
      `The store log ${file} is damaged at byte ${damage.offset} (${describeDamage(damage)}). ` +
        'It was left as it is: cutting it there would lose records. Run `pnpm run store verify` for details, then ' +
        '`pnpm run store repair` to rebuild it from every readable record (the damaged file is kept).',
    );
    this.name = 'StoreLogDamagedError';
  }
}

export function describeDamage(damage: LogDamage): string {
  const what =
    damage.claimedLength === null
      ? `a frame ${damage.problem}`
      : `a frame of ${damage.claimedLength.toLocaleString('en-US')} bytes: ${damage.problem}`;
  return damage.nextIntactFrame === null
    ? `${what}; no intact frame follows`
    : `${what}; the next intact frame begins at byte ${damage.nextIntactFrame}`;
}

/**
 * Replays the intact frames from the start of `file` in order until the first one that fails, and
 * says whether what fails is a torn final write. Changes nothing.
 */
export async function readLog(
  file: string,
  onFrame: (payload: Buffer, offset: number, checksum: number) => void,
  options: { windowBytes?: number } = {},
): Promise<LogReading> {
  const reader = await LogReader.open(file, options.windowBytes);
  try {
    let offset = LOG_MAGIC.length;
    let frames = 0;
    for (;;) {
      const frame = await reader.frameAt(offset, true);
      if (frame === null) return { size: reader.size, frames, intactEnd: offset, damage: null, tornTail: false };
      if (!frame.intact) {
        const damage = await reader.damageAt(offset, frame);
        return { size: reader.size, frames, intactEnd: offset, damage, tornTail: await reader.isTornTail(damage) };
      }
      onFrame(frame.payload, offset, frame.checksum);
      frames += 1;
      offset = frame.end;
    }
  } finally {
    await reader.close();
  }
}

/**
 * Visits every frame that can be read, also after damage: past a bad frame the reader moves on to
 * the next offset where a frame's length, first payload byte and checksum all hold. Returns every
 * damaged stretch it skipped, and whether the only one is a torn final write (what open would cut).
 */
export async function readEveryReadableFrame(
  file: string,
  onFrame: (payload: Buffer, offset: number) => Promise<void> | void,
  options: { windowBytes?: number } = {},
): Promise<{ size: number; frames: number; damage: LogDamage[]; tornTail: boolean }> {
  const reader = await LogReader.open(file, options.windowBytes);
  try {
    let offset = LOG_MAGIC.length;
    let frames = 0;
    const damage: LogDamage[] = [];
    const outcome = async () => ({
      size: reader.size,
      frames,
      damage,
      tornTail: damage.length === 1 && (await reader.isTornTail(damage[0]!)),
    });
    for (;;) {
      const frame = await reader.frameAt(offset, true);
      if (frame === null) return outcome();
      if (frame.intact) {
        await onFrame(frame.payload, offset);
        frames += 1;
        offset = frame.end;
        continue;
      }
      const found = await reader.damageAt(offset, frame);
      damage.push(found);
      if (found.nextIntactFrame === null) return outcome();
      offset = found.nextIntactFrame;
    }
  } finally {
    await reader.close();
  }
}

type Frame =
  | { intact: true; payload: Buffer; end: number; checksum: number }
  | { intact: false; problem: FrameProblem; claimedLength: number | null };

class LogReader {
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;
  /** The block windows are cut from, and how much of it they took. */
  private block: Buffer = Buffer.alloc(0);
  private blockUsed = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    private readonly windowBytes: number,
  ) {}

  static async open(file: string, windowBytes = WINDOW_BYTES): Promise<LogReader> {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const reader = new LogReader(handle, size, windowBytes);
      if (size < LOG_MAGIC.length || !(await reader.bytes(0, LOG_MAGIC.length)).equals(LOG_MAGIC)) {
        throw new NotAStoreLogError(file);
      }
      return reader;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /** The frame at `offset`, or null at the end of the file. */
  async frameAt(offset: number, wantPayload: boolean): Promise<Frame | null> {
    if (offset === this.size) return null;
    if (offset + FRAME_HEADER_BYTES > this.size) return { intact: false, problem: 'incomplete header', claimedLength: null };
    const header = await this.bytes(offset, FRAME_HEADER_BYTES);
    const length = header.readUInt32LE(0);
    const checksum = header.readUInt32LE(4);
    // A written frame is never empty; zeros are what an allocated but unwritten tail holds (and
    // the CRC-32 of nothing is 0, so only this test tells them apart).
    if (length === 0) return { intact: false, problem: 'zero length', claimedLength: 0 };
    const start = offset + FRAME_HEADER_BYTES;
    const end = start + length;
    if (end > this.size) return { intact: false, problem: 'runs past the end of the file', claimedLength: length };
    if (length <= this.windowBytes) {
      const payload = await this.bytes(start, length);
      return crc32(payload) === checksum
        ? { intact: true, payload, end, checksum }
        : { intact: false, problem: 'checksum mismatch', claimedLength: length };
    }
    // Larger than the window: check the sum chunk by chunk before holding the payload at all, so a
    // damaged length cannot make the reader allocate gigabytes.
    let sum = 0;
    for (let at = start; at < end; at += this.windowBytes) {
      sum = crc32(await this.bytes(at, Math.min(this.windowBytes, end - at)), sum);
    }
    if (sum !== checksum) return { intact: false, problem: 'checksum mismatch', claimedLength: length };
    return { intact: true, payload: wantPayload ? await readExactly(this.handle, start, length) : Buffer.alloc(0), end, checksum };
  }

  async damageAt(offset: number, frame: Frame & { intact: false }): Promise<LogDamage> {
    return {
      offset,
      problem: frame.problem,
      claimedLength: frame.claimedLength,
      nextIntactFrame: await this.nextIntactFrame(offset, frame.claimedLength),
    };
  }

  async isTornTail(damage: LogDamage): Promise<boolean> {
    if (damage.nextIntactFrame !== null) return false;
    switch (damage.problem) {
      case 'incomplete header':
      case 'runs past the end of the file':
        return true;
      case 'checksum mismatch':
        return damage.offset + FRAME_HEADER_BYTES + damage.claimedLength! === this.size;
      case 'zero length':
        return this.onlyZerosFrom(damage.offset);
    }
  }

  /**
   * The first offset after a bad frame at `offset` where an intact frame begins. The boundary the
   * bad frame's own header claims is tried first: when only its payload is damaged, that is where
   * the next frame is, and it is not fooled by frame-like bytes inside the damaged payload.
   */
  private async nextIntactFrame(offset: number, claimedLength: number | null): Promise<number | null> {
    if (claimedLength !== null && claimedLength > 0) {
      const claimedEnd = offset + FRAME_HEADER_BYTES + claimedLength;
      if (claimedEnd < this.size && (await this.frameAt(claimedEnd, false))?.intact) return claimedEnd;
    }
    const minimumFrame = FRAME_HEADER_BYTES + 1;
    for (let blockStart = offset + 1; blockStart + minimumFrame <= this.size; ) {
      const block = await this.bytes(blockStart, Math.min(this.windowBytes, this.size - blockStart));
      const last = block.length - minimumFrame;
      for (let i = 0; i <= last; i += 1) {
        if (block[i + FRAME_HEADER_BYTES] !== PAYLOAD_FIRST_BYTE) continue;
        const length = block.readUInt32LE(i);
        const candidate = blockStart + i;
        if (length === 0 || candidate + FRAME_HEADER_BYTES + length > this.size) continue;
        if ((await this.frameAt(candidate, false))?.intact) return candidate;
      }
      blockStart += last + 1;
    }
    return null;
  }

  private async onlyZerosFrom(offset: number): Promise<boolean> {
    for (let at = offset; at < this.size; at += this.windowBytes) {
      const block = await this.bytes(at, Math.min(this.windowBytes, this.size - at));
      if (block.some((byte) => byte !== 0)) return false;
    }
    return true;
  }

  /**
   * Bytes [offset, offset + length): a view of the current window, or of a freshly read one. Each
   * read fills memory never handed out before, so views handed out earlier stay valid.
   */
  private async bytes(offset: number, length: number): Promise<Buffer> {
    const from = offset - this.windowStart;
    if (from >= 0 && from + length <= this.window.length) return this.window.subarray(from, from + length);
    if (length > this.windowBytes) return readExactly(this.handle, offset, length);
    const windowLength = Math.min(this.windowBytes, this.size - offset);
    this.window = await readExactly(this.handle, offset, windowLength, this.memory(offset, windowLength));
    this.windowStart = offset;
    return this.window.subarray(0, length);
  }

  /** Memory for a window of `length` bytes at `offset`, never handed out before. */
  private memory(offset: number, length: number): Buffer {
    if (this.blockUsed + length > this.block.length) {
      this.block = Buffer.allocUnsafeSlow(Math.max(length, Math.min(BLOCK_BYTES, this.size - offset)));
      this.blockUsed = 0;
    }
    const memory = this.block.subarray(this.blockUsed, this.blockUsed + length);
    this.blockUsed += length;
    return memory;
  }
}

async function readExactly(handle: FileHandle, position: number, length: number, buffer: Buffer = Buffer.allocUnsafe(length)): Promise<Buffer> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new Error(`the log ended at byte ${position + done} while ${length - done} more were expected`);
    done += bytesRead;
  }
  return buffer;
}
