// The embedded store keeps its documents' images in a few large Buffers (image-slabs.ts), so the
// heap holds no object per document; a compaction moves the live images out of mostly dead slabs
// and lets those go.

import { expect, it } from 'vitest';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { ImageSlabs } from '../../src/platform/store/image-slabs.ts';
import { temporaryDirs } from '../support/temporary-dirs.ts';

const freshDir = temporaryDirs('dialogforum-store-slabs-');

const MiB = 2 ** 20;
const bytesOf = (n: number, size = 100) => Buffer.alloc(size, n % 251);

it('copies images into shared slabs, reads them back, and lets a slab go once all of its images are released', () => {
  const slabs = new ImageSlabs();
  // 5 MiB of 100-byte images: two append slabs, not 50,000 Buffers.
  const slots = Array.from({ length: 50_000 }, (_, n) => slabs.copy(bytesOf(n)));
  expect(slabs.held().slabs).toBe(2);
  expect(slots.every((slot, n) => slabs.view(slot).equals(bytesOf(n)))).toBe(true);

  // Released slots are used again; the bytes of the images still filed stay as they were.
  const firstSlabImages = Math.floor((4 * MiB) / 100);
  for (const slot of slots.slice(0, firstSlabImages)) slabs.release(slot);
  expect(slabs.held().slabs).toBe(1);
  const again = slabs.copy(bytesOf(7));
  expect(slots.slice(0, firstSlabImages)).toContain(again);
  expect(slots.slice(firstSlabImages).every((slot, i) => slabs.view(slot).equals(bytesOf(firstSlabImages + i)))).toBe(true);
});

it('adopts images where they are, one slab per memory, and moves them out of a mostly dead one', () => {
  const slabs = new ImageSlabs();
  const window = Buffer.alloc(MiB, 1);
  const slots = Array.from({ length: 1_000 }, (_, n) => slabs.adopt(window.subarray(n * 1_000, n * 1_000 + 1_000)));
  expect(slabs.held()).toEqual({ slabs: 1, bytes: MiB });
  expect(slabs.view(slots[3]!).buffer).toBe(window.buffer);

  for (const slot of slots.slice(10)) slabs.release(slot);
  const kept = slots.slice(0, 10);
  expect(kept.every((slot) => slabs.inSparseSlab(slot))).toBe(true);
  for (const slot of kept) slabs.evacuate(slot);
  // The window is let go; its ten live images are in an append slab, byte for byte.
  expect(slabs.held()).toEqual({ slabs: 1, bytes: 4 * MiB });
  expect(kept.every((slot) => slabs.view(slot).buffer !== window.buffer && slabs.view(slot).equals(Buffer.alloc(1_000, 1)))).toBe(true);
});

it('a compaction lets go of the read windows that held mostly superseded images, and the documents stay whole', async () => {
  const dir = await freshDir();
  type Doc = StoredDocument & { n: number; text: string };
  let store = await openEmbeddedStore(dir, { compaction: { minDeadImages: Infinity, ratio: 2 } });
  // About 24 MiB of images: three of the reader's 8 MiB windows when it is opened again.
  await store.collection<Doc>('posts').insertMany(Array.from({ length: 20_000 }, (_, n) => ({ _id: `p${n}`, n, text: 'x'.repeat(1_200) })));
  await store.collection<Doc>('posts').deleteMany({ n: { $gte: 10 } });
  await store.close();

  store = await openEmbeddedStore(dir, { compaction: { minDeadImages: Infinity, ratio: 2 } });
  try {
    const opened = store.imageMemory();
    expect(opened.bytes).toBeGreaterThanOrEqual(8 * MiB);
    await store.compact();
    // Only the append slab the ten live documents moved to is left.
    expect(store.imageMemory()).toEqual({ slabs: 1, bytes: 4 * MiB });
    const live = await store.collection<Doc>('posts').find({}, { sort: { n: 1 } });
    expect(live.map((doc) => doc._id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
    expect(live.every((doc) => doc.text.length === 1_200)).toBe(true);
  } finally {
    await store.close();
  }
});
