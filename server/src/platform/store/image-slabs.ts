// Where the embedded store keeps its documents' encoded images: in a few large Buffers (slabs),
// each document addressed by a slot number whose slab, offset and length sit in typed arrays.
//
// Why: a Buffer per document is an object per document for the garbage collector to mark and, when
// a compaction re-points a million documents, a million new objects to promote and a million old
// ones to sweep: the pauses that blocked the event loop for half a second. Here the heap holds a
// slot number per document (in the collection's Map) and a handful of slabs, and moving a document
// writes three numbers.
//
// Two ways in: `adopt` files bytes where they already are (a log read window at open, whose memory
// nobody writes again), so opening copies nothing; `copy` appends a copy to the current append slab
// (commits, whose frame payload is let go once on disk). A slab whose every image was released is
// let go. Dead bytes in a slab that still holds live images stay until `evacuate` moves its live
// images out (compaction does so, a bounded number at a time, for slabs mostly dead).

/** Size of an append slab; an image larger than this gets a slab of its own. */
const APPEND_SLAB_BYTES = 4 * 1024 * 1024;
/** A slab counts as mostly dead (worth evacuating) below this share of live bytes. */
const SPARSE_LIVE_SHARE = 0.5;

export class ImageSlabs {
  private readonly slabs: (Buffer | null)[] = [];
  /** Live image bytes per slab. */
  private readonly liveBytes: number[] = [];
  private readonly unusedSlabIds: number[] = [];
  /** Slab id of each adopted memory, so images of one read window share one slab. */
  private readonly slabOfMemory = new Map<ArrayBufferLike, number>();
  private appendSlab = -1;
  private lastAdopted: ArrayBufferLike | null = null;
  private lastAdoptedSlab = -1;
  private appendAt = 0;

  private slabOf = new Int32Array(1024);
  private offsetOf = new Uint32Array(1024);
  private lengthOf = new Uint32Array(1024);
  private slotsUsed = 0;
  private readonly unusedSlots: number[] = [];

  /** Slabs held now and their bytes, live or dead (for tests and figures). */
  held(): { slabs: number; bytes: number } {
    let slabs = 0;
    let bytes = 0;
    for (const slab of this.slabs) {
      if (slab === null) continue;
      slabs += 1;
      bytes += slab.length;
    }
    return { slabs, bytes };
  }

  /** Files `image` in place: its memory becomes a slab (or already is one). Nobody may write it again. */
  adopt(image: Uint8Array): number {
    return this.adoptAt(image, 0, image.length);
  }

  /** Files the image at memory[start, start + length) in place, as `adopt` does. */
  adoptAt(memory: Uint8Array, start: number, length: number): number {
    const backing = memory.buffer;
    // Opening adopts thousands of images from one read window after another: the last one is kept at hand.
    let slab = backing === this.lastAdopted ? this.lastAdoptedSlab : this.slabOfMemory.get(backing);
    if (slab === undefined) {
      slab = this.newSlab(Buffer.from(backing));
      this.slabOfMemory.set(backing, slab);
    }
    this.lastAdopted = backing;
    this.lastAdoptedSlab = slab;
    return this.place(slab, memory.byteOffset + start, length);
  }

  /** Files a copy of `image` in the append slab. */
  copy(image: Uint8Array): number {
    const [slab, offset] = this.room(image.length);
    this.slabs[slab]!.set(image, offset);
    return this.place(slab, offset, image.length);
  }

  /** The image in `slot`: a view of its slab (it keeps the slab's memory alive while held). */
  view(slot: number): Buffer {
    const offset = this.offsetOf[slot]!;
    return this.slabs[this.slabOf[slot]!]!.subarray(offset, offset + this.lengthOf[slot]!);
  }

  /** The image in `slot` is no longer wanted; a slab left without live images is let go. */
  release(slot: number): void {
    this.dropBytes(this.slabOf[slot]!, this.lengthOf[slot]!);
    this.slabOf[slot] = -1;
    this.unusedSlots.push(slot);
  }

  /** Whether `slot`'s slab is mostly dead, so that moving its image out lets memory go. */
  inSparseSlab(slot: number): boolean {
    const slab = this.slabOf[slot]!;
    return slab !== this.appendSlab && this.liveBytes[slab]! < this.slabs[slab]!.length * SPARSE_LIVE_SHARE;
  }

  /** Moves `slot`'s image into the append slab (same slot number, same bytes). */
  evacuate(slot: number): void {
    const image = this.view(slot);
    const [slab, offset] = this.room(image.length);
    this.slabs[slab]!.set(image, offset);
    this.dropBytes(this.slabOf[slot]!, image.length);
    this.slabOf[slot] = slab;
    this.offsetOf[slot] = offset;
    this.liveBytes[slab]! += image.length;
  }

  private place(slab: number, offset: number, length: number): number {
    let slot = this.unusedSlots.pop();
    if (slot === undefined) {
      if (this.slotsUsed === this.slabOf.length) this.grow();
      slot = this.slotsUsed++;
    }
    this.slabOf[slot] = slab;
    this.offsetOf[slot] = offset;
    this.lengthOf[slot] = length;
    this.liveBytes[slab]! += length;
    return slot;
  }

  /** Where `length` more bytes go in the append slab, starting a new one when it is full. */
  private room(length: number): [slab: number, offset: number] {
    if (length > APPEND_SLAB_BYTES) return [this.newSlab(Buffer.allocUnsafeSlow(length)), 0];
    if (this.appendSlab < 0 || this.appendAt + length > APPEND_SLAB_BYTES) {
      const previous = this.appendSlab;
      this.appendSlab = this.newSlab(Buffer.allocUnsafeSlow(APPEND_SLAB_BYTES));
      this.appendAt = 0;
      // A full append slab whose images were all released meanwhile is let go now.
      if (previous >= 0 && this.liveBytes[previous] === 0) this.dropSlab(previous);
    }
    const offset = this.appendAt;
    this.appendAt += length;
    return [this.appendSlab, offset];
  }

  private newSlab(memory: Buffer): number {
    const id = this.unusedSlabIds.pop() ?? this.slabs.length;
    this.slabs[id] = memory;
    this.liveBytes[id] = 0;
    return id;
  }

  private dropBytes(slab: number, length: number): void {
    this.liveBytes[slab]! -= length;
    if (this.liveBytes[slab] === 0 && slab !== this.appendSlab) this.dropSlab(slab);
  }

  private dropSlab(slab: number): void {
    if (this.slabs[slab]!.buffer === this.lastAdopted) this.lastAdopted = null;
    this.slabOfMemory.delete(this.slabs[slab]!.buffer);
    this.slabs[slab] = null;
    this.unusedSlabIds.push(slab);
  }

  private grow(): void {
    const size = this.slabOf.length * 2;
    const grown = <A extends Int32Array | Uint32Array>(from: A, to: A): A => {
      to.set(from);
      return to;
    };
    this.slabOf = grown(this.slabOf, new Int32Array(size));
    this.offsetOf = grown(this.offsetOf, new Uint32Array(size));
    this.lengthOf = grown(this.lengthOf, new Uint32Array(size));
  }
}
