// A sealed segment of the embedded search index in the form that opens fast. While a segment is
// open, its changes are appended as frames (segment-log.ts); once it is full it is sealed, never
// written again, and its net content — the document versions it holds at its end, the ids it
// removed, the event sequence it reflects — is written once as `segment-NNNNNN.snap`, after which
// its frames are deleted. Opening then reads one buffer per segment: the documents' terms as one
// array of numbers, with no tokenising, no frame-by-frame replay and no postings grown one document
// at a time (the index builds them in one pass, inverted-index.ts `load`).
//
// Layout: [magic 8 bytes][body length u32 LE][CRC-32 of body u32 LE][body]. The body is a v8
// serializer stream: a summary, the removed ids, the segment's own term list, each document's
// facts, then all documents' [local term, weight] pairs and where each document's pairs end.
// A snapshot whose checksum does not match is not trusted in any part (segment-log.ts rebuilds the
// index from the store's event log, as for any damage).
//
// Writing is sliced: `pause` is awaited between documents, so the worker answers searches while a
// snapshot is encoded (no search waits behind persistence).

import { DefaultDeserializer, DefaultSerializer } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { DocumentFacts, TermWeights } from './inverted-index.ts';

// 02: documents carry reader lists. A snapshot of the former format still opens (its documents
// had no reader list, which means everyone who may see them), while an older server meeting a 02
// snapshot takes it for damage and rebuilds from the event log by its own rules, never reading a
// reader-restricted document as open to all.
const SNAPSHOT_MAGIC = Buffer.from('DFSNAP02', 'latin1');
const FORMER_SNAPSHOT_MAGIC = Buffer.from('DFSNAP01', 'latin1');
const HEADER_BYTES = SNAPSHOT_MAGIC.length + 8;
/** The checksum is computed in pieces of this size, with a pause between them. */
const CHECKSUM_PIECE_BYTES = 1 << 20;

/** A document version as the index holds it: its terms are the index's own term numbers. */
export type StoredDocument = { facts: DocumentFacts; terms: TermWeights };

/** What a segment's frames amount to, in the order they were written. */
export type SegmentContent = {
  /** The highest event sequence its frames reflect (0 if none). */
  seq: number;
  /** It begins by emptying the index (a rebuild): every older segment is void. */
  clear: boolean;
  /** Document versions written into it, replaced ones included (compaction weighs live against it). */
  written: number;
  /** Per id touched, the version it holds at its end, or null for an id it removed. */
  net: Map<string, StoredDocument | null>;
};

export class SnapshotDamaged extends Error {}

type Summary = { seq: number; clear: boolean; written: number; removed: number; documents: number };

/**
 * Encodes a sealed segment. `term` names the index's term numbers; `pause` gives the event loop
 * back between pieces of work; `eachDocument` is called per document (fault injection in tests).
 */
