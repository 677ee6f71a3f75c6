// The shared rate-limit engine: two nodes counting in one store count against one limit. Runs on
// the embedded store always (two engines on one store instance, as two nodes share MongoDB) and on
// MongoDB, each node with its own connection, when MONGODB_URL is set.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitRule } from '../../src/platform/rate-limit/rate-limit-counter.ts';
import {
  pruneRateLimitCounts,
  RATE_LIMIT_COUNTS,
  storeRateLimits,
  type RateLimitCountDocument,
} from '../../src/platform/rate-limit/store-rate-limits.ts';
import type { DocumentStore } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { openMongoStore } from '../../src/platform/store/mongo-store.ts';

/** Two nodes' stores (one instance twice on the embedded engine), and how to clean up. */
type Nodes = { a: DocumentStore; b: DocumentStore; dispose(): Promise<void> };

const embedded = {
  name: 'embedded',
  async open(): Promise<Nodes> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rate-limits-'));
    const store = await openEmbeddedStore(dir);
    return {
      a: store,
      b: store,
      async dispose() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

const mongodbUrl = process.env['MONGODB_URL'];
const mongo = {
  name: 'mongodb',
  async open(): Promise<Nodes> {
    const db = `dialogforum_rate_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const a = await openMongoStore(mongodbUrl!, db);
    const b = await openMongoStore(mongodbUrl!, db);
    return {
      a,
      b,
      async dispose() {
        await Promise.all([a.close(), b.close()]);
        const client = await MongoClient.connect(mongodbUrl!);
        try {
          await client.db(db).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  },
};

const RULE: RateLimitRule = { limit: 3, windowMs: 60_000 };

describe.each(mongodbUrl ? [embedded, mongo] : [embedded])('rate limits counted in the store ($name)', (engine) => {
  let nodes: Nodes;
  let now = 0;
  let rule = 0;
  /** The same limit on both nodes, under a fresh name so tests do not share counts. */
  function limiters(limit: RateLimitRule = RULE) {
    rule += 1;
    const clock = () => now;
    return { a: storeRateLimits(nodes.a, clock)(`rule${rule}`, limit), b: storeRateLimits(nodes.b, clock)(`rule${rule}`, limit) };
  }

  beforeAll(async () => {
    nodes = await engine.open();
  });
  afterAll(async () => {
    await nodes?.dispose();
  });

  it('shares one count between nodes: the limit per window, then how long to wait, then a new window', async () => {
    now = 120_000 + 15_000; // 15 s into a minute's window
    const { a, b } = limiters();
    expect((await a.take('address:203.0.113.8')).allowed).toBe(true);
    expect((await b.take('address:203.0.113.8')).allowed).toBe(true);
    expect((await a.take('address:203.0.113.8')).allowed).toBe(true);
    expect(await b.take('address:203.0.113.8')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await a.peek('address:203.0.113.8')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await b.take('address:198.51.100.1')).allowed).toBe(true);
    now = 180_000;
    expect((await b.take('address:203.0.113.8')).allowed).toBe(true);
  });

  it('peeks without counting, and counts a cost larger than one', async () => {
    now = 0;
    const { a, b } = limiters({ limit: 100, windowMs: 60_000 });
    expect((await a.peek('user:u1')).allowed).toBe(true);
    expect((await a.take('user:u1', 60)).allowed).toBe(true);
    expect((await b.peek('user:u1')).allowed).toBe(true);
    expect(await b.take('user:u1', 41)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await a.peek('user:u1')).allowed).toBe(false);
    expect((await a.peek('user:u2')).allowed).toBe(true);
  });

  it('lets exactly the limit through when both nodes take at once', async () => {
    now = 0;
    const { a, b } = limiters({ limit: 30, windowMs: 60_000 });
    const verdicts = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? a : b).take('address:192.0.2.7')));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(30);
  });

  it('keeps no key in clear, and prunes the counts of ended windows only', async () => {
    now = 600_000;
    const { a } = limiters({ limit: 5, windowMs: 60_000 });
    await a.take('register:someone@example.se');
    now = 660_000;
    await a.take('register:someone@example.se');
    const stored = await nodes.a.collection<RateLimitCountDocument>(RATE_LIMIT_COUNTS).find({ _id: { $regex: `^rule${rule}:` } });
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain('someone');
    await pruneRateLimitCounts(nodes.b, 660_000);
    const left = await nodes.a.collection<RateLimitCountDocument>(RATE_LIMIT_COUNTS).find({ _id: { $regex: `^rule${rule}:` } });
    expect(left.map((count) => count.endsAt)).toEqual([720_000]);
  });
});
