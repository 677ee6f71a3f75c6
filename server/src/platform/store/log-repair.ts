// `pnpm run store verify` and `pnpm run store repair` on an embedded store's log (store-maintenance.ts is
// the command line).
//
// What repair guarantees. It writes a new log holding every frame that can still be read, before
// and after each damaged stretch, in their original order, and keeps the damaged file beside it.
// Every frame is one whole committed transaction, so no transaction survives in part. Each frame
// holds full after-images, so replaying the kept frames gives every document the newest image that
// survived; a lost frame's own writes are lost. What repair cannot promise is consistency *across*
// a lost transaction: a later transaction may have built on it (an event numbered after a lost one,
// a post in a thread whose creation was lost, a document the lost frame deleted coming back). The
// report names each lost stretch and, where the damaged bytes still decode, the documents the lost
// transaction wrote, so an operator knows what to check.

import { link, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { encodeFrame, FRAME_HEADER_BYTES, LOG_MAGIC } from './log-frame.ts';
import { readEveryReadableFrame, type LogDamage } from './log-reader.ts';
import { decodeTransactionStrictly } from './logged-write.ts';
import { rewritePath, syncDirectory } from './transaction-log.ts';

const WRITE_CHUNK_BYTES = 4 * 1024 * 1024;
/** A damaged frame claiming more than this is not decoded to guess what it held. */
const MAX_GUESSED_FRAME_BYTES = 64 * 1024 * 1024;
const MAX_NAMED_DOCUMENTS = 10;

export type LostStretch = LogDamage & {
  bytesLost: number;
  /** `collection/id` of documents the lost frame seems to have written, when its bytes still decode. */
  probablyWrote: string[];
};

export type LogCheck = {
  file: string;
  size: number;
  /** Intact frames, also those after damage. */
  frames: number;
  documentImages: number;
  /** Offsets of intact frames whose payload is not a transaction: a bug, not a disk fault. */
  undecodable: number[];
  lost: LostStretch[];
  /** What opening the store does with this file. */
  verdict: 'intact' | 'torn tail (cut on open)' | 'damaged (the store refuses to open)';
};

/** Reads the whole log, also past damage, and reports; changes nothing. */
export async function checkLog(file: string): Promise<LogCheck> {
  let documentImages = 0;
  const undecodable: number[] = [];
  const reading = await readEveryReadableFrame(file, (payload, offset) => {
    const writes = decodeTransactionStrictly(payload);
    if (writes === null) undecodable.push(offset);
    else documentImages += writes.length;
  });
  return {
    file,
    size: reading.size,
    frames: reading.frames,
    documentImages,
    undecodable,
    lost: await Promise.all(reading.damage.map((damage) => lostStretch(file, reading.size, damage))),
    verdict:
      reading.damage.length === 0 ? 'intact' : reading.tornTail ? 'torn tail (cut on open)' : 'damaged (the store refuses to open)',
  };
}

export type RepairOutcome = LogCheck & { keptAs: string; newSize: number };

/**
 * Rewrites `file` with every readable frame and keeps the original as `<file>.damaged-<time>`.
 * Returns null, changing nothing, when there is nothing to repair. The caller holds the directory
 * lock: nobody may append meanwhile.
 */
export async function repairLog(file: string, now = new Date()): Promise<RepairOutcome | null> {
  const check = await checkLog(file);
  if (check.lost.length === 0) return null;

  const temp = rewritePath(file);
  const out = await open(temp, 'w');
  let written = 0;
  try {
    let chunk: Buffer[] = [LOG_MAGIC];
    let chunkBytes = LOG_MAGIC.length;
    const flush = async () => {
      const bytes = Buffer.concat(chunk, chunkBytes);
      for (let done = 0; done < bytes.length; ) {
        done += (await out.write(bytes, done, bytes.length - done, written + done)).bytesWritten;
      }
      written += bytes.length;
      chunk = [];
      chunkBytes = 0;
    };
    await readEveryReadableFrame(file, async (payload) => {
      const frame = encodeFrame(payload);
      chunk.push(frame);
      chunkBytes += frame.length;
      if (chunkBytes >= WRITE_CHUNK_BYTES) await flush();
    });
    await flush();
    await out.sync();
  } catch (error) {
    await out.close();
    await rm(temp, { force: true });
    throw error;
  }
  await out.close();

  // The original stays under a second name before the repaired file replaces it, so at every
  // moment one complete log is `file`.
  const keptAs = `${file}.damaged-${now.toISOString().replaceAll(':', '-')}`;
  await link(file, keptAs);
  await syncDirectory(dirname(file));
  await rename(temp, file);
  await syncDirectory(dirname(file));
  return { ...check, keptAs, newSize: written };
}

async function lostStretch(file: string, size: number, damage: LogDamage): Promise<LostStretch> {
  const end = damage.nextIntactFrame ?? size;
  return { ...damage, bytesLost: end - damage.offset, probablyWrote: await guessWrites(file, size, damage) };
}

/** The damaged frame's payload decoded anyway: a flipped byte inside a text often leaves it readable. */
async function guessWrites(file: string, size: number, damage: LogDamage): Promise<string[]> {
  const length = damage.claimedLength;
  const start = damage.offset + FRAME_HEADER_BYTES;
  if (length === null || length === 0 || length > MAX_GUESSED_FRAME_BYTES || start + length > size) return [];
  const handle = await open(file, 'r');
  try {
    const payload = Buffer.alloc(length);
    await handle.read(payload, 0, length, start);
    const writes = decodeTransactionStrictly(payload) ?? [];
    return writes.slice(0, MAX_NAMED_DOCUMENTS).map(([collection, id]) => `${collection}/${id}`);
  } finally {
    await handle.close();
  }
}

