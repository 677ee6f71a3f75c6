// The byte layout of the embedded store's transaction log, shared by the writer (transaction-log.ts)
// and the readers that replay, verify and repair it (log-reader.ts, log-repair.ts).
//
// A log is an 8-byte magic, then frames of [payload length u32 LE][CRC-32 of payload u32 LE]
// [payload]. A payload is one committed transaction (its layouts in logged-write.ts), and always
// starts with 0xFF (v8's version tag, which image frames keep): a cheap first test when searching
// damaged bytes for the next frame, before paying for a checksum.

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
