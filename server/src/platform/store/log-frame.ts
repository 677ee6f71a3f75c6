// The byte layout of the embedded store's transaction log, shared by the writer (transaction-log.ts)
// and the readers that replay, verify and repair it (log-reader.ts, log-repair.ts).
//
// A log is an 8-byte magic, then frames of [payload length u32 LE][CRC-32 of payload u32 LE]
// [payload]. A payload is one committed transaction (its layouts in logged-write.ts), and always
// starts with 0xFF (v8's version tag, which image frames keep): a cheap first test when searching
// damaged bytes for the next frame, before paying for a checksum.

import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const LOG_MAGIC = Buffer.from('DFSTLOG1', 'latin1');
export const FRAME_HEADER_BYTES = 8;
export const PAYLOAD_FIRST_BYTE = 0xff;

/** The header that precedes `payload` in the log. */
export function frameHeader(payload: Buffer): Buffer {
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return header;
}

/** Header and payload as one buffer (for tests and tools that write whole frames). */
export function encodeFrame(payload: Buffer): Buffer {
  return Buffer.concat([frameHeader(payload), payload]);
}

/**
 * A log's first `frames` frames, ending at byte `bytes`, named by a digest of their headers (each
 * frame's length and checksum). Saved index keys are tagged with the point of the log they
 * describe (saved-index-keys.ts); the digest tells a log that still begins with those frames from
 * one that was rewritten since, without reading the frames' bytes a second time.
 */
export type LogPoint = { bytes: number; frames: number; digest: string };

/** Builds a LogPoint frame by frame, as a log is written or replayed. */
export class FrameDigest {
  private readonly hash = createHash('sha256');
  private readonly header = Buffer.alloc(FRAME_HEADER_BYTES);
  frames = 0;

  /** Counts the frame whose header is `header` (as frameHeader makes it). */
  add(header: Buffer): void {
    this.hash.update(header.subarray(0, FRAME_HEADER_BYTES));
    this.frames += 1;
  }

  /** Counts a frame by its length and checksum (a reader has those, not the header's bytes). */
  addFrame(length: number, checksum: number): void {
    this.header.writeUInt32LE(length, 0);
    this.header.writeUInt32LE(checksum, 4);
    this.add(this.header);
  }

  /** The point after the frames counted so far, which end at byte `bytes`. */
  point(bytes: number): LogPoint {
    return { bytes, frames: this.frames, digest: this.hash.copy().digest('hex') };
  }
}
