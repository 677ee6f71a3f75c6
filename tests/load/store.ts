// Benchmark 3: the embedded document store at 100,000 posts, in a temp directory.
//
// - Writes, all durable when acknowledged (fdatasync): 5,000 single insertOne calls one after the
//   other, 5,000 more with 32 in flight (group commit shares syncs), the other 90,000 by insertMany
//   in batches of 1,000.
// - The thread page query find({ threadId }, { sort: { createdAt: 1 } }) over 2,000 random threads,
//   with the indexes the app declares (ensureThreadIndexes). Baseline: the same query as a full
//   scan with mingo over an in-memory array of the same documents — what it costs without the index.
// - Reopen: replaying the log of 100k posts, then declaring the indexes again as the app does.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureThreadIndexes } from '../../server/src/modules/threads/thread-indexes.ts';
import { POSTS, type PostDocument } from '../../server/src/modules/threads/documents.ts';
import { openEmbeddedStore, type EmbeddedDocumentStore } from '../../server/src/platform/store/embedded-store.ts';
import { nowUs } from './support/proc.ts';
import { Query } from './support/server-deps.ts';
import { forumSentence, seededRandom } from './support/forum-text.ts';
import { fmt, printTable, progress, ratio, summarize, type Summary } from './support/stats.ts';

const POST_COUNT = 100_000;
const THREAD_COUNT = 5_000;
const DIALOGUE_COUNT = 250;
const SINGLE_INSERTS = 5_000;
const CONCURRENT_INSERTS = 5_000;
const CONCURRENCY = 32;
const BATCH = 1_000;
const QUERIES = 2_000;
const QUERY_WARMUP = 200;
/** The scan baseline is ~1,000× slower per query; it stops at this many queries or this much time. */
const SCAN_QUERIES = 2_000;
const SCAN_BUDGET_MS = 15_000;

const log = progress('store');
const gc = (globalThis as { gc?: () => void }).gc;
const started = nowUs();

const random = seededRandom(20_261_121);
const hexId = () => Array.from({ length: 3 }, () => Math.floor(random() * 2 ** 32).toString(16).padStart(8, '0')).join('');
const sentence = (words: number) => forumSentence(words, random);

const threads = Array.from({ length: THREAD_COUNT }, (_, i) => ({ id: hexId(), dialogueId: `dialogue${String(i % DIALOGUE_COUNT).padStart(6, '0')}aaaa`, posts: 0 }));
const users = Array.from({ length: 500 }, () => ({ id: hexId(), organisationId: hexId() }));
const epoch = Date.parse('2026-01-01T00:00:00Z');
const docs: PostDocument[] = [];
for (let i = 0; i < POST_COUNT; i += 1) {
  const thread = threads[Math.floor(random() * THREAD_COUNT)]!;
  const author = users[Math.floor(random() * users.length)]!;
  const body = sentence(30 + Math.floor(random() * 30));
  const createdAt = new Date(epoch + i * 1_000).toISOString();
  docs.push({
    _id: hexId(),
    threadId: thread.id,
    dialogueId: thread.dialogueId,
    kind: thread.posts === 0 ? 'question' : 'answer',
    body,
    authorId: author.id,
    authorOrganisationId: author.organisationId,
    official: thread.posts > 0,
    private: false,
    createdAt,
    versions: [{ title: null, body, at: createdAt, by: author.id, note: null }],
    hidden: null,
  });
  thread.posts += 1;
}
const postsPerThread = summarize(threads.map((thread) => thread.posts));
log(
  `generated ${POST_COUNT.toLocaleString('en-US')} posts over ${THREAD_COUNT.toLocaleString('en-US')} threads ` +
    `(${fmt(postsPerThread.mean)} per thread, max ${postsPerThread.max}) in ${DIALOGUE_COUNT} dialogues`,
);

