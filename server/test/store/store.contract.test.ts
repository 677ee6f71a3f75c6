// The document store contract (DESIGN.md §4): every engine behind the port must pass this suite.
// The embedded engine always runs; MongoDB runs when MONGODB_URL points at a replica set.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateKeyError, type DocumentStore, type StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { openMongoStore } from '../../src/platform/store/mongo-store.ts';

type Engine = { name: string; open(): Promise<{ store: DocumentStore; dispose(): Promise<void> }> };

const embedded: Engine = {
  name: 'embedded',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'dialogforum-store-contract-'));
    const store = await openEmbeddedStore(dir);
    return {
      store,
      async dispose() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const mongodbUrl = process.env['MONGODB_URL'];
const mongo: Engine = {
  name: 'mongodb',
  async open() {
    const url = mongodbUrl!;
    const dbName = `dialogforum_contract_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const store = await openMongoStore(url, dbName);
    return {
      store,
      async dispose() {
        await store.close();
        const client = await MongoClient.connect(url);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  },
};

const engines = mongodbUrl ? [embedded, mongo] : [embedded];

type Post = StoredDocument & {
  threadId: string;
  createdAt: Date;
  votes: number;
  body?: string;
  tags?: string[];
  author?: { name: string; organisation: { kind: string } };
};

type Counter = StoredDocument & { value: number };

describe.each(engines)('document store contract: $name', (engine) => {
  let store: DocumentStore;
  let dispose: () => Promise<void>;
  let collectionNumber = 0;
  /** Each test gets fresh collections, so the engine is opened once per suite. */
  const freshName = (purpose: string) => `${purpose}_${++collectionNumber}`;

  beforeAll(async () => {
    ({ store, dispose } = await engine.open());
  });
  afterAll(async () => {
    await dispose();
  });

  const day = (n: number) => new Date(Date.UTC(2025, 0, n));
  const post = (id: string, fields: Partial<Post> = {}): Post => ({
    _id: id,
    threadId: 't1',
    createdAt: day(1),
    votes: 0,
    ...fields,
  });

  async function seedPosts() {
    const posts = store.collection<Post>(freshName('posts'));
    await posts.insertMany([
      post('p1', { createdAt: day(3), votes: 5, tags: ['energy', 'ict'], author: { name: 'Ada', organisation: { kind: 'buyer' } } }),
      post('p2', { createdAt: day(1), votes: 2, tags: ['ict'], author: { name: 'Bo', organisation: { kind: 'supplier' } } }),
      post('p3', { createdAt: day(2), votes: 9, threadId: 't2', author: { name: 'Cy', organisation: { kind: 'research' } } }),
      post('p4', { createdAt: day(5), votes: 0, tags: [], author: { name: 'Di', organisation: { kind: 'supplier' } } }),
      post('p5', { createdAt: day(4), votes: 7, tags: ['space'], body: 'rocket' }),
    ]);
    return posts;
  }

  const ids = (docs: StoredDocument[]) => docs.map((doc) => doc._id);

  describe('reading', () => {
    it('finds inserted documents, sorted, skipped and limited', async () => {
      const posts = await seedPosts();
      expect(await posts.findOne({ _id: 'p2' })).toEqual(
        post('p2', { createdAt: day(1), votes: 2, tags: ['ict'], author: { name: 'Bo', organisation: { kind: 'supplier' } } }),
      );
      expect(await posts.findOne({ _id: 'nope' })).toBeNull();
      expect(ids(await posts.find({}, { sort: { createdAt: 1 } }))).toEqual(['p2', 'p3', 'p1', 'p5', 'p4']);
      expect(ids(await posts.find({}, { sort: { votes: -1 } }))).toEqual(['p3', 'p5', 'p1', 'p2', 'p4']);
      expect(ids(await posts.find({}, { sort: { createdAt: 1 }, skip: 1, limit: 2 }))).toEqual(['p3', 'p1']);
      expect(ids(await posts.find({ threadId: 't1' }, { sort: { threadId: 1, createdAt: -1 } }))).toEqual([
        'p4',
        'p5',
        'p1',
        'p2',
      ]);
      expect(await posts.find({}, { limit: 3 })).toHaveLength(3);
    });

    it('keeps dates as dates', async () => {
      const posts = await seedPosts();
      const found = await posts.findOne({ _id: 'p1' });
      expect(found?.createdAt).toBeInstanceOf(Date);
      expect(found?.createdAt.getTime()).toBe(day(3).getTime());
    });

    it('evaluates $in, $gt, $or, nested fields and arrays like MongoDB', async () => {
      const posts = await seedPosts();
      const sorted = { sort: { _id: 1 as const } };
      expect(ids(await posts.find({ _id: { $in: ['p1', 'p4', 'zz'] } }, sorted))).toEqual(['p1', 'p4']);
      expect(ids(await posts.find({ votes: { $gt: 4 } }, sorted))).toEqual(['p1', 'p3', 'p5']);
      expect(ids(await posts.find({ createdAt: { $gte: day(4) } }, sorted))).toEqual(['p4', 'p5']);
      expect(ids(await posts.find({ $or: [{ threadId: 't2' }, { votes: 0 }] }, sorted))).toEqual(['p3', 'p4']);
      expect(ids(await posts.find({ 'author.organisation.kind': 'supplier' }, sorted))).toEqual(['p2', 'p4']);
      expect(ids(await posts.find({ 'author.name': { $in: ['Ada', 'Cy'] } }, sorted))).toEqual(['p1', 'p3']);
      expect(ids(await posts.find({ tags: 'ict' }, sorted))).toEqual(['p1', 'p2']);
      expect(ids(await posts.find({ tags: { $all: ['ict', 'energy'] } }, sorted))).toEqual(['p1']);
      expect(ids(await posts.find({ tags: { $size: 0 } }, sorted))).toEqual(['p4']);
      expect(ids(await posts.find({ body: { $exists: false } }, sorted))).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(ids(await posts.find({ body: null }, sorted))).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(ids(await posts.find({ threadId: 't1', votes: { $lt: 5 } }, sorted))).toEqual(['p2', 'p4']);
    });

    it('counts matching documents', async () => {
      const posts = await seedPosts();
      expect(await posts.countDocuments({})).toBe(5);
      expect(await posts.countDocuments({ threadId: 't1' })).toBe(4);
      expect(await posts.countDocuments({ votes: { $gt: 100 } })).toBe(0);
      expect(await store.collection(freshName('empty')).countDocuments({})).toBe(0);
    });
  });

  describe('updating', () => {
    it('applies $set, $inc, $push, $addToSet and $unset', async () => {
      const posts = await seedPosts();
      const result = await posts.updateOne(
        { _id: 'p2' },
        { $set: { body: 'edited', 'author.name': 'Bodil' }, $inc: { votes: 3 }, $push: { tags: 'space' }, $unset: { threadId: '' } },
      );
      expect(result).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
      await posts.updateOne({ _id: 'p2' }, { $addToSet: { tags: 'ict' } });
      await posts.updateOne({ _id: 'p2' }, { $addToSet: { tags: 'energy' } });
      expect(await posts.findOne({ _id: 'p2' })).toEqual({
        _id: 'p2',
        createdAt: day(1),
        votes: 5,
        body: 'edited',
        tags: ['ict', 'space', 'energy'],
        author: { name: 'Bodil', organisation: { kind: 'supplier' } },
      });
    });

    it('updates only the first match and reports no-ops and misses', async () => {
      const posts = await seedPosts();
      await posts.updateOne({ threadId: 't1' }, { $inc: { votes: 100 } });
      expect(await posts.countDocuments({ votes: { $gte: 100 } })).toBe(1);
      expect(await posts.updateOne({ _id: 'p3' }, { $set: { votes: 9 } })).toEqual({
        matchedCount: 1,
        modifiedCount: 0,
        upsertedId: null,
      });
      expect(await posts.updateOne({ _id: 'nope' }, { $set: { votes: 1 } })).toEqual({
        matchedCount: 0,
        modifiedCount: 0,
        upsertedId: null,
      });
      expect(await posts.countDocuments({})).toBe(5);
    });

    it('ignores $setOnInsert when a document matches', async () => {
      const posts = await seedPosts();
      await posts.updateOne({ _id: 'p1' }, { $inc: { votes: 1 }, $setOnInsert: { body: 'new' } }, { upsert: true });
      const found = await posts.findOne({ _id: 'p1' });
      expect(found?.votes).toBe(6);
      expect(found?.body).toBeUndefined();
    });

    it('upserts a document built from the filter, the update and $setOnInsert', async () => {
      const counters = store.collection<StoredDocument & Record<string, unknown>>(freshName('counters'));
      const result = await counters.updateOne(
        { _id: 'events', kind: { $eq: 'seq' }, 'scope.dialogueId': 'd1', value: { $gt: 5 } },
        { $inc: { value: 1 }, $setOnInsert: { createdAt: day(9) } },
        { upsert: true },
      );
      expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 'events' });
      expect(await counters.findOne({ _id: 'events' })).toEqual({
        _id: 'events',
        kind: 'seq',
        scope: { dialogueId: 'd1' },
        value: 1,
        createdAt: day(9),
      });

      const again = await counters.updateOne({ _id: 'events' }, { $inc: { value: 1 } }, { upsert: true });
      expect(again).toEqual({ matchedCount: 1, modifiedCount: 1, upsertedId: null });
      expect((await counters.findOne({ _id: 'events' }))?.['value']).toBe(2);
    });

    it('gives an upserted document a string id when the filter does not fix one', async () => {
      const tallies = store.collection<StoredDocument & { name: string; n: number }>(freshName('tallies'));
      const result = await tallies.updateOne({ name: 'visits' }, { $inc: { n: 1 } }, { upsert: true });
      expect(typeof result.upsertedId).toBe('string');
      expect(await tallies.findOne({ name: 'visits' })).toEqual({ _id: result.upsertedId, name: 'visits', n: 1 });
    });

    it('findOneAndUpdate returns the document after the update', async () => {
      const counters = store.collection<Counter>(freshName('counters'));
      expect(await counters.findOneAndUpdate({ _id: 'c' }, { $inc: { value: 1 } })).toBeNull();
      expect(await counters.findOneAndUpdate({ _id: 'c' }, { $inc: { value: 1 } }, { upsert: true })).toEqual({
        _id: 'c',
        value: 1,
      });
      expect(await counters.findOneAndUpdate({ _id: 'c' }, { $inc: { value: 2 } })).toEqual({ _id: 'c', value: 3 });
      expect(await counters.findOneAndUpdate({ _id: 'c' }, { $set: { value: 3 } })).toEqual({ _id: 'c', value: 3 });
    });

    it('rejects a replacement document where an update is expected', async () => {
      const posts = await seedPosts();
      await expect(posts.updateOne({ _id: 'p1' }, { votes: 1 })).rejects.toThrow();
      expect((await posts.findOne({ _id: 'p1' }))?.votes).toBe(5);
    });
  });

  describe('deleting', () => {
    it('deleteMany removes every match and returns the count', async () => {
      const posts = await seedPosts();
      expect(await posts.deleteMany({ threadId: 't1', votes: { $lt: 5 } })).toBe(2);
      expect(ids(await posts.find({}, { sort: { _id: 1 } }))).toEqual(['p1', 'p3', 'p5']);
      expect(await posts.deleteMany({ votes: { $gt: 1000 } })).toBe(0);
      expect(await posts.deleteMany({})).toBe(3);
      expect(await posts.countDocuments({})).toBe(0);
    });
  });

  describe('indexes', () => {
    it('rejects a duplicate _id', async () => {
      const posts = await seedPosts();
      const error = await posts.insertOne(post('p1')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(error).toMatchObject({ collection: posts.name });
    });

    it('a unique index rejects a duplicate and the transaction writes nothing', async () => {
      const name = freshName('users');
      await store.ensureIndexes(name, [{ keys: { email: 1 }, unique: true, name: 'email' }]);
      const users = store.collection<StoredDocument & { email: string }>(name);
      await users.insertOne({ _id: 'u1', email: 'ada@example.se' });

      const error = await store
        .withTransaction(async (scope) => {
          const inScope = scope.collection<StoredDocument & { email: string }>(name);
          await inScope.insertOne({ _id: 'u2', email: 'bo@example.se' });
          await scope.collection(freshName('audit')).insertOne({ _id: 'a1' });
          await inScope.insertOne({ _id: 'u3', email: 'ada@example.se' });
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateKeyError);
      expect(error).toMatchObject({ collection: name, index: 'email' });
      expect(ids(await users.find({}))).toEqual(['u1']);

      await expect(users.updateOne({ _id: 'u1' }, { $set: { email: 'cy@example.se' } })).resolves.toMatchObject({
        modifiedCount: 1,
      });
      await users.insertOne({ _id: 'u4', email: 'ada@example.se' });
      await expect(users.updateOne({ _id: 'u4' }, { $set: { email: 'cy@example.se' } })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      expect((await users.findOne({ _id: 'u4' }))?.email).toBe('ada@example.se');
    });

    it('a unique index sees a key freed earlier in the same transaction', async () => {
      const name = freshName('users');
      await store.ensureIndexes(name, [{ keys: { email: 1 }, unique: true, name: 'email' }]);
      const users = store.collection<StoredDocument & { email: string }>(name);
      await users.insertOne({ _id: 'u1', email: 'ada@example.se' });
      await store.withTransaction(async (scope) => {
        await scope.collection(name).updateOne({ _id: 'u1' }, { $set: { email: 'ada@old.example.se' } });
        await scope.collection(name).insertOne({ _id: 'u2', email: 'ada@example.se' });
      });
      expect(await users.find({}, { sort: { _id: 1 } })).toEqual([
        { _id: 'u1', email: 'ada@old.example.se' },
        { _id: 'u2', email: 'ada@example.se' },
      ]);
    });

    it('insertMany is all or nothing', async () => {
      const posts = await seedPosts();
      await expect(posts.insertMany([post('n1'), post('n2'), post('p3'), post('n3')])).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      expect(await posts.countDocuments({})).toBe(5);
      await posts.insertMany([]);
      expect(await posts.countDocuments({})).toBe(5);
    });

    it('queries through a compound index stay right as documents change', async () => {
      const name = freshName('posts');
      await store.ensureIndexes(name, [{ keys: { threadId: 1, createdAt: 1 }, name: 'thread' }]);
      const posts = store.collection<Post>(name);
      await posts.insertMany([
        post('a', { threadId: 'x', createdAt: day(2) }),
        post('b', { threadId: 'x', createdAt: day(1) }),
        post('c', { threadId: 'y', createdAt: day(3) }),
      ]);
      await posts.updateOne({ _id: 'b' }, { $set: { threadId: 'y' } });
      await posts.deleteMany({ _id: 'c' });
      await posts.insertOne(post('d', { threadId: 'x', createdAt: day(0) }));
      expect(ids(await posts.find({ threadId: 'x' }, { sort: { createdAt: 1 } }))).toEqual(['d', 'a']);
      expect(ids(await posts.find({ threadId: 'y' }, { sort: { createdAt: 1 } }))).toEqual(['b']);
      expect(ids(await posts.find({ threadId: 'x', createdAt: day(2) }))).toEqual(['a']);
      expect(ids(await posts.find({ threadId: { $in: ['x', 'y'] } }, { sort: { _id: 1 } }))).toEqual(['a', 'b', 'd']);
    });
  });

  describe('ordered reads through declared indexes', () => {
    type Entry = StoredDocument & { arenaId: string; createdAt?: Date; seq?: number };
    const entry = (n: number): Entry => ({
      _id: `e${String(n).padStart(2, '0')}`,
      arenaId: n % 3 === 0 ? 'ict' : 'energy',
      createdAt: day(n + 1),
      seq: n + 1,
    });

    async function seedEntries() {
      const name = freshName('entries');
      await store.ensureIndexes(name, [
        { keys: { arenaId: 1, createdAt: -1 }, name: 'arena' },
        { keys: { createdAt: -1 }, name: 'newest' },
        { keys: { seq: -1 }, name: 'seq' },
      ]);
      const entries = store.collection<Entry>(name);
      await entries.insertMany(Array.from({ length: 30 }, (_, n) => entry(n)));
      return entries;
    }

    it('serves newest-first lists, ranges in both directions, pages and counts', async () => {
      const entries = await seedEntries();
      expect(ids(await entries.find({ arenaId: 'ict' }, { sort: { createdAt: -1 }, limit: 3 }))).toEqual(['e27', 'e24', 'e21']);
      expect(ids(await entries.find({ arenaId: 'ict' }, { sort: { createdAt: 1 }, limit: 2 }))).toEqual(['e00', 'e03']);
      expect(ids(await entries.find({}, { sort: { createdAt: -1 }, limit: 4 }))).toEqual(['e29', 'e28', 'e27', 'e26']);
      expect(ids(await entries.find({ createdAt: { $lt: day(10) } }, { sort: { createdAt: -1 }, limit: 3 }))).toEqual(['e08', 'e07', 'e06']);
      expect(ids(await entries.find({ seq: { $gt: 5, $lte: 9 } }, { sort: { seq: 1 } }))).toEqual(['e05', 'e06', 'e07', 'e08']);
      expect(ids(await entries.find({ seq: { $gte: 28 } }, { sort: { seq: -1 } }))).toEqual(['e29', 'e28', 'e27']);
      expect(
        ids(await entries.find({ arenaId: 'energy', createdAt: { $gte: day(20), $lt: day(25) } }, { sort: { createdAt: 1 } })),
      ).toEqual(['e19', 'e20', 'e22', 'e23']);
      expect(ids(await entries.find({}, { sort: { seq: -1 }, skip: 2, limit: 2 }))).toEqual(['e27', 'e26']);
      expect(ids(await entries.find({ arenaId: { $in: ['ict', 'energy'] }, seq: { $lt: 4 } }, { sort: { createdAt: -1 } }))).toEqual([
        'e02',
        'e01',
        'e00',
      ]);
      expect(await entries.countDocuments({ seq: { $lt: 11 } })).toBe(10);
      expect(await entries.countDocuments({ arenaId: 'ict', createdAt: { $gt: day(15) } })).toBe(5);
    });

    it('stay right as documents move, go and come without the field', async () => {
      const entries = await seedEntries();
      await entries.updateOne({ _id: 'e27' }, { $set: { createdAt: day(0) } });
      await entries.deleteMany({ _id: 'e29' });
      await entries.insertOne({ _id: 'undated', arenaId: 'ict' });
      expect(ids(await entries.find({ arenaId: 'ict' }, { sort: { createdAt: -1 }, limit: 2 }))).toEqual(['e24', 'e21']);
      expect(ids(await entries.find({ createdAt: { $lt: day(3) } }, { sort: { createdAt: 1 } }))).toEqual(['e27', 'e00', 'e01']);
      expect(ids(await entries.find({}, { sort: { seq: -1 }, limit: 1 }))).toEqual(['e28']);
      expect(ids(await entries.find({ seq: { $gt: 0 } }, { sort: { seq: 1 }, limit: 1 }))).toEqual(['e00']);
      // A document without the field sorts first ascending, like null, and last descending.
      expect(ids(await entries.find({ arenaId: 'ict' }, { sort: { createdAt: 1 }, limit: 2 }))).toEqual(['undated', 'e27']);
      expect((await entries.find({ arenaId: 'ict' }, { sort: { createdAt: -1 } })).at(-1)?._id).toBe('undated');
    });

    it('a transaction\'s ordered reads see its own writes', async () => {
      const entries = await seedEntries();
      const seen = await store.withTransaction(async (scope) => {
        const inScope = scope.collection<Entry>(entries.name);
        await inScope.insertOne({ _id: 'late', arenaId: 'ict', createdAt: day(99), seq: 99 });
        await inScope.deleteMany({ _id: 'e28' });
        return ids(await inScope.find({}, { sort: { createdAt: -1 }, limit: 3 }));
      });
      expect(seen).toEqual(['late', 'e29', 'e27']);
      expect(ids(await entries.find({}, { sort: { seq: -1 }, limit: 3 }))).toEqual(['late', 'e29', 'e27']);
    });
  });

  describe('transactions', () => {
    it('a transaction that throws leaves nothing behind', async () => {
      const posts = await seedPosts();
      const counters = store.collection<Counter>(freshName('counters'));
      await counters.insertOne({ _id: 'c', value: 1 });
      const failure = new Error('policy says no');
      await expect(
        store.withTransaction(async (scope) => {
          await scope.collection<Post>(posts.name).insertOne(post('new'));
          await scope.collection<Post>(posts.name).updateOne({ _id: 'p1' }, { $inc: { votes: 10 } });
          await scope.collection<Post>(posts.name).deleteMany({ threadId: 't2' });
          await scope.collection<Counter>(counters.name).updateOne({ _id: 'c' }, { $inc: { value: 1 } });
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await posts.findOne({ _id: 'new' })).toBeNull();
      expect((await posts.findOne({ _id: 'p1' }))?.votes).toBe(5);
      expect(await posts.countDocuments({ threadId: 't2' })).toBe(1);
      expect((await counters.findOne({ _id: 'c' }))?.value).toBe(1);
    });

    it('reads inside a transaction see its own writes, reads outside do not until commit', async () => {
      const posts = await seedPosts();
      let seenOutside: unknown = 'unset';
      const returned = await store.withTransaction(async (scope) => {
        const inScope = scope.collection<Post>(posts.name);
        await inScope.insertOne(post('new', { votes: 50 }));
        await inScope.updateOne({ _id: 'p1' }, { $set: { threadId: 't9' } });
        await inScope.deleteMany({ _id: 'p2' });
        expect((await inScope.findOne({ _id: 'new' }))?.votes).toBe(50);
        expect(ids(await inScope.find({ threadId: 't1' }, { sort: { _id: 1 } }))).toEqual(['new', 'p4', 'p5']);
        expect(ids(await inScope.find({ threadId: 't9' }))).toEqual(['p1']);
        expect(await inScope.countDocuments({})).toBe(5);
        expect(ids(await inScope.find({}, { sort: { votes: -1 }, limit: 1 }))).toEqual(['new']);
        seenOutside = await posts.findOne({ _id: 'new' });
        return 'done';
      });
      expect(returned).toBe('done');
      expect(seenOutside).toBeNull();
      expect((await posts.findOne({ _id: 'new' }))?.votes).toBe(50);
      expect(await posts.findOne({ _id: 'p2' })).toBeNull();
      expect((await posts.findOne({ _id: 'p1' }))?.threadId).toBe('t9');
    });

    it('50 concurrent read-modify-write transactions lose no update', async () => {
      const counters = store.collection<Counter>(freshName('counters'));
      await counters.insertOne({ _id: 'c', value: 0 });
      await Promise.all(
        Array.from({ length: 50 }, () =>
          store.withTransaction(async (scope) => {
            const inScope = scope.collection<Counter>(counters.name);
            const current = await inScope.findOne({ _id: 'c' });
            await new Promise((resolve) => setImmediate(resolve));
            await inScope.updateOne({ _id: 'c' }, { $set: { value: current!.value + 1 } });
          }),
        ),
      );
      expect((await counters.findOne({ _id: 'c' }))?.value).toBe(50);
    });

    it('50 concurrent $inc through findOneAndUpdate hand out 50 distinct values', async () => {
      const counters = store.collection<Counter>(freshName('counters'));
      const values = await Promise.all(
        Array.from({ length: 50 }, async () => {
          const after = await counters.findOneAndUpdate({ _id: 'seq' }, { $inc: { value: 1 } }, { upsert: true });
          return after!.value;
        }),
      );
      expect(new Set(values).size).toBe(50);
      expect(Math.max(...values)).toBe(50);
    });
  });

  describe('write counts (what a node may keep of a collection)', () => {
    it('move with every kind of write to the collection, and with nothing else', async () => {
      const name = freshName('posts');
      const posts = store.collection<Post>(name);
      const count = () => store.writeCount(name);
      if (count() === null) {
        // Other processes write too: the engine must never let a reader keep anything.
        expect(store.engine).toBe('mongodb');
        return;
      }
      const moves = async (write: () => Promise<unknown>) => {
        const before = count()!;
        await write();
        return count()! > before;
      };
      expect(await moves(() => posts.insertOne(post('a')))).toBe(true);
      expect(await moves(() => posts.insertMany([post('b'), post('c')]))).toBe(true);
      expect(await moves(() => posts.updateOne({ _id: 'a' }, { $set: { votes: 1 } }))).toBe(true);
      expect(await moves(() => posts.updateOne({ _id: 'x' }, { $set: { votes: 1 } }, { upsert: true }))).toBe(true);
      expect(await moves(() => posts.findOneAndUpdate({ _id: 'b' }, { $inc: { votes: 1 } }))).toBe(true);
      expect(await moves(() => posts.deleteMany({ _id: 'c' }))).toBe(true);
      expect(await moves(() => store.withTransaction((scope) => scope.collection<Post>(name).updateOne({ _id: 'a' }, { $set: { body: 'in a transaction' } })))).toBe(true);
      // Reads, misses, writes to another collection and a transaction that throws leave it alone.
      expect(await moves(() => posts.find({ threadId: 't1' }))).toBe(false);
      expect(await moves(() => posts.updateOne({ _id: 'nobody' }, { $set: { votes: 1 } }))).toBe(false);
      expect(await moves(() => store.collection<Post>(freshName('posts')).insertOne(post('elsewhere')))).toBe(false);
      const failure = new Error('no');
      expect(
        await moves(() =>
          store
            .withTransaction(async (scope) => {
              await scope.collection<Post>(name).insertOne(post('never'));
              throw failure;
            })
            .catch(() => {}),
        ),
      ).toBe(false);
    });
  });

  describe('isolation of returned documents', () => {
    it('documents handed in or out are copies', async () => {
      const posts = store.collection<Post>(freshName('posts'));
      const original = post('p', { tags: ['a'], author: { name: 'Ada', organisation: { kind: 'buyer' } } });
      await posts.insertOne(original);
      original.tags!.push('mutated-after-insert');
      original.votes = 99;

      const found = await posts.findOne({ _id: 'p' });
      found!.tags!.push('mutated-after-find');
      found!.author!.organisation.kind = 'mutated';
      const [listed] = await posts.find({ _id: 'p' });
      listed!.votes = 42;

      const addedTags = ['x'];
      const updated = await posts.findOneAndUpdate({ _id: 'p' }, { $set: { extra: addedTags } });
      addedTags.push('mutated-update');
      (updated as Record<string, unknown>)['extra'] = 'replaced';

      expect(await posts.findOne({ _id: 'p' })).toEqual({
        ...post('p', { tags: ['a'], author: { name: 'Ada', organisation: { kind: 'buyer' } } }),
        extra: ['x'],
      });
    });

    it('inside a transaction too, its own writes are handed out as copies', async () => {
      const name = freshName('posts');
      await store.withTransaction(async (scope) => {
        const posts = scope.collection<Post>(name);
        await posts.insertOne(post('p', { tags: ['a'] }));
        const found = await posts.findOne({ _id: 'p' });
        found!.tags!.push('mutated-after-find');
        const [listed] = await posts.find({ threadId: 't1' });
        listed!.votes = 42;
        expect(await posts.findOne({ _id: 'p' })).toEqual(post('p', { tags: ['a'] }));
      });
      expect(await store.collection<Post>(name).findOne({ _id: 'p' })).toEqual(post('p', { tags: ['a'] }));
    });
  });
});
