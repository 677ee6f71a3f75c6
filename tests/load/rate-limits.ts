// Benchmark 5: what a rate-limit count costs when several nodes share it in the store, against the
// in-memory engine one node uses (the baseline, in the same run).
//
// A read (tRPC query) costs one peek before it runs and one take after it (its server time); a
// mutation two takes (per person, per address), a few procedures one more. The shared engine's
// take is one upsert with $inc, its peek one read by id. Measured on the embedded store (every
// take a durable write: fdatasync, shared by concurrent takes through group commit) and, when
// MONGODB_URL is set, on MongoDB (each node's take a round trip to the primary). 1,000 keys (client
// addresses), one at a time and 32 in flight.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RateLimitCounter } from '../../server/src/platform/rate-limit/rate-limit-counter.ts';
import { inMemoryRateLimits } from '../../server/src/platform/rate-limit/rate-limiter.ts';
import { storeRateLimits } from '../../server/src/platform/rate-limit/store-rate-limits.ts';
import type { DocumentStore } from '../../server/src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../server/src/platform/store/embedded-store.ts';
import { openMongoStore } from '../../server/src/platform/store/mongo-store.ts';
import { nowUs } from './support/proc.ts';
import { fmt, printTable, progress, ratio, summarize, type Summary } from './support/stats.ts';

const KEYS = 1_000;
const SEQUENTIAL = 5_000;
const CONCURRENT = 10_000;
const IN_FLIGHT = 32;
const WARMUP = 500;
/** Far above what any run reaches, so that every take is counted and allowed. */
const RULE = { limit: 1e12, windowMs: 3_600_000 };

const log = progress('rate-limits');
const key = (i: number) => `address:10.0.${Math.floor(i / 256) % 256}.${i % 256}`;

type Measured = { engine: string; take: Summary; peek: Summary; takesPerSecond: number };

async function measure(engine: string, counter: RateLimitCounter): Promise<Measured> {
  for (let i = 0; i < WARMUP; i++) await counter.take(key(i % KEYS));
  const time = async (count: number, run: (i: number) => Promise<unknown>) => {
    const latencies: number[] = [];
    for (let i = 0; i < count; i++) {
      const s = nowUs();
      await run(i);
      latencies.push((nowUs() - s) / 1e3);
    }
    return summarize(latencies);
  };
  const take = await time(SEQUENTIAL, (i) => counter.take(key(i % KEYS)));
  const peek = await time(SEQUENTIAL, (i) => counter.peek(key(i % KEYS)));
  let next = 0;
  const t0 = nowUs();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < CONCURRENT) await counter.take(key(next++ % KEYS));
    }),
  );
  const takesPerSecond = CONCURRENT / ((nowUs() - t0) / 1e6);
  log(`${engine}: take p50 ${fmt(take.p50)} ms p99 ${fmt(take.p99)} ms; peek p50 ${fmt(peek.p50)} ms; ${fmt(takesPerSecond)} takes/s with ${IN_FLIGHT} in flight`);
  return { engine, take, peek, takesPerSecond };
}

const results: Measured[] = [await measure('in memory (one node; baseline)', inMemoryRateLimits('bench', RULE))];

const stores: { name: string; open(): Promise<{ store: DocumentStore; dispose(): Promise<void> }> }[] = [
  {
    name: 'embedded store (durable writes)',
    async open() {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-rate-limits-'));
      const store = await openEmbeddedStore(dir);
      return {
        store,
        async dispose() {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
const mongodbUrl = process.env['MONGODB_URL'];
if (mongodbUrl) {
  stores.push({
    name: 'MongoDB',
    async open() {
      // One database for every run; the counts are deleted again below.
      const store = await openMongoStore(mongodbUrl, 'dialogforum_bench');
      return {
        store,
        async dispose() {
          await store.collection('rateLimitCounts').deleteMany({});
          await store.close();
        },
      };
    },
  });
} else {
  log('MONGODB_URL is not set: the shared engine is measured on the embedded store only');
}

for (const { name, open } of stores) {
  const { store, dispose } = await open();
  try {
    results.push(await measure(`store: ${name}`, storeRateLimits(store)('bench', RULE)));
  } finally {
    await dispose();
  }
}

const [baseline] = results;
printTable(
  'One rate-limit count (ms per call; a read pays a peek and a take, a mutation two or three takes)',
  ['engine', 'take p50', 'take p99', 'peek p50', 'peek p99', 'takes/s, 32 in flight', 'take p50 vs memory', 'takes/s vs memory'],
  results.map((result) => [
    result.engine,
    fmt(result.take.p50),
    fmt(result.take.p99),
    fmt(result.peek.p50),
    fmt(result.peek.p99),
    fmt(result.takesPerSecond),
    ratio(result.take.p50, baseline!.take.p50),
    ratio(result.takesPerSecond, baseline!.takesPerSecond),
  ]),
);
