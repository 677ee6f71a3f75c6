// A compaction saves the ordered indexes' keys beside the new log (saved-index-keys.ts), and
// opening loads them instead of decoding every document. A wrong index is a wrong answer, so:
// after a reopen from saved keys (with writes after the compaction in the log, and commits before
// the declaration), every index walk returns what a scan returns; and keys that are damaged, were
// saved for another declaration or describe another log are ignored and the index is built from
// the documents, as it was before keys were saved.

import { existsSync } from 'node:fs';
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';

import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, type IndexSpec, type StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore, type EmbeddedDocumentStore } from '../../src/platform/store/embedded-store.ts';
import type { LogPoint } from '../../src/platform/store/log-frame.ts';
import { OrderedIndex } from '../../src/platform/store/ordered-index.ts';
import { indexKeysPath, readIndexKeys, writeIndexKeys, type CapturedIndex } from '../../src/platform/store/saved-index-keys.ts';
import { TurnBudget } from '../../src/platform/turn-budget.ts';
import { temporaryDirs } from '../support/temporary-dirs.ts';

const freshDir = temporaryDirs('dialogforum-store-keys-');

describe('index walks agree with a scan after a reopen from saved keys', () => {
  const day = (n: number) => new Date(Date.UTC(2025, 0, 1 + n));
  const aValue = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y'), fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }));
  const bValue = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }).map(day));
  const document = fc.record({ a: aValue, b: bValue, c: fc.integer({ min: 0, max: 5 }) }, { requiredKeys: ['c'] });
  const range = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }).map(day));
  const filter = fc.record(
    {
      a: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('x'), fc.record({ $in: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('y')), { minLength: 1, maxLength: 3 }) })),
      b: fc.oneof(fc.record({ $gt: range }), fc.record({ $lte: range }), fc.record({ $gte: range, $lt: range })),
      c: fc.integer({ min: 0, max: 5 }),
    },
    { requiredKeys: [] },
  );
  const sort = fc.constantFrom<Record<string, 1 | -1> | undefined>(
    undefined,
    { b: 1, _id: 1 },
    { b: -1, _id: -1 },
    { a: 1, b: -1, _id: 1 },
    { c: -1, _id: -1 },
    { c: 1, b: 1, _id: 1 },
  );
  const query = fc.record({ filter, sort, skip: fc.integer({ min: 0, max: 3 }), limit: fc.integer({ min: 0, max: 6 }) });
  const INDEXES: IndexSpec[] = [{ keys: { a: 1, b: -1 } }, { keys: { b: 1 } }, { keys: { c: -1 } }];

  it('for random documents, writes after the compaction and before the declaration, and random queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(document, { maxLength: 30 }),
        fc.array(document, { maxLength: 10 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        async (documents, later, queries) => {
          const dir = await freshDir();
          let store = await openEmbeddedStore(dir);
          await store.ensureIndexes('indexed', INDEXES);
          const named = (prefix: string, fields: Record<string, unknown>[]) => fields.map((each, n) => ({ _id: `${prefix}${String(n).padStart(2, '0')}`, ...each }));
          for (const name of ['indexed', 'plain']) {
            const collection = store.collection(name);
            await collection.insertMany(named('d', documents));
            await collection.updateOne({ c: 3 }, { $set: { b: 7, a: 'y' } });
          }
          await store.compact();
          // In the log after the saved keys' point: replayed, and their keys moved at the declaration.
          for (const name of ['indexed', 'plain']) {
            const collection = store.collection(name);
            await collection.insertMany(named('e', later));
            await collection.deleteMany({ c: 4 });
            await collection.updateOne({ c: 2 }, { $set: { a: [1, 2], b: day(5) } });
          }
          await store.close();

          store = await openEmbeddedStore(dir);
          try {
            // Committed after opening, before the indexes are declared.
            for (const name of ['indexed', 'plain']) {
              const collection = store.collection(name);
              await collection.updateOne({ c: 1 }, { $set: { a: 'x', b: 11 } });
              await collection.deleteMany({ c: 5 });
              await collection.insertOne({ _id: 'f00', a: 3, b: day(2), c: 0 });
            }
            await store.ensureIndexes('indexed', INDEXES);
            expect(store.stats).toMatchObject({ indexesFromSavedKeys: 3, indexesBuilt: 0 });
            const indexed = store.collection('indexed');
            const plain = store.collection('plain');
            for (const { filter: where, sort: order, skip, limit } of queries) {
              const options = { ...(order === undefined ? {} : { sort: order }), skip, limit };
              const expected = await plain.find(where, options);
              const found = await indexed.find(where, options);
              if (order === undefined) {
                const all = new Set((await plain.find(where)).map((doc) => doc._id));
                expect(found.length).toBe(expected.length);
                for (const doc of found) expect(all.has(doc._id)).toBe(true);
              } else {
                expect(found).toEqual(expected);
              }
              expect(await indexed.countDocuments(where)).toBe(await plain.countDocuments(where));
            }
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('saved keys that do not fit are ignored, and the index is built from the documents', () => {
  type Post = StoredDocument & { threadId: string; n: number };
  const THREAD_INDEXES: IndexSpec[] = [
    { keys: { threadId: 1, n: 1 }, name: 'thread' },
    { keys: { n: 1 }, name: 'number', unique: true },
  ];
  const POSTS = 3_000;

  async function builtStore(): Promise<string> {
    const dir = await freshDir();
    const store = await openEmbeddedStore(dir);
    await store.ensureIndexes('posts', THREAD_INDEXES);
    await store.collection<Post>('posts').insertMany(Array.from({ length: POSTS }, (_, n) => ({ _id: `p${n}`, threadId: `t${n % 40}`, n })));
    await store.compact();
    await store.close();
    return dir;
  }

  /** Every thread page through the index equals the same read by a scan ($and hides the index). */
  async function expectIndexAnswersAsScan(store: EmbeddedDocumentStore): Promise<void> {
    const posts = store.collection<Post>('posts');
    for (let t = 0; t < 41; t += 1) {
      const threadId = `t${t}`;
      const scanned = await posts.find({ $and: [{ threadId }] }, { sort: { n: 1 } });
      expect(await posts.find({ threadId }, { sort: { n: 1 } })).toEqual(scanned);
    }
    for (const n of [0, 1, 1_500, POSTS - 1, POSTS]) {
      expect(await posts.find({ n })).toEqual(await posts.find({ $and: [{ n }] }));
    }
  }

  /**
   * Opens `dir`, declares the thread indexes, and expects them to answer as a scan does, with
   * `loaded` of them from saved keys and `built` from the documents.
   */
  async function expectReopenAnswersAsScan(dir: string, { loaded, built }: { loaded: number; built: number }, label?: string): Promise<void> {
    const store = await openEmbeddedStore(dir);
    try {
      await store.ensureIndexes('posts', THREAD_INDEXES);
      // The answers first: a stale or damaged index would show as a wrong one.
      await expectIndexAnswersAsScan(store);
      expect(store.stats, label).toMatchObject({ indexesFromSavedKeys: loaded, indexesBuilt: built });
    } finally {
      await store.close();
    }
  }

  it('loads them when the file, the log and the declaration all hold', async () => {
    await expectReopenAnswersAsScan(await builtStore(), { loaded: 2, built: 0 });
  });

  it('a flipped byte anywhere in the file (a key, a frame header, the directory)', async () => {
    const dir = await builtStore();
    const file = indexKeysPath(dir);
    const original = await readFile(file);
    // Inside the first frame's keys, inside a frame header, in the middle, and in the directory.
    for (const at of [40, 8 + 2, Math.floor(original.length / 2), original.length - 3]) {
      const damaged = Buffer.from(original);
      damaged[at] = damaged[at]! ^ 0x04;
      await writeFile(file, damaged);
      await expectReopenAnswersAsScan(dir, { loaded: 0, built: 2 }, `byte ${at}`);
    }
  });

  it('a file cut short', async () => {
    const dir = await builtStore();
    const file = indexKeysPath(dir);
    const original = await readFile(file);
    await writeFile(file, original.subarray(0, original.length - 100));
    await expectReopenAnswersAsScan(dir, { loaded: 0, built: 2 });
  });

  it('a file of format 2 (key texts of an earlier encoding) or of a format to come', async () => {
    const dir = await builtStore();
    const file = indexKeysPath(dir);
    const original = await readFile(file);
    for (const magic of ['DFSTKEY2', 'DFSTKEY4']) {
      await writeFile(file, Buffer.concat([Buffer.from(magic, 'latin1'), original.subarray(8)]));
      await expectReopenAnswersAsScan(dir, { loaded: 0, built: 2 }, magic);
    }
  });

  it('an index declared on other fields under the same name', async () => {
    const dir = await builtStore();
    const store = await openEmbeddedStore(dir);
    try {
      // Only this index is declared, so it alone serves the reads below.
      await store.ensureIndexes('posts', [{ keys: { n: 1, threadId: 1 }, name: 'thread' }]);
      const posts = store.collection<Post>('posts');
      for (const n of [0, 7, 2_999]) {
        expect(await posts.find({ n, threadId: `t${n % 40}` })).toEqual([{ _id: `p${n}`, threadId: `t${n % 40}`, n }]);
        expect(await posts.find({ n })).toEqual([{ _id: `p${n}`, threadId: `t${n % 40}`, n }]);
      }
      expect(store.stats).toMatchObject({ indexesFromSavedKeys: 0, indexesBuilt: 1 });
    } finally {
      await store.close();
    }
  });

  it('keys saved for an earlier log (the log was compacted again since)', async () => {
    const dir = await builtStore();
    const earlier = join(dir, 'earlier.keys');
    await copyFile(indexKeysPath(dir), earlier);
    const store = await openEmbeddedStore(dir);
    await store.ensureIndexes('posts', THREAD_INDEXES);
    // Moves posts between threads, then compacts: the new log's snapshot holds the moves.
    for (let n = 0; n < POSTS; n += 7) await store.collection<Post>('posts').updateOne({ _id: `p${n}` }, { $set: { threadId: 't40' } });
    await store.compact();
    await store.close();
    await copyFile(earlier, indexKeysPath(dir));
    await expectReopenAnswersAsScan(dir, { loaded: 0, built: 2 });
  });

  it('a unique key duplicated by a commit before the declaration is refused, as a build refuses it', async () => {
    const dir = await builtStore();
    const store = await openEmbeddedStore(dir);
    try {
      await store.collection<Post>('posts').insertOne({ _id: 'again', threadId: 't1', n: 5 });
      await expect(store.ensureIndexes('posts', THREAD_INDEXES)).rejects.toBeInstanceOf(DuplicateKeyError);
    } finally {
      await store.close();
    }
  });

  it('keys saved by a compaction that writers kept changing describe the log it left', async () => {
    const dir = await builtStore();
    const store = await openEmbeddedStore(dir);
    await store.ensureIndexes('posts', THREAD_INDEXES);
    const posts = store.collection<Post>('posts');
    let compacted = false;
    const compaction = store.compact().then(() => (compacted = true));
    // Each writer moves posts to other threads until the compaction is done, one commit at a time.
    let moved = 0;
    const writer = async (w: number) => {
      for (let n = w; !compacted; n += 4) {
        await posts.updateOne({ _id: `p${n % POSTS}` }, { $set: { threadId: `t${40 - (n % 3)}` } });
        moved += 1;
      }
    };
    await Promise.all([compaction, writer(0), writer(1), writer(2), writer(3)]);
    expect(moved).toBeGreaterThan(0);
    await store.close();
    await expectReopenAnswersAsScan(dir, { loaded: 2, built: 0 });
  });

  it('a compaction that does not finish leaves no saved keys behind (they may hold what it was to erase)', async () => {
    const dir = await freshDir();
    const store = await openEmbeddedStore(dir);
    await store.ensureIndexes('people', [{ keys: { email: 1 }, name: 'email', unique: true }]);
    await store.collection('people').insertOne({ _id: 'a', email: 'asa.oberg@example.se' });
    await store.compact();
    await store.collection('people').updateOne({ _id: 'a' }, { $set: { email: 'erased-a@invalid' } });
    const compaction = store.compact().catch(() => {});
    await store.close();
    await compaction;
    expect(existsSync(indexKeysPath(dir))).toBe(false);
  });

  it('after a compaction, no file of the directory holds a key the live documents no longer have', async () => {
    const dir = await freshDir();
    const store = await openEmbeddedStore(dir);
    try {
      await store.ensureIndexes('people', [{ keys: { email: 1 }, name: 'email', unique: true }]);
      await store.collection('people').insertOne({ _id: 'a', email: 'asa.oberg@example.se' });
      await store.compact();
      expect((await readFile(indexKeysPath(dir))).includes('asa.oberg@example.se')).toBe(true);
      await store.collection('people').updateOne({ _id: 'a' }, { $set: { email: 'erased-a@invalid' } });
      await store.compact();
      for (const name of await readdir(dir)) {
        expect((await readFile(join(dir, name))).includes('asa.oberg@example.se'), name).toBe(false);
      }
    } finally {
      await store.close();
    }
  });
});

describe('keys saved by the first format (each key an array of values) still load', () => {
  // fixtures/saved-keys-v1 was written by the store at fd9b503, before keys became text: with
  // INDEXES declared, items 0–199 inserted and compacted (saving the keys), then items 200–219
  // inserted, item-004 updated ({ group: 'g6', score: 3.5, tags: ['t9'] }) and item-010 deleted
  // (in the log after the keys' point). Item n was { _id: `item-${n, 3 digits}`, group: n % 9 === 0
  // ? null : `g${n % 7}`, at: 2020-01-(1 + n % 50), score: n % 11 === 0 ? -0.5 * n : n % 5, tags:
  // n % 3 === 0 ? [`t${n % 4}`, `t${(n + 1) % 4}`] : `t${n % 4}`, name: `name\u0000${n}` }.
  const INDEXES: IndexSpec[] = [
    { keys: { group: 1, at: -1 }, name: 'group' },
    { keys: { score: -1 }, name: 'score' },
    { keys: { tags: 1 }, name: 'tags' },
    { keys: { name: 1 }, name: 'name', unique: true },
  ];
  const fixture = join(import.meta.dirname, 'fixtures', 'saved-keys-v1');

  async function copyOfFixture(): Promise<string> {
    const dir = await freshDir();
    for (const name of ['store.log', 'store.keys']) await copyFile(join(fixture, name), join(dir, name));
    return dir;
  }

  it('answers as a scan does, and the next compaction saves them as text', async () => {
    const dir = await copyOfFixture();
    expect((await readFile(indexKeysPath(dir))).subarray(0, 8).toString('latin1')).toBe('DFSTKEY1');
    for (const format of ['DFSTKEY1', 'DFSTKEY3']) {
      const store = await openEmbeddedStore(dir);
      try {
        await store.ensureIndexes('items', INDEXES);
        expect(store.stats, format).toMatchObject({ indexesFromSavedKeys: 4, indexesBuilt: 0 });
        const items = store.collection('items');
        expect(await items.countDocuments({})).toBe(219);
        const reads: [Record<string, unknown>, Record<string, 1 | -1>][] = [
          ...['g0', 'g3', 'g6', null].map((group): [Record<string, unknown>, Record<string, 1 | -1>] => [{ group }, { at: -1, _id: 1 }]),
          [{ group: 'g2', at: { $gte: new Date(Date.UTC(2020, 0, 10)), $lt: new Date(Date.UTC(2020, 0, 30)) } }, { at: -1, _id: 1 }],
          [{ score: { $gt: 1 } }, { score: -1, _id: 1 }],
          [{ score: { $lt: 0 } }, { score: -1, _id: 1 }],
          [{ tags: 't1' }, { _id: 1 }],
          [{ tags: 't9' }, { _id: 1 }],
          [{ name: 'name\u000017' }, { _id: 1 }],
        ];
        for (const [filter, sort] of reads) {
          const scanned = await items.find({ $and: [filter] }, { sort });
          expect(scanned.length, JSON.stringify(filter)).toBeGreaterThan(0);
          expect(await items.find(filter, { sort })).toEqual(scanned);
        }
        expect(await items.find({ tags: 't9' })).toEqual([expect.objectContaining({ _id: 'item-004', group: 'g6' })]);
        await expect(items.insertOne({ _id: 'again', name: 'name\u000017' })).rejects.toBeInstanceOf(DuplicateKeyError);
        if (format === 'DFSTKEY1') await store.compact();
      } finally {
        await store.close();
      }
      expect((await readFile(indexKeysPath(dir))).subarray(0, 8).toString('latin1')).toBe('DFSTKEY3');
    }
  });
});

describe('saving keys', () => {
  const point: LogPoint = { bytes: 8, frames: 0, digest: 'a point' };
  const captured = (entries: Iterable<string>, name = 'keys'): CapturedIndex => ({ collection: 'c', name, declaration: '{}', multikey: false, entries });

  /** The saved file's key frames, each as its bytes and its keys. */
  async function savedFrames(dir: string): Promise<{ bytes: Buffer; keys: unknown }[]> {
    const file = await readIndexKeys(dir);
    expect(file).not.toBeNull();
    return file!.indexes.flatMap((index) => index.frames.map((bytes) => ({ bytes, keys: JSON.parse(bytes.toString('utf8')) })));
  }

  it('writes each frame byte for byte as JSON.stringify writes its keys, whatever code units a key holds', async () => {
    // Any UTF-16 code unit: quotes, backslashes, control characters, lone surrogates (a descending
    // field's flipped text has them), and pairs.
    const unit = fc.oneof(fc.constantFrom(0x00, 0x1f, 0x20, 0x22, 0x5c, 0x7f, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe), fc.integer({ min: 0, max: 0xffff }));
    const key = fc.array(unit, { maxLength: 12 }).map((units) => String.fromCharCode(...units));
    await fc.assert(
      fc.asyncProperty(fc.array(key, { maxLength: 40 }), fc.array(key, { maxLength: 5 }), async (first, second) => {
        const dir = await freshDir();
        await writeIndexKeys(dir, point, [captured(first, 'a'), captured([]), captured(second, 'b')]);
        const frames = await savedFrames(dir);
        const expected = [first, second].filter((keys) => keys.length > 0);
        expect(frames.map(({ bytes }) => bytes.toString('hex'))).toEqual(expected.map((keys) => Buffer.from(JSON.stringify(keys), 'utf8').toString('hex')));
        await rm(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });

  it('cuts frames of 10,000 keys, and a key larger than its buffer grows it', async () => {
    const dir = await freshDir();
    const keys = Array.from({ length: 25_001 }, (_, n) => `key ${n}`);
    // Six bytes a code unit in JSON (\uXXXX): 12 MB, more than the 8 MiB the output starts with.
    const large = '\u0001'.repeat(2_000_000);
    await writeIndexKeys(dir, point, [captured(keys, 'many'), captured(['before', large, 'after'], 'large')]);
    const frames = await savedFrames(dir);
    expect(frames.map(({ keys }) => (keys as string[]).length)).toEqual([10_000, 10_000, 5_001, 3]);
    expect(frames.flatMap(({ keys }) => keys as string[])).toEqual([...keys, 'before', large, 'after']);
  });

  it('takes an index’s keys as they were when asked for: each once, in order, across batches, while the index changes', () => {
    for (const size of [0, 1, 1_023, 1_024, 1_025, 2_048, 3_001]) {
      const index = new OrderedIndex({ keys: { n: -1 } });
      const documents = Array.from({ length: size }, (_, n) => ({ _id: `d${n}`, n }));
      for (const document of documents) index.add(document);
      // The keys' text sorts in the index's order (index-key-text.ts).
      const expected = documents.map((document) => index.keyOf([document.n], document._id)).sort();
      const walked: string[] = [];
      let changes = 0;
      for (const key of index.entriesAsOfNow()) {
        walked.push(key);
        if (walked.length % 300 === 0) {
          index.add({ _id: `later${changes}`, n: changes + 0.5 });
          index.remove(documents[changes]!);
          changes += 1;
        }
      }
      expect(walked, `${size} keys`).toEqual(expected);
      expect(index.size).toBe(size);
    }
  });

  it('lets the event loop run each time its clock says a turn’s budget is spent', async () => {
    const dir = await freshDir();
    // A clock that only keys move: each key taken costs 1/16 ms, so 5 ms are spent at the 80th key
    // of a turn, and the clock, read every 64 keys, tells so at the 128th.
    let clock = 0;
    const budget = new TurnBudget(5, () => clock);
    let turn = 0;
    let turnOpen = false;
    const keysPerTurn: number[] = [];
    function* entries(): Generator<string> {
      for (let n = 0; n < 1_000; n += 1) {
        // A turn is each stretch of keys taken before the event loop ran an immediate queued in it.
        if (!turnOpen) {
          turnOpen = true;
          turn = keysPerTurn.push(0) - 1;
          setImmediate(() => (turnOpen = false));
        }
        keysPerTurn[turn]! += 1;
        clock += 1 / 16;
        yield `key ${n}`;
      }
    }
    await writeIndexKeys(dir, point, [captured(entries())], () => false, budget);
    expect(keysPerTurn).toEqual([...Array.from({ length: 7 }, () => 128), 1_000 - 7 * 128]);
    expect((await savedFrames(dir)).flatMap(({ keys }) => keys as string[])).toEqual(Array.from({ length: 1_000 }, (_, n) => `key ${n}`));
  });
});
