// The facts a query filters, groups, sorts and counts by, one typed array per fact, indexed by
// document number (inverted-index.ts). A query that matches tens of thousands of documents reads
// these for every one of them: reading a number from a typed array costs a few nanoseconds, while
// following each document's object to its facts and comparing strings cost about 2 µs a document
// (docs/benchmarks.md, "Search at 100,000 posts": 60 ms of a 70 ms query for "dessa").

function grown<T extends Uint8Array | Int32Array | Float64Array>(column: T, size: number, make: (size: number) => T): T {
  const bigger = make(size);
  bigger.set(column);
  return bigger;
}

export class DocumentColumns {
  visibility = new Uint8Array(1024);
  /** The document's reader list as a code (reader-lists.ts; 0: no restriction). */
  readers = new Int32Array(1024);
  kind = new Uint8Array(1024);
  answered = new Uint8Array(1024);
  group = new Int32Array(1024);
  dialogue = new Int32Array(1024);
  arena = new Int32Array(1024);
  phase = new Int32Array(1024);
  createdAt = new Float64Array(1024);
  /** Weighted term count, read for every posting a query scores (BM25's length normalisation). */
  length = new Float64Array(1024);

  set(
    number: number,
    fact: { visibility: number; readers: number; kind: number; answered: boolean; group: number; dialogue: number; arena: number; phase: number; createdAt: number; length: number },
  ): void {
    // One byte each: a 257th visibility would wrap round to another one's code and show its
    // documents to the wrong people, so refuse it loudly (today there are a handful of each).
    if (fact.visibility > 255 || fact.kind > 255) throw new RangeError(`search: more than 256 visibilities or kinds (visibility ${fact.visibility}, kind ${fact.kind})`);
    if (number >= this.kind.length) this.#grow(Math.max(number + 1, this.kind.length * 2));
    this.visibility[number] = fact.visibility;
    this.readers[number] = fact.readers;
    this.kind[number] = fact.kind;
    this.answered[number] = fact.answered ? 1 : 0;
    this.group[number] = fact.group;
    this.dialogue[number] = fact.dialogue;
    this.arena[number] = fact.arena;
    this.phase[number] = fact.phase;
    this.createdAt[number] = fact.createdAt;
    this.length[number] = fact.length;
  }

  /** Columns grown by doubling as document numbers are handed out. */
  #grow(size: number): void {
    this.visibility = grown(this.visibility, size, (n) => new Uint8Array(n));
    this.readers = grown(this.readers, size, (n) => new Int32Array(n));
    this.kind = grown(this.kind, size, (n) => new Uint8Array(n));
    this.answered = grown(this.answered, size, (n) => new Uint8Array(n));
    this.group = grown(this.group, size, (n) => new Int32Array(n));
    this.dialogue = grown(this.dialogue, size, (n) => new Int32Array(n));
    this.arena = grown(this.arena, size, (n) => new Int32Array(n));
    this.phase = grown(this.phase, size, (n) => new Int32Array(n));
    this.createdAt = grown(this.createdAt, size, (n) => new Float64Array(n));
    this.length = grown(this.length, size, (n) => new Float64Array(n));
  }
}
