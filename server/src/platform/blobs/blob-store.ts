// The blob port (DESIGN.md §4): files people attach (attachments), kept beside the document store,
// which holds only what a file is (its record) and never its bytes. Two engines: files under
// DATA_DIR/blobs (no URL set), and GridFS on MongoDB (MONGODB_URL). The contract suite in
// server/test/blobs proves both behave the same.
//
// Blobs are named by an id the engine makes, not by their content's SHA-256: a blob then belongs to
// exactly one record, so removing or sweeping one can never take a file another record still uses
// (content addressing would need reference counts kept in step with the store). The SHA-256 is
// computed while the bytes are written and returned, for the record and its ETag.
import type { Readable } from 'node:stream';

export type StoredBlob = {
  id: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
};

/** Bytes `start` to `end`, both inclusive (as in an HTTP Range). */
export type ByteRange = { start: number; end: number };

export interface BlobStore {
  readonly engine: 'files' | 'gridfs';
  /**
   * Writes the bytes `source` yields and resolves once they are durable: an acknowledged blob
   * survives kill -9. If `source` throws, or yields more than `maxBytes` (BlobTooLargeError),
   * nothing is kept and the error propagates.
   */
  put(source: AsyncIterable<Uint8Array>, limits: { maxBytes: number }): Promise<StoredBlob>;
  /** A stream of the blob's bytes (only `range` when given, clipped to the blob); null when there is no such blob. */
  read(id: string, range?: ByteRange): Promise<Readable | null>;
  /** The blob's size in bytes; null when there is no such blob. */
  size(id: string): Promise<number | null>;
  /** Removes the blob; one that is not there is already removed. */
  delete(id: string): Promise<void>;
  /** Ids of complete blobs stored before `before`, oldest first where the engine can tell (for the sweep of orphans). */
  storedBefore(before: Date): AsyncIterable<string>;
  /** Removes what writes cut off by a crash left behind (a temporary file, chunks without a file), if untouched since `before`; returns how many. */
  discardInterrupted(before: Date): Promise<number>;
  close(): Promise<void>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}