export async function encodeSnapshot(
  content: SegmentContent,
  term: (id: number) => string,
  pause: () => Promise<void>,
  eachDocument: () => void = () => undefined,
): Promise<Buffer> {
  const removed: string[] = [];
  const documents: StoredDocument[] = [];
  let pairCount = 0;
  for (const [id, doc] of content.net) {
    if (doc === null) removed.push(id);
    else {
      documents.push(doc);
      pairCount += doc.terms.length;
    }
  }
  // The segment's own term list: a term number means nothing outside the index that made it.
  const local = new Map<number, number>();
  const terms: string[] = [];
  const pairs = new Uint32Array(pairCount);
  const ends = new Uint32Array(documents.length);
  let at = 0;
  const serializer = new DefaultSerializer();
  serializer.writeHeader();
  serializer.writeValue({ seq: content.seq, clear: content.clear, written: content.written, removed: removed.length, documents: documents.length } satisfies Summary);
  serializer.writeValue(removed);
  for (const [i, doc] of documents.entries()) {
    for (let j = 0; j < doc.terms.length; j += 2) {
      let id = local.get(doc.terms[j]!);
      if (id === undefined) {
        id = terms.length;
        local.set(doc.terms[j]!, id);
        terms.push(term(doc.terms[j]!));
      }
      pairs[at++] = id;
      pairs[at++] = doc.terms[j + 1]!;
    }
    ends[i] = at;
    eachDocument();
    await pause();
  }
  serializer.writeValue(terms);
  for (const doc of documents) {
    serializer.writeValue(doc.facts);
    await pause();
  }
  serializer.writeValue(ends);
  serializer.writeValue(pairs);
  const body = serializer.releaseBuffer();
  let checksum = 0;
  for (let offset = 0; offset < body.length; offset += CHECKSUM_PIECE_BYTES) {
    checksum = crc32(body.subarray(offset, offset + CHECKSUM_PIECE_BYTES), checksum);
    await pause();
  }
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  SNAPSHOT_MAGIC.copy(header, 0);
  header.writeUInt32LE(body.length, SNAPSHOT_MAGIC.length);
  header.writeUInt32LE(checksum, SNAPSHOT_MAGIC.length + 4);
  return Buffer.concat([header, body]);
}

/**
 * Decodes a snapshot; `intern` gives the index's number for each of its terms. Throws
 * SnapshotDamaged when any byte differs from what was written (checksum, length, structure).
 */
export function decodeSnapshot(data: Buffer, intern: (term: string) => number): SegmentContent {
  const magic = data.subarray(0, SNAPSHOT_MAGIC.length);
  if (data.length < HEADER_BYTES || !(magic.equals(SNAPSHOT_MAGIC) || magic.equals(FORMER_SNAPSHOT_MAGIC))) {
    throw new SnapshotDamaged('does not start as a segment snapshot');
  }
  const length = data.readUInt32LE(SNAPSHOT_MAGIC.length);
  const body = data.subarray(HEADER_BYTES);
  if (body.length !== length) throw new SnapshotDamaged(`holds ${body.length} bytes after its header, which promises ${length}`);
  if (crc32(body) !== data.readUInt32LE(SNAPSHOT_MAGIC.length + 4)) throw new SnapshotDamaged('fails its checksum');
  try {
    const reader = new DefaultDeserializer(body);
    reader.readHeader();
    const summary = reader.readValue() as Summary;
    const removed = reader.readValue() as string[];
    const terms = (reader.readValue() as string[]).map(intern);
    const facts: DocumentFacts[] = new Array(summary.documents);
    for (let i = 0; i < summary.documents; i++) facts[i] = withReaderList(reader.readValue() as DocumentFacts);
    const ends = reader.readValue() as Uint32Array;
    const pairs = reader.readValue() as Uint32Array;
    if (removed.length !== summary.removed || ends.length !== summary.documents || (ends.at(-1) ?? 0) !== pairs.length) {
      throw new SnapshotDamaged('does not add up to its own summary');
    }
    // Local term numbers become the index's, in place; each document's terms are a view of `pairs`.
    for (let i = 0; i < pairs.length; i += 2) pairs[i] = terms[pairs[i]!]!;
    const net = new Map<string, StoredDocument | null>();
    for (const id of removed) net.set(id, null);
    let start = 0;
    for (let i = 0; i < facts.length; i++) {
      net.set(facts[i]!.id, { facts: facts[i]!, terms: pairs.subarray(start, ends[i]) });
      start = ends[i]!;
    }
    return { seq: summary.seq, clear: summary.clear, written: summary.written, net };
  } catch (error) {
    if (error instanceof SnapshotDamaged) throw error;
    throw new SnapshotDamaged(`cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A document's facts as read from disk: one written before reader lists existed has none, which
 * meant everyone who may see its visibility (no reader-restricted document was indexed then).
 */
export function withReaderList(facts: DocumentFacts): DocumentFacts {
  if (!Array.isArray(facts.readers)) facts.readers = [];
  return facts;
}
