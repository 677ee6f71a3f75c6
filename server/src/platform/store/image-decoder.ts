// Decodes a document image (`v8.serialize` of one document) in JavaScript. v8.deserialize builds a
// native deserializer for every call, and that deserializer keeps every object it made reachable
// until the collector has freed it, which a young-generation collection never does in the same
// pass: every document the store handed out survived the next scavenge and was copied by it, read
// by whoever or not. On the search route that was megabytes per scavenge, each one holding the event
// loop for over 5 ms (issue 10 §8). What this decoder makes is held only by its caller.
//
// It reads what documents are made of: objects, dense and sparse arrays, strings, numbers,
// booleans, null, undefined, dates, and references to an object met before. Anything else (a
// Buffer, a Map, a BigInt, a property named __proto__, a format version it was not written for)
// is left to v8.deserialize, which reads every image v8 writes; so this only ever changes who
// decodes, never what comes out.
//
// The format is V8's ValueSerializer (src/objects/value-serializer.cc): a header (0xFF, version),
// then tagged values; lengths and counts are base-128 varints; an object's or array's id is the
// order in which it began, which a reference ('^') names.
import { deserialize } from 'node:v8';

/** The format versions whose tags this reader knows (Node 20's V8 writes 15). */
const VERSIONS = new Set([13, 14, 15]);

const TAG = {
  version: 0xff,
  padding: 0x00,
  verifyObjectCount: 0x3f, // '?'
  theHole: 0x2d, // '-'
  undefined: 0x5f, // '_'
  null: 0x30, // '0'
  true: 0x54, // 'T'
  false: 0x46, // 'F'
  int32: 0x49, // 'I'
  uint32: 0x55, // 'U'
  double: 0x4e, // 'N'
  utf8String: 0x53, // 'S'
  oneByteString: 0x22, // '"'
  twoByteString: 0x63, // 'c'
  objectReference: 0x5e, // '^'
  beginObject: 0x6f, // 'o'
  endObject: 0x7b, // '{'
  beginSparseArray: 0x61, // 'a'
  endSparseArray: 0x40, // '@'
  beginDenseArray: 0x41, // 'A'
  endDenseArray: 0x24, // '$'
  date: 0x44, // 'D'
} as const;

/** Thrown inside the reader when the image holds what it leaves to v8.deserialize. */
const NOT_MINE = Symbol('not a plain document');

/** What readPlainImage gives for an image it leaves to v8.deserialize. */
export const LEFT_TO_V8: unique symbol = Symbol('left to v8.deserialize');

export function decodeImage(image: Uint8Array): unknown {
  const value = readPlainImage(image);
  return value === LEFT_TO_V8 ? deserialize(image) : value;
}

/** The image's value read here, or LEFT_TO_V8 when it holds what only v8.deserialize reads. */
export function readPlainImage(image: Uint8Array): unknown {
  const bytes = Buffer.isBuffer(image) ? image : Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  try {
    return new ImageReader(bytes).document();
  } catch (error) {
    if (error === NOT_MINE) return LEFT_TO_V8;
    throw error;
  }
}

class ImageReader {
  #at = 0;
  /** Objects and arrays by id, for references. */
  readonly #objects: object[] = [];

  constructor(private readonly bytes: Buffer) {}

  document(): unknown {
    if (this.#byte() !== TAG.version || !VERSIONS.has(this.#varint())) throw NOT_MINE;
    const value = this.#value();
    if (this.#at !== this.bytes.length) throw NOT_MINE;
    return value;
  }

  #value(): unknown {
    const tag = this.#tag();
    switch (tag) {
      case TAG.undefined:
        return undefined;
      case TAG.null:
        return null;
      case TAG.true:
        return true;
      case TAG.false:
        return false;
      case TAG.int32: {
        const zigzag = this.#varint();
        return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
      }
      case TAG.uint32:
        return this.#varint();
      case TAG.double:
        return this.#double();
      case TAG.oneByteString:
        return this.#string('latin1');
      case TAG.twoByteString:
        return this.#string('utf16le');
      case TAG.utf8String:
        return this.#string('utf8');
      case TAG.objectReference: {
        const object = this.#objects[this.#varint()];
        if (object === undefined) throw NOT_MINE;
        return object;
      }
      case TAG.beginObject: {
        const object: Record<string, unknown> = {};
        this.#objects.push(object);
        this.#properties(object, TAG.endObject);
        this.#varint(); // the property count
        return object;
      }
      case TAG.beginDenseArray: {
        const length = this.#varint();
        const array: unknown[] = new Array(length);
        this.#objects.push(array);
        for (let i = 0; i < length; i += 1) {
          if (this.#peekTag() === TAG.theHole) this.#at += 1;
          else array[i] = this.#value();
        }
        this.#properties(array as unknown as Record<string, unknown>, TAG.endDenseArray);
        this.#varint(); // the property count
        this.#varint(); // the length
        return array;
      }
      case TAG.beginSparseArray: {
        const array: unknown[] = new Array(this.#varint());
        this.#objects.push(array);
        this.#properties(array as unknown as Record<string, unknown>, TAG.endSparseArray);
        this.#varint(); // the property count
        this.#varint(); // the length
        return array;
      }
      case TAG.date: {
        const date = new Date(this.#double());
        this.#objects.push(date);
        return date;
      }
      default:
        throw NOT_MINE;
    }
  }

  /** Key and value pairs up to `end` (consumed). */
  #properties(into: Record<string, unknown>, end: number): void {
    for (;;) {
      if (this.#peekTag() === end) {
        this.#at += 1;
        return;
      }
      const key = this.#value();
      if (typeof key !== 'string' && typeof key !== 'number') throw NOT_MINE;
      // An assignment to __proto__ would set the prototype, where v8 defines an own property.
      if (key === '__proto__') throw NOT_MINE;
      into[key] = this.#value();
    }
  }

  #tag(): number {
    let tag = this.#byte();
    while (tag === TAG.padding || tag === TAG.verifyObjectCount) {
      if (tag === TAG.verifyObjectCount) this.#varint();
      tag = this.#byte();
    }
    return tag;
  }

  #peekTag(): number {
    while (this.bytes[this.#at] === TAG.padding) this.#at += 1;
    if (this.#at >= this.bytes.length) throw NOT_MINE;
    return this.bytes[this.#at]!;
  }

  #byte(): number {
    if (this.#at >= this.bytes.length) throw NOT_MINE;
    return this.bytes[this.#at++]!;
  }

  #varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.#byte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
      if (scale > 2 ** 49) throw NOT_MINE;
    }
  }

  #double(): number {
    if (this.#at + 8 > this.bytes.length) throw NOT_MINE;
    const value = this.bytes.readDoubleLE(this.#at);
    this.#at += 8;
    return value;
  }

  #string(encoding: 'latin1' | 'utf16le' | 'utf8'): string {
    const length = this.#varint();
    const end = this.#at + length;
    if (end > this.bytes.length || (encoding === 'utf16le' && length % 2 !== 0)) throw NOT_MINE;
    const text = this.bytes.toString(encoding, this.#at, end);
    this.#at = end;
    return text;
  }
}
