// Reads what a ZIP archive says it holds (its central directory) and small entries from it, through
// ranged reads, so an office document is recognised without reading or unpacking all of it. Only
// what recognising a document needs, and defensive: every length and offset is checked against the
// file, the directory and the entries read are bounded (no ZIP64, no multi-disk archives, no entry
// inflated past a small limit, so a zip bomb costs nothing). Anything out of line is "not a ZIP".
import { inflateRawSync } from 'node:zlib';

/** Bytes `length` from `start` (fewer at the end of the file). */
export type ReadBytes = (start: number, length: number) => Promise<Buffer>;

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflated; others are not read. */
  method: number;
  /** The CRC-32 of the unpacked bytes, as the directory records it. */
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
};

export class NotAZipError extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** An office document has tens to a few thousand parts; more is not one. */
const MAX_ENTRIES = 20_000;
const MAX_DIRECTORY_BYTES = 4 * 1024 * 1024;

export async function zipDirectory(read: ReadBytes, size: number): Promise<ZipEntry[]> {
  if (size < END_RECORD_SIZE) throw new NotAZipError('too short');
  const tailStart = Math.max(0, size - END_RECORD_SIZE - MAX_COMMENT);
  const tail = await read(tailStart, size - tailStart);
  const end = findEndRecord(tail);
  if (end < 0) throw new NotAZipError('no end of central directory');
  const disk = tail.readUInt16LE(end + 4);
  const directoryDisk = tail.readUInt16LE(end + 6);
  const entriesHere = tail.readUInt16LE(end + 8);
  const entryCount = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (disk !== 0 || directoryDisk !== 0 || entriesHere !== entryCount) throw new NotAZipError('multi-disk');
  // ZIP64 marks its real values with all ones; an office document is never that large.
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) throw new NotAZipError('zip64');
  if (entryCount === 0 || entryCount > MAX_ENTRIES || directorySize > MAX_DIRECTORY_BYTES) throw new NotAZipError('directory size');
  if (directoryOffset + directorySize > tailStart + end) throw new NotAZipError('directory outside the file');

  const directory = await read(directoryOffset, directorySize);
  if (directory.length !== directorySize) throw new NotAZipError('short directory');
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new NotAZipError('bad directory entry');
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) throw new NotAZipError('directory entry overruns');
    const rawName = directory.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      // Bit 11: the name is UTF-8; otherwise CP437, of which the ASCII names we look for are the same.
      name: rawName.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: directory.readUInt16LE(at + 10),
      crc32: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      encrypted: (flags & 0x1) !== 0,
    };
    if (entry.localHeaderOffset + 30 + entry.compressedSize > directoryOffset) throw new NotAZipError('entry outside the file');
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** The entry's bytes, unpacked; refused (NotAZipError) past `maxBytes` packed or unpacked. */
export async function readZipEntry(read: ReadBytes, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.encrypted || entry.compressedSize > maxBytes || entry.uncompressedSize > maxBytes) throw new NotAZipError('entry too large or encrypted');
  const header = await read(entry.localHeaderOffset, 30);
  if (header.length !== 30 || header.readUInt32LE(0) !== LOCAL_HEADER) throw new NotAZipError('bad local header');
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const packed = await read(dataStart, entry.compressedSize);
  if (packed.length !== entry.compressedSize) throw new NotAZipError('short entry');
  if (entry.method === 0) return packed;
  if (entry.method !== 8) throw new NotAZipError('unknown compression');
  try {
    // The directory's size may lie: the inflater itself stops at the limit.
    return inflateRawSync(packed, { maxOutputLength: maxBytes });
  } catch {
    throw new NotAZipError('entry does not inflate within the limit');
  }
}

/** The last end-of-directory record whose comment reaches exactly to the end of the file. */
function findEndRecord(tail: Buffer): number {
  for (let at = tail.length - END_RECORD_SIZE; at >= 0; at--) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY && at + END_RECORD_SIZE + tail.readUInt16LE(at + 20) === tail.length) return at;
  }
  return -1;
}