const dir = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-bench-store-'));
try {
  let store: EmbeddedDocumentStore | null = await openEmbeddedStore(dir);
  await ensureThreadIndexes(store);
  let posts = store.collection<PostDocument>(POSTS);

  // --- writes ---
  const writeRows: string[][] = [];
  const writeRow = (label: string, count: number, ms: number, perOp: Summary, opLabel: string) => {
    writeRows.push([label, count.toLocaleString('en-US'), fmt((count / ms) * 1000), `${fmt(perOp.p50)} / ${fmt(perOp.p99)}`, opLabel]);
    log(`${label}: ${count.toLocaleString('en-US')} posts in ${fmt(ms / 1000)} s = ${fmt((count / ms) * 1000)} posts/s; ${opLabel} p50 ${fmt(perOp.p50)} ms, p99 ${fmt(perOp.p99)} ms`);
  };

  let next = 0;
  {
    const latencies: number[] = [];
    const t0 = nowUs();
    for (const end = next + SINGLE_INSERTS; next < end; next += 1) {
      const s = nowUs();
      await posts.insertOne(docs[next]!);
      latencies.push((nowUs() - s) / 1e3);
    }
    writeRow('insertOne, one at a time', SINGLE_INSERTS, (nowUs() - t0) / 1e3, summarize(latencies), 'per insertOne');
  }
  {
    const latencies: number[] = [];
    const t0 = nowUs();
    const end = next + CONCURRENT_INSERTS;
    const worker = async () => {
      while (next < end) {
        const doc = docs[next++]!;
        const s = nowUs();
        await posts.insertOne(doc);
        latencies.push((nowUs() - s) / 1e3);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    writeRow(`insertOne, ${CONCURRENCY} in flight (group commit)`, CONCURRENT_INSERTS, (nowUs() - t0) / 1e3, summarize(latencies), 'per insertOne');
  }
  {
    const latencies: number[] = [];
    const t0 = nowUs();
    const count = POST_COUNT - next;
    for (; next < POST_COUNT; next += BATCH) {
      const s = nowUs();
      await posts.insertMany(docs.slice(next, next + BATCH));
      latencies.push((nowUs() - s) / 1e3);
    }
    writeRow(`insertMany, batches of ${BATCH.toLocaleString('en-US')}`, count, (nowUs() - t0) / 1e3, summarize(latencies), 'per batch');
  }
  printTable(
    'Embedded store writes (every acknowledgement durable: fdatasync)',
    ['write', 'posts', 'posts/s', 'p50 / p99 ms', 'latency of'],
    writeRows,
  );

  // --- the thread page query ---
  const expected = new Map(threads.map((thread) => [thread.id, thread.posts]));
  const pick = () => threads[Math.floor(random() * THREAD_COUNT)]!.id;
  const check = (threadId: string, found: PostDocument[]) => {
    if (found.length !== expected.get(threadId)) throw new Error(`thread ${threadId}: ${found.length} posts, expected ${expected.get(threadId)}`);
    for (let i = 1; i < found.length; i += 1) {
      if (found[i - 1]!.createdAt > found[i]!.createdAt) throw new Error(`thread ${threadId}: not sorted by createdAt`);
    }
  };

  const indexed = async (collection: typeof posts, count: number): Promise<number[]> => {
    const latencies: number[] = [];
    for (let i = 0; i < count; i += 1) {
      const threadId = pick();
      const s = nowUs();
      const found = await collection.find({ threadId }, { sort: { createdAt: 1 } });
      latencies.push((nowUs() - s) / 1e3);
      check(threadId, found);
    }
    return latencies;
  };
  await indexed(posts, QUERY_WARMUP);
  const indexedMs = summarize(await indexed(posts, QUERIES));
  log(`indexed find over ${QUERIES} random threads: p50 ${fmt(indexedMs.p50)} ms, p99 ${fmt(indexedMs.p99)} ms`);

  const scan = (run: (threadId: string) => PostDocument[]): Summary => {
    const latencies: number[] = [];
    const deadline = nowUs() + SCAN_BUDGET_MS * 1e3;
    for (let i = 0; i < 5; i += 1) run(pick()); // warm-up
    while (latencies.length < SCAN_QUERIES && nowUs() < deadline) {
      const threadId = pick();
      const s = nowUs();
      const found = run(threadId);
      latencies.push((nowUs() - s) / 1e3);
      check(threadId, found);
    }
    return summarize(latencies);
  };
  const mingoScan = scan((threadId) => new Query({ threadId }).find<PostDocument>(docs).sort({ createdAt: 1 }).all());
  log(`mingo full scan over ${mingoScan.n} random threads: p50 ${fmt(mingoScan.p50)} ms, p99 ${fmt(mingoScan.p99)} ms`);
  const plainScan = scan((threadId) => docs.filter((doc) => doc.threadId === threadId).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1)));
  log(`hand-written filter+sort over ${plainScan.n} random threads: p50 ${fmt(plainScan.p50)} ms, p99 ${fmt(plainScan.p99)} ms`);

  printTable(
    `Thread page query find({ threadId }, { sort: { createdAt: 1 } }) at ${POST_COUNT.toLocaleString('en-US')} posts (~${fmt(postsPerThread.mean)} posts per thread), ms`,
    ['query', 'queries', 'p50', 'p99', 'max', 'p50 vs embedded', 'p99 vs embedded'],
    [
      ['embedded store, declared index (incl. copying results out)', String(indexedMs.n), fmt(indexedMs.p50), fmt(indexedMs.p99), fmt(indexedMs.max), '1.00×', '1.00×'],
      ['baseline: mingo full scan of an in-memory array', String(mingoScan.n), fmt(mingoScan.p50), fmt(mingoScan.p99), fmt(mingoScan.max), ratio(mingoScan.p50, indexedMs.p50), ratio(mingoScan.p99, indexedMs.p99)],
      ['(also) hand-written Array.filter + sort, no mingo', String(plainScan.n), fmt(plainScan.p50), fmt(plainScan.p99), fmt(plainScan.max), ratio(plainScan.p50, indexedMs.p50), ratio(plainScan.p99, indexedMs.p99)],
    ],
  );

  // --- reopen ---
  await store.close();
  store = null;
  posts = null as unknown as typeof posts;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const logBytes = (await stat(path.join(dir, 'store.log'))).size;
  const t0 = nowUs();
  store = await openEmbeddedStore(dir);
  const replayMs = (nowUs() - t0) / 1e3;
  const t1 = nowUs();
  await ensureThreadIndexes(store);
  const indexMs = (nowUs() - t1) / 1e3;
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  posts = store.collection<PostDocument>(POSTS);
  const count = await posts.countDocuments({});
  if (count !== POST_COUNT) throw new Error(`reopened store holds ${count} posts, expected ${POST_COUNT}`);
  const afterReopen = summarize(await indexed(posts, 500));
  log(`reopen: replay ${fmt(replayMs)} ms + indexes ${fmt(indexMs)} ms; ${count.toLocaleString('en-US')} posts back; thread page p50 ${fmt(afterReopen.p50)} ms`);
  printTable(
    `Reopening the embedded store with ${POST_COUNT.toLocaleString('en-US')} posts`,
    ['log size', 'frames', 'replay (open)', 'declare indexes', 'total', 'heap held by the store', 'thread page p50 after'],
    [
      [
        `${fmt(logBytes / 2 ** 20)} MiB`,
        (SINGLE_INSERTS + CONCURRENT_INSERTS + Math.ceil((POST_COUNT - SINGLE_INSERTS - CONCURRENT_INSERTS) / BATCH)).toLocaleString('en-US'),
        `${fmt(replayMs)} ms`,
        `${fmt(indexMs)} ms`,
        `${fmt(replayMs + indexMs)} ms`,
        gc ? `${fmt((heapAfter - heapBefore) / 2 ** 20)} MiB` : '– (run with --expose-gc)',
        `${fmt(afterReopen.p50)} ms`,
      ],
    ],
  );
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
log(`done in ${fmt((nowUs() - started) / 1e6)} s`);
process.exit(0);
