// What one frame of the transaction log holds: the after-images of every document one committed
// transaction wrote, encoded with the v8 serializer (which keeps Dates, nested objects and arrays).
// A later frame's image of a document supersedes every earlier one, which is what lets a log be
// compacted into a snapshot and replayed after damage (log-repair.ts).

import { deserialize, serialize } from 'node:v8';
import type { StoredDocument } from './document-store.ts';

/** The after-image of one document; null means deleted. */
export type LoggedWrite = [collection: string, id: string, document: StoredDocument | null];

export function encodeTransaction(writes: LoggedWrite[]): Buffer {
  return serialize(writes);
}

export function decodeTransaction(payload: Buffer): LoggedWrite[] {
  return deserialize(payload) as LoggedWrite[];
}

/** Decodes and checks the shape, for tools that read frames they cannot trust. */
export function decodeTransactionStrictly(payload: Buffer): LoggedWrite[] | null {
  let value: unknown;
  try {
    value = deserialize(payload);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const wellFormed = value.every(
    (write: unknown) =>
      Array.isArray(write) &&
      write.length === 3 &&
      typeof write[0] === 'string' &&
      typeof write[1] === 'string' &&
      (write[2] === null || (typeof write[2] === 'object' && (write[2] as { _id?: unknown })._id === write[1])),
  );
  return wellFormed ? (value as LoggedWrite[]) : null;
}
