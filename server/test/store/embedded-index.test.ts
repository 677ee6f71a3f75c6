// The embedded engine keeps declared indexes so that a thread page reads its own posts and a
// newest-first list reads only its page, instead of scanning the collection (DESIGN.md §4, issue 7
// §3). The engine counts documents it tests against a filter. A property test checks that every
// index walk returns exactly what a scan returns.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore, type EmbeddedDocumentStore } from '../../src/platform/store/embedded-store.ts';

type Post = StoredDocument & { threadId: string; createdAt: Date; authorId: string };

const POSTS = 100_000;
const THREADS = 1_000;

describe('embedded store indexes', () => {
  let dir: string;
  let store: EmbeddedDocumentStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dialogforum-store-index-'));
    store = await openEmbeddedStore(dir);
    await store.ensureIndexes('posts', [
      { keys: { threadId: 1, createdAt: 1 }, name: 'thread' },
      { keys: { createdAt: -1 }, name: 'newest' },
    ]);
    await store.collection<Post>('posts').insertMany(
      Array.from({ length: POSTS }, (_, n) => ({
        _id: `p${n}`,
        threadId: `t${n % THREADS}`,
        createdAt: new Date(Date.UTC(2025, 0, 1) + (POSTS - n) * 1000),
        authorId: `u${n % 7}`,
      })),
    );
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  function examinedBy<R>(read: () => Promise<R>): Promise<{ result: R; examined: number }> {
    const before = store.stats.documentsExamined;
    return read().then((result) => ({ result, examined: store.stats.documentsExamined - before }));
  }

  it('a thread page examines only that thread\'s posts, and stops at the page\'s end', async () => {
    const { result, examined } = await examinedBy(() =>
      store.collection<Post>('posts').find({ threadId: 't42' }, { sort: { createdAt: 1 }, limit: 50 }),
    );
    expect(examined).toBe(50);
    const whole = await examinedBy(() => store.collection<Post>('posts').find({ threadId: 't42' }, { sort: { createdAt: 1 } }));
    expect(whole.examined).toBe(POSTS / THREADS);
    expect(whole.result.slice(0, 50)).toEqual(result);
    expect(result).toHaveLength(50);
    expect(result.every((post) => post.threadId === 't42')).toBe(true);
    const times = result.map((post) => post.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('uses both fields of the index when the filter fixes both', async () => {
    const [first] = await store.collection<Post>('posts').find({ threadId: 't7' }, { limit: 1 });
    const { result, examined } = await examinedBy(() =>
      store.collection<Post>('posts').find({ threadId: 't7', createdAt: first!.createdAt }),
    );
    expect(result.map((post) => post._id)).toEqual([first!._id]);
    expect(examined).toBe(1);
  });

  it('decodes only the candidates of an index walk whose images hold the strings the filter asks of other fields', async () => {
    const decodedBefore = store.stats.documentsDecoded;
    const { result, examined } = await examinedBy(() => store.collection<Post>('posts').find({ threadId: 't42', authorId: 'u3' }));
    const decoded = store.stats.documentsDecoded - decodedBefore;
    // Every post of the thread is a candidate; only its posts by u3 hold "u3", and they are all found.
    expect(examined).toBe(POSTS / THREADS);
    expect(result.length).toBeGreaterThan(0);
    expect(result.every((post) => post.threadId === 't42' && post.authorId === 'u3')).toBe(true);
    const all = await store.collection<Post>('posts').find({ threadId: 't42' });
    expect(result.map((post) => post._id).sort()).toEqual(all.filter((post) => post.authorId === 'u3').map((post) => post._id).sort());
    expect(decoded).toBe(result.length);
  });

  it('looks documents up by _id directly', async () => {
    const { result, examined } = await examinedBy(() => store.collection<Post>('posts').findOne({ _id: 'p99999' }));
    expect(result?.threadId).toBe(`t${99_999 % THREADS}`);
    expect(examined).toBe(1);
  });

  it('walks newest first with a range and a limit, examining only what it returns', async () => {
    const posts = store.collection<Post>('posts');
    const at = (n: number) => new Date(Date.UTC(2025, 0, 1) + (POSTS - n) * 1000);
    const newest = await examinedBy(() => posts.find({}, { sort: { createdAt: -1 }, limit: 20 }));
    expect(newest.examined).toBe(20);
    expect(newest.result.map((post) => post._id)).toEqual(Array.from({ length: 20 }, (_, n) => `p${n}`));

    const nextPage = await examinedBy(() => posts.find({ createdAt: { $lt: at(19) } }, { sort: { createdAt: -1 }, limit: 10 }));
    expect(nextPage.examined).toBe(10);
    expect(nextPage.result.map((post) => post._id)).toEqual(Array.from({ length: 10 }, (_, n) => `p${n + 20}`));

    const oldestFirst = await examinedBy(() => posts.find({ createdAt: { $gte: at(POSTS - 5) } }, { sort: { createdAt: 1 }, limit: 3 }));
    expect(oldestFirst.result.map((post) => post._id)).toEqual(['p99995', 'p99994', 'p99993']);
    expect(oldestFirst.examined).toBe(3);

    // A thread's posts within a date window, newest first: only the window is read.
    const window = await examinedBy(() =>
      posts.find({ threadId: 't5', createdAt: { $gte: at(5005), $lt: at(1005) } }, { sort: { createdAt: -1 } }),
    );
    expect(window.result.map((post) => post._id)).toEqual(['p2005', 'p3005', 'p4005', 'p5005']);
    expect(window.examined).toBe(4);
    expect(await posts.countDocuments({ createdAt: { $gt: at(100) } })).toBe(100);
  });

  it('scans when no index fixes a leading field', async () => {
    const { result, examined } = await examinedBy(() => store.collection<Post>('posts').countDocuments({ authorId: 'u3' }));
    expect(result).toBe(Math.ceil((POSTS - 3) / 7));
    expect(examined).toBe(POSTS);
  });
});

describe('index walks agree with a scan', () => {
  let dir: string;
  let store: EmbeddedDocumentStore;
  let run = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dialogforum-store-index-property-'));
    store = await openEmbeddedStore(dir);
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n));
  const aValue = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y'), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }));
  const bValue = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }).map(day));
  const document = fc.record({ a: aValue, b: bValue, c: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: ['c'] });
  const range = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }).map(day));
  const filter = fc.record(
    {
      a: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('x'), fc.record({ $in: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('y')), { minLength: 1, maxLength: 3 }) })),
      b: fc.oneof(
        fc.record({ $gt: range }),
        fc.record({ $lte: range }),
        fc.record({ $gte: range, $lt: range }),
      ),
      c: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: [] },
  );
  const sort = fc.constantFrom<Record<string, 1 | -1> | undefined>(
    undefined,
    { b: 1, _id: 1 },
    { b: -1, _id: -1 },
    { b: -1, _id: 1 },
    { a: 1, b: -1, _id: 1 },
    { c: -1, _id: -1 },
    { c: 1, b: 1, _id: 1 },
  );
  const query = fc.record({ filter, sort, skip: fc.integer({ min: 0, max: 3 }), limit: fc.integer({ min: 0, max: 6 }) });

  it('for random documents, filters, sorts, skips and limits, also after updates and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(document, { maxLength: 40 }), fc.array(query, { minLength: 1, maxLength: 8 }), async (documents, queries) => {
        run += 1;
        const indexed = store.collection(`indexed_${run}`);
        const plain = store.collection(`plain_${run}`);
        await store.ensureIndexes(indexed.name, [{ keys: { a: 1, b: -1 } }, { keys: { b: 1 } }, { keys: { c: -1 } }]);
        const withIds = documents.map((fields, n) => ({ _id: `d${String(n).padStart(2, '0')}`, ...fields }));
        for (const collection of [indexed, plain]) {
          await collection.insertMany(withIds);
          await collection.updateOne({ c: 3 }, { $set: { b: 7, a: 'y' } });
          await collection.deleteMany({ c: 4 });
        }
        for (const { filter: where, sort: order, skip, limit } of queries) {
          const options = { ...(order === undefined ? {} : { sort: order }), skip, limit };
          const expected = await plain.find(where, options);
          const found = await indexed.find(where, options);
          if (order === undefined) {
            // Unsorted reads may come in any order; with a limit, any `limit` of the matches.
            const all = new Set((await plain.find(where)).map((doc) => doc._id));
            expect(found.length).toBe(expected.length);
            for (const doc of found) expect(all.has(doc._id)).toBe(true);
          } else {
            expect(found).toEqual(expected);
          }
          expect(await indexed.countDocuments(where)).toBe(await plain.countDocuments(where));
        }
      }),
      { numRuns: 150 },
    );
  });
});
