// The embedded engine keeps declared indexes so that a thread page reads its own posts instead of
// scanning the collection (DESIGN.md §4). The engine counts documents it tests against a filter.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    await store.ensureIndexes('posts', [{ keys: { threadId: 1, createdAt: 1 }, name: 'thread' }]);
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

  it('a thread page examines only that thread\'s posts', async () => {
    const { result, examined } = await examinedBy(() =>
      store.collection<Post>('posts').find({ threadId: 't42' }, { sort: { createdAt: 1 }, limit: 50 }),
    );
    expect(examined).toBe(POSTS / THREADS);
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

  it('looks documents up by _id directly', async () => {
    const { result, examined } = await examinedBy(() => store.collection<Post>('posts').findOne({ _id: 'p99999' }));
    expect(result?.threadId).toBe(`t${99_999 % THREADS}`);
    expect(examined).toBe(1);
  });

  it('scans when no index fixes a leading field', async () => {
    const { result, examined } = await examinedBy(() => store.collection<Post>('posts').countDocuments({ authorId: 'u3' }));
    expect(result).toBe(Math.ceil((POSTS - 3) / 7));
    expect(examined).toBe(POSTS);
  });
});
