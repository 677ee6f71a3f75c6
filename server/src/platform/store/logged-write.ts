// What one frame of the transaction log holds: the after-image of every document one committed
// transaction wrote. A later frame's image of a document supersedes every earlier one, which is
// what lets a log be compacted into a snapshot and replayed after damage (log-repair.ts).
//
// Two layouts, both read:
// - Image frames (written now): [0xFF 0x00][count u32 LE], then per write [collection length u16]
//   [collection UTF-8][id length u16][id UTF-8][image length u32, 0xFFFFFFFF for a deletion][image],
//   where an image is one document by itself as `v8.serialize` writes it. The store keeps these
//   images as they are, off the JS heap, and decodes a document when it is read: opening copies
//   no document into objects, and a million posts do not live on the heap as a million objects.
// - Transaction frames (the first layout): `v8.serialize` of the whole [collection, id, document]
//   list, whose first two bytes are 0xFF and v8's format version (never 0). Replay re-encodes
//   them as image frames.

import { deserialize, serialize } from 'node:v8';
import type { StoredDocument } from './document-store.ts';
import { decodeImage } from './image-decoder.ts';

/** The after-image of one document as an object; null means deleted. */
export type LoggedWrite = [collection: string, id: string, document: StoredDocument | null];
/** The same write as the store keeps it: the document's encoded image; null means deleted. */
export type ImageWrite = [collection: string, id: string, image: Buffer | null];

const IMAGE_FRAME = 0x00;
const DELETED = 0xff_ff_ff_ff;
const MAX_NAME_BYTES = 0xff_ff;

export function encodeDocument(document: StoredDocument): Buffer {
  return serialize(document);
}

/**
 * A new object on every call: what the store hands out is never its own. Read in JavaScript
 * (image-decoder.ts), so nothing but the caller keeps it alive past the next young-generation collection.
 */
export function decodeDocument(image: Uint8Array): StoredDocument {
  return decodeImage(image) as StoredDocument;
}

/** One image frame's payload for `writes` (documents encoded here). */
export function encodeTransaction(writes: LoggedWrite[]): Buffer {
  return encodeImages(writes.map(([collection, id, document]) => [collection, id, document === null ? null : encodeDocument(document)]));
}

/** One image frame's payload for writes whose documents are already encoded: its own memory. */
export function encodeImages(writes: ImageWrite[]): Buffer {
  let size = 6;
  for (const [collection, id, image] of writes) size += 8 + Buffer.byteLength(collection, 'utf8') + Buffer.byteLength(id, 'utf8') + (image?.length ?? 0);
  const writer = new ImageFrameWriter(size);
  for (const [collection, id, image] of writes) writer.add(collection, id, image);
  return writer.take();
}

/**
 * Builds image frames one write at a time in one buffer, used again for the next frame: a
 * compaction's snapshot encodes a whole store through it without allocating memory per frame.
 */
export class ImageFrameWriter {
  private bytes: Buffer;
  private at = 6;
  private writes = 0;

  constructor(capacity = 1024 * 1024) {
    // Its own memory, not a slice of Node's shared pool (a frame is written out as it is).
    this.bytes = Buffer.allocUnsafeSlow(Math.max(capacity, 6));
  }

  /** Writes so far in the frame being built. */
  get count(): number {
    return this.writes;
  }

  add(collection: string, id: string, image: Uint8Array | null): void {
    const collectionBytes = Buffer.byteLength(collection, 'utf8');
    const idBytes = Buffer.byteLength(id, 'utf8');
    if (collectionBytes > MAX_NAME_BYTES || idBytes > MAX_NAME_BYTES) throw new Error('a collection name or _id is longer than 65,535 bytes');
    this.makeRoom(8 + collectionBytes + idBytes + (image?.length ?? 0));
    const bytes = this.bytes;
    let at = bytes.writeUInt16LE(collectionBytes, this.at);
    at += bytes.write(collection, at, 'utf8');
    at = bytes.writeUInt16LE(idBytes, at);
    at += bytes.write(id, at, 'utf8');
    at = bytes.writeUInt32LE(image === null ? DELETED : image.length, at);
    if (image !== null) {
      bytes.set(image, at);
      at += image.length;
    }
    this.at = at;
    this.writes += 1;
  }

  /** The frame built so far, and a fresh start. A view of the writer's buffer: valid until the next `add`. */
  take(): Buffer {
    const bytes = this.bytes;
    bytes[0] = 0xff;
    bytes[1] = IMAGE_FRAME;
    bytes.writeUInt32LE(this.writes, 2);
    const frame = bytes.subarray(0, this.at);
    this.at = 6;
    this.writes = 0;
    return frame;
  }

  private makeRoom(length: number): void {
    if (this.at + length <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.at + length));
    this.bytes.copy(grown, 0, 0, this.at);
    this.bytes = grown;
  }
}

/**
 * The writes of a frame with each image as a view into `payload` (no copy). A transaction frame
 * is re-encoded first. Throws on a payload that is neither layout.
 */
export function decodeImages(payload: Buffer): ImageWrite[] {
  const writes: ImageWrite[] = [];
  visitImages(payload, (collection, id, bytes, start, length) => {
    writes.push([collection, id, length < 0 ? null : bytes.subarray(start, start + length)]);
  });
  return writes;
}

/** One write of a frame: its image is bytes[start, start + length), or it is a deletion when length is -1. */
export type ImageVisitor = (collection: string, id: string, bytes: Buffer, start: number, length: number) => void;

/**
 * Hands each write of a frame to `visit` in order, making no object for it but its names (opening
 * files a million images this way). The whole frame's shape is checked first, so a damaged frame
 * throws before any write is handed over. A transaction frame is re-encoded first.
 */
export function visitImages(payload: Buffer, visit: ImageVisitor): void {
  if (payload.length < 2 || payload[0] !== 0xff) throw new Error('not a store log frame');
  if (payload[1] !== IMAGE_FRAME) return visitImages(encodeTransactionFrame(payload), visit);
  if (payload.length < 6) throw new RangeError('an image frame without its count');
  const count = payload.readUInt32LE(2);
  // Each write takes at least 8 bytes: a damaged count must not make us loop for billions.
  if (count * 8 > payload.length - 6) throw new RangeError('an image frame claims more writes than it can hold');
  let at = 6;
  for (let i = 0; i < count; i += 1) {
    for (let name = 0; name < 2; name += 1) {
      if (at + 2 > payload.length) throw new RangeError('a name runs past the end of its frame');
      at += 2 + payload.readUInt16LE(at);
      if (at > payload.length) throw new RangeError('a name runs past the end of its frame');
    }
    if (at + 4 > payload.length) throw new RangeError('an image runs past the end of its frame');
    const length = payload.readUInt32LE(at);
    at += 4;
    if (length === DELETED) continue;
    if (at + length > payload.length) throw new RangeError('an image runs past the end of its frame');
    at += length;
  }
  if (at !== payload.length) throw new RangeError('a frame holds bytes after its last image');
  at = 6;
  // A frame's writes mostly go to one collection: its name is decoded once, not once per write.
  let collection = '';
  let nameStart = -1;
  let nameEnd = -1;
  for (let i = 0; i < count; i += 1) {
    const collectionEnd = at + 2 + payload.readUInt16LE(at);
    if (!sameBytes(payload, nameStart, nameEnd, at + 2, collectionEnd)) collection = payload.toString('utf8', at + 2, collectionEnd);
    nameStart = at + 2;
    nameEnd = collectionEnd;
    const idEnd = collectionEnd + 2 + payload.readUInt16LE(collectionEnd);
    const id = payload.toString('utf8', collectionEnd + 2, idEnd);
    const length = payload.readUInt32LE(idEnd);
    at = idEnd + 4;
    if (length === DELETED) {
      visit(collection, id, payload, at, -1);
    } else {
      visit(collection, id, payload, at, length);
      at += length;
    }
  }
}

/** Whether bytes[aStart, aEnd) equal bytes[bStart, bEnd) (a short name: a loop beats a call into C++). */
function sameBytes(bytes: Buffer, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aStart < 0 || aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i += 1) if (bytes[aStart + i] !== bytes[bStart + i]) return false;
  return true;
}

/** Every write of a frame (either layout) with its document decoded. */
export function decodeTransaction(payload: Buffer): LoggedWrite[] {
  return decodeImages(payload).map(([collection, id, image]) => [collection, id, image === null ? null : decodeDocument(image)]);
}

/** Decodes and checks the shape, for tools that read frames they cannot trust. */
export function decodeTransactionStrictly(payload: Buffer): LoggedWrite[] | null {
  let value: unknown;
  try {
    value = payload[1] === IMAGE_FRAME ? decodeTransaction(payload) : deserialize(payload);
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

/** A transaction frame (the first layout) as an image frame. */
function encodeTransactionFrame(payload: Buffer): Buffer {
  return encodeTransaction(deserialize(payload) as LoggedWrite[]);
}
