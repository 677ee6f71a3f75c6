// Benchmark: search at 100,000 posts (search-corpus.ts, fixed seed), the embedded engine against
// MiniSearch — the library the embedded engine used before — called directly, in the same run.
//
// 1. In process, both engines: index build time, heap after a full GC, query latency for 1–3 word
//    queries (exact, one typo, prefix of the last word, with an arena filter), short prefixes
//    ("pri", "upp" — the worst case), and top-10 recall of one-typo queries measured against the
//    same engine's results for the exact spelling.
// 2. The embedded engine as the server runs it (worker thread, segment files in a temp directory):
//    build through the worker with searches running meanwhile (none may wait behind the writes),
//    the main thread's event-loop delay throughout, the files' size, and a cold open: how long
//    until open() resolves and until the first search is answered from the whole index, checked
//    against the answers given before closing. Then a compaction: every other document of the
//    oldest half is replaced, so the oldest segments are half dead and are compacted while
//    searches run; their latency then is set beside idle searches'.
// 3. The real server (startApp) on that DATA_DIR: time until it listens, and until its search
//    port first answers, correctly (the same check). Baseline for the cold open: MiniSearch's own
//    snapshot (the former engine's: one JSON string, loadJSON) in process.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import MiniSearch, { type SearchResult } from 'minisearch';
import { startApp } from '../../server/src/app.ts';
import { readConfig } from '../../server/src/config.ts';
import { createLogger } from '../../server/src/platform/logging/logger.ts';
import { openEmbeddedSearch } from '../../server/src/platform/search/embedded-search.ts';
import { InvertedIndex } from '../../server/src/platform/search/inverted-index.ts';
import { plainTextFromMarkdown } from '../../server/src/platform/search/markdown-plain-text.ts';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult as IndexResult } from '../../server/src/platform/search/search-index.ts';
import { searchTerm, searchTokens } from '../../server/src/platform/search/search-terms.ts';
import { nowUs } from './support/proc.ts';
import { seededRandom } from './support/forum-text.ts';
import { fmt, percentile, printTable, progress, ratio } from './support/stats.ts';
import { searchCorpus, withTypo } from './search-corpus.ts';

const POSTS = Number(process.env.SEARCH_BENCH_POSTS ?? 100_000);
/** SEARCH_BENCH_QUERIES shortens a run on a busy machine (the baseline's queries take longest). */
const QUERIES_PER_KIND = Number(process.env.SEARCH_BENCH_QUERIES ?? 500);
const RECALL_QUERIES = QUERIES_PER_KIND;
const SHORT_PREFIXES = ['pri', 'upp', 'lev', 'sen', 'vä', 'da', 'tj', 'kra'];
const BATCH = 500;

const log = progress('search');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

log(`generating ${POSTS.toLocaleString('en-US')} posts (seed 20261126)`);
const { docs } = searchCorpus(POSTS, 20_261_126);
const random = seededRandom(42);
const ALL: SearchQuery['visibilities'] = ['public', 'registered'];

// ---- queries --------------------------------------------------------------------------------
type BenchQuery = { kind: string; text: string; exact: string; arenaId?: string };
function sourceWords(doc: SearchDocument): string[] {
  return searchTokens(doc.body).filter((token) => token.length >= 5 && !/\d/.test(token));
}
function makeQueries(): BenchQuery[] {
  const queries: BenchQuery[] = [];
  const kinds = ['exact', 'typo', 'prefix', 'filtered'] as const;
  for (const kind of kinds) {
    for (let made = 0; made < QUERIES_PER_KIND; ) {
      const doc = docs[Math.floor(random() * docs.length)]!;
      const words = sourceWords(doc);
      if (words.length < 3) continue;
      const count = 1 + Math.floor(random() * 3);
      const start = Math.floor(random() * (words.length - count + 1));
      const chosen = words.slice(start, start + count);
      const exact = chosen.join(' ');
      let text = exact;
      if (kind === 'typo' || (kind === 'filtered' && random() < 0.5)) {
        const at = Math.floor(random() * chosen.length);
        text = chosen.map((word, i) => (i === at ? withTypo(word, random) : word)).join(' ');
      } else if (kind === 'prefix') {
        const last = chosen.at(-1)!;
        text = [...chosen.slice(0, -1), last.slice(0, 3 + Math.floor(random() * 3))].join(' ');
      }
      queries.push({ kind, text, exact, ...(kind === 'filtered' ? { arenaId: doc.arenaId } : {}) });
      made++;
    }
  }
  return queries;
}
const queries = makeQueries();
const recallQueries = queries.filter((query) => query.kind === 'typo').slice(0, RECALL_QUERIES);

type Engine = { name: string; search(text: string, arenaId?: string): string[] };
type Timing = { p50: number; p95: number; p99: number; max: number };

function timings(values: number[]): Timing {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

function measure(engine: Engine): { all: Timing; byKind: Record<string, Timing>; short: Timing; recall: number } {
  // Warm-up: the first queries pay for JIT compilation.
  for (const query of queries.slice(0, 100)) engine.search(query.text, query.arenaId);
  const byKind: Record<string, number[]> = {};
  const all: number[] = [];
  for (const query of queries) {
    const started = nowUs();
    engine.search(query.text, query.arenaId);
    const ms = (nowUs() - started) / 1000;
    all.push(ms);
    (byKind[query.kind] ??= []).push(ms);
  }
  const short: number[] = [];
  for (const prefix of SHORT_PREFIXES) {
    for (let i = 0; i < 5; i++) {
      const started = nowUs();
      engine.search(prefix);
      short.push((nowUs() - started) / 1000);
    }
  }
  let recalled = 0;
  let wanted = 0;
  for (const query of recallQueries) {
    const expected = engine.search(query.exact).slice(0, 10);
    const found = new Set(engine.search(query.text).slice(0, 10));
    wanted += expected.length;
    recalled += expected.filter((id) => found.has(id)).length;
  }
  return {
    all: timings(all),
    byKind: Object.fromEntries(Object.entries(byKind).map(([kind, values]) => [kind, timings(values)])),
    short: timings(short),
    recall: wanted === 0 ? NaN : recalled / wanted,
  };
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

// ---- 1a. the embedded engine in process ------------------------------------------------------
const heapBefore = heapMb();
let started = nowUs();
let embedded: InvertedIndex | null = new InvertedIndex();
for (const doc of docs) {
  const { title, body, ...facts } = doc;
  embedded.put(facts, embedded.weigh(title, plainTextFromMarkdown(body)));
}
embedded.vocabulary.settle();
const embeddedBuildS = (nowUs() - started) / 1e6;
const embeddedHeap = heapMb() - heapBefore;
log(`embedded: built in ${fmt(embeddedBuildS)} s, heap +${fmt(embeddedHeap)} MB, ${embedded.vocabulary.size.toLocaleString('en-US')} terms`);
const embeddedIndex = embedded;
const embeddedResult = measure({
  name: 'embedded',
  search: (text, arenaId) =>
    embeddedIndex.search({ text, limit: 10, visibilities: ALL, ...(arenaId ? { filters: { arenaIds: [arenaId] } } : {}) }).hits.map((hit) => hit.id),
});
log(`embedded: p95 ${fmt(embeddedResult.all.p95)} ms, max ${fmt(embeddedResult.all.max)} ms, recall ${fmt(embeddedResult.recall)}`);
embedded = null;

// ---- 2. the embedded engine as the server runs it ----------------------------------------------
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-search-bench-'));
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
const dir = path.join(dataDir, 'search');
// The in-process index of 1a is garbage now: collected here, not during the phase whose main-thread
// delay is measured (its pause is this benchmark's own, not the server's).
gc();
const loop = monitorEventLoopDelay({ resolution: 1 });
const worker = await openEmbeddedSearch(dir);
loop.enable();
started = nowUs();
const duringWrites: number[] = [];
let building = true;
const searching = (async () => {
  let i = 0;
  while (building) {
    const query = queries[i++ % queries.length]!;
    const begun = nowUs();
    await worker.search({ text: query.text, limit: 10, visibilities: ALL });
    duringWrites.push((nowUs() - begun) / 1000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})();
for (let i = 0; i < docs.length; i += BATCH) await worker.upsert(docs.slice(i, i + BATCH), i / BATCH + 1);
const workerSearchableS = (nowUs() - started) / 1e6;
await worker.flush();
const workerDurableS = (nowUs() - started) / 1e6;
building = false;
await searching;
// The same searches with nothing else going on: the main thread's delay while only searching
// (the whole phase above also carries the bulk load's 500-document batches, each cloned into the
// worker by postMessage on the main thread, as `pnpm reindex` does and the served indexer does not:
// it sends each event's few documents).
const searchLoop = monitorEventLoopDelay({ resolution: 1 });
searchLoop.enable();
const idle: number[] = [];
for (const query of queries) {
  const begun = nowUs();
  await worker.search({ text: query.text, limit: 10, visibilities: ALL, ...(query.arenaId ? { filters: { arenaIds: [query.arenaId] } } : {}) });
  idle.push((nowUs() - begun) / 1000);
}
loop.disable();
searchLoop.disable();
// What a correct answer is after a restart: these queries' answers before it (with facets).
const checks: SearchQuery[] = queries.filter((_, i) => i % Math.floor(queries.length / 20) === 0).map((query) => ({
  text: query.text,
  limit: 10,
  visibilities: ALL,
  facets: true,
  ...(query.arenaId ? { filters: { arenaIds: [query.arenaId] } } : {}),
}));
const expected = await Promise.all(checks.map((check) => worker.search(check)));
await worker.close();
const files = await readdir(dir);
const bytes = (await Promise.all(files.map(async (name) => (await stat(path.join(dir, name))).size))).reduce((a, b) => a + b, 0);

async function correctAnswers(search: Pick<SearchIndex, 'search'>): Promise<number> {
  const answers: IndexResult[] = await Promise.all(checks.map((check) => search.search(check)));
  return answers.filter((answer, i) => isDeepStrictEqual(answer, expected[i])).length;
}

started = nowUs();
const reopened = await openEmbeddedSearch(dir);
const openS = (nowUs() - started) / 1e6;
const first = await reopened.search(checks[0]!);
const firstAnswerS = (nowUs() - started) / 1e6;
const firstCorrect = isDeepStrictEqual(first, expected[0]);
const reopenedCorrect = await correctAnswers(reopened);
const reopenedTotal = (await reopened.search({ text: 'och', limit: 1, visibilities: ALL })).total;
log(`worker: searchable after ${fmt(workerSearchableS)} s, durable after ${fmt(workerDurableS)} s; reopened: open ${fmt(openS * 1000)} ms, first answer ${fmt(firstAnswerS)} s (${firstCorrect ? 'correct' : 'WRONG'}), ${reopenedCorrect}/${checks.length} checks equal`);

// ---- 2b. searches during a compaction ---------------------------------------------------------
const segmentFiles = async () => (await readdir(dir)).filter((name) => name.startsWith('segment-'));
// In strides across the whole range, so that every old segment reaches half dead only with the last
// batches: their compactions then run after the last upsert, while only searches come in.
const half = docs.slice(0, Math.floor(docs.length / 2)).filter((_, i) => i % 2 === 0);
const STRIDE = 100;
const replaced: SearchDocument[] = [];
for (let offset = 0; offset < STRIDE; offset++) for (let j = offset; j < half.length; j += STRIDE) replaced.push(half[j]!);
for (let i = 0; i < replaced.length; i += BATCH) {
  const batch = replaced.slice(i, i + BATCH).map((doc) => ({ ...doc, body: `${doc.body} (reviderad)` }));
  await reopened.upsert(batch, docs.length / BATCH + 1 + i / BATCH);
}
// Everything is searchable now; what remains is persistence: frames, snapshots, compactions.
const segmentsBefore = new Set(await segmentFiles());
const duringCompaction: number[] = [];
let compacting = true;
const compactionStarted = nowUs();
const persisted = reopened.flush().then(() => {
  compacting = false;
});
for (let i = 0; compacting; i++) {
  const query = queries[i % queries.length]!;
  const begun = nowUs();
  await reopened.search({ text: query.text, limit: 10, visibilities: ALL });
  duringCompaction.push((nowUs() - begun) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 2));
}
await persisted;
const compactionS = (nowUs() - compactionStarted) / 1e6;
const segmentsAfter = new Set(await segmentFiles());
// Gone in both forms (a sealed segment's frames become a snapshot; that is no compaction).
const compactedAway = [...segmentsBefore].filter((name) => !segmentsAfter.has(name) && !segmentsAfter.has(name.replace(/\.log$/, '.snap')));
const idleAfter: number[] = [];
for (const query of queries.slice(0, duringCompaction.length)) {
  const begun = nowUs();
  await reopened.search({ text: query.text, limit: 10, visibilities: ALL });
  idleAfter.push((nowUs() - begun) / 1000);
}
await reopened.close();
log(`compaction: ${compactedAway.length} segments compacted away in ${fmt(compactionS)} s of persistence; ${duringCompaction.length} searches meanwhile`);

// ---- 3. the real server on this DATA_DIR -------------------------------------------------------
// The index is as the compaction left it: the checks' answers are taken again from it first.
{
  const before = await openEmbeddedSearch(dir);
  expected.splice(0, expected.length, ...(await Promise.all(checks.map((check) => before.search(check)))));
  await before.close();
}
const port = await freePort();
const config = readConfig(
  { NODE_ENV: 'production', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, HOST: '127.0.0.1', DATA_DIR: dataDir },
  { clientDist: path.resolve(import.meta.dirname, '../../client/dist') },
);
started = nowUs();
const app = await startApp(config, { logger: createLogger('warn', { write: () => undefined }) });
const listeningS = (nowUs() - started) / 1e6;
const serverFirst = await app.services.search.search(checks[0]!);
const serverFirstS = (nowUs() - started) / 1e6;
const serverFirstCorrect = isDeepStrictEqual(serverFirst, expected[0]);
const serverCorrect = await correctAnswers(app.services.search);
await app.close();
await rm(dataDir, { recursive: true, force: true });
log(`server: listening after ${fmt(listeningS)} s, first search answered after ${fmt(serverFirstS)} s (${serverFirstCorrect ? 'correct' : 'WRONG'}), ${serverCorrect}/${checks.length} checks equal`);

// ---- 1b. MiniSearch, called directly ---------------------------------------------------------
type MiniDoc = { id: string; title: string; body: string; visibility: string; arenaId: string };
const miniHeapBefore = heapMb();
started = nowUs();
let mini: MiniSearch<MiniDoc> | null = new MiniSearch<MiniDoc>({
  idField: 'id',
  fields: ['title', 'body'],
  // Only what filters need: the embedded engine keeps no text either (the store does).
  storeFields: ['visibility', 'arenaId'],
  tokenize: searchTokens,
  processTerm: searchTerm,
});
for (const doc of docs) mini.add({ id: doc.id, title: doc.title, body: plainTextFromMarkdown(doc.body), visibility: doc.visibility, arenaId: doc.arenaId });
const miniBuildS = (nowUs() - started) / 1e6;
const miniHeap = heapMb() - miniHeapBefore;
log(`MiniSearch: built in ${fmt(miniBuildS)} s, heap +${fmt(miniHeap)} MB`);
// The former engine's snapshot: the whole index as one JSON string, loaded back whole.
started = nowUs();
let miniJson: string | null = JSON.stringify(mini);
const miniSaveS = (nowUs() - started) / 1e6;
const miniJsonMiB = miniJson.length / 2 ** 20;
mini = null;
gc();
started = nowUs();
mini = MiniSearch.loadJSON<MiniDoc>(miniJson, { idField: 'id', fields: ['title', 'body'], storeFields: ['visibility', 'arenaId'], tokenize: searchTokens, processTerm: searchTerm });
mini.search(queries[0]!.text, { boost: { title: 3 }, fuzzy: 0.2, prefix: true });
const miniLoadS = (nowUs() - started) / 1e6;
miniJson = null;
log(`MiniSearch: snapshot ${fmt(miniJsonMiB)} MiB written in ${fmt(miniSaveS)} s, loaded and first answer after ${fmt(miniLoadS)} s`);
const miniIndex = mini;
const miniResult = measure({
  name: 'MiniSearch',
  search: (text, arenaId) => {
    // The former engine's options: title boost 3, fuzzy 0.2, prefix, all words then any word.
    const options = {
      boost: { title: 3 },
      fuzzy: 0.2,
      prefix: true,
      // Stored fields come back as properties of each result.
      filter: (result: SearchResult) => arenaId === undefined || (result as unknown as MiniDoc).arenaId === arenaId,
    };
    let results = miniIndex.search(text, { ...options, combineWith: 'AND' });
    if (results.length === 0) results = miniIndex.search(text, { ...options, combineWith: 'OR' });
    return results.slice(0, 10).map((result) => String(result.id));
  },
});
mini = null;
log(`MiniSearch: p95 ${fmt(miniResult.all.p95)} ms, max ${fmt(miniResult.all.max)} ms, recall ${fmt(miniResult.recall)}`);

// ---- report ------------------------------------------------------------------------------------
const row = (label: string, e: number, m: number, unit: string) => [label, `${fmt(e)} ${unit}`, `${fmt(m)} ${unit}`, ratio(e, m)];
printTable(
  `Search at ${POSTS.toLocaleString('en-US')} posts, in process: embedded engine vs MiniSearch 7.2 (${queries.length} queries, limit 10)`,
  ['measure', 'embedded', 'MiniSearch', 'embedded / MiniSearch'],
  [
    row('index build', embeddedBuildS, miniBuildS, 's'),
    row('heap after build', embeddedHeap, miniHeap, 'MB'),
    row('query p50', embeddedResult.all.p50, miniResult.all.p50, 'ms'),
    row('query p95', embeddedResult.all.p95, miniResult.all.p95, 'ms'),
    row('query p99', embeddedResult.all.p99, miniResult.all.p99, 'ms'),
    row('longest query', embeddedResult.all.max, miniResult.all.max, 'ms'),
    ...['exact', 'typo', 'prefix', 'filtered'].map((kind) => row(`  ${kind}: p95`, embeddedResult.byKind[kind]!.p95, miniResult.byKind[kind]!.p95, 'ms')),
    ...['exact', 'typo', 'prefix', 'filtered'].map((kind) => row(`  ${kind}: longest`, embeddedResult.byKind[kind]!.max, miniResult.byKind[kind]!.max, 'ms')),
    row(`short prefixes (${SHORT_PREFIXES.join(', ')}): longest`, embeddedResult.short.max, miniResult.short.max, 'ms'),
    row('recall@10, one-typo queries', embeddedResult.recall, miniResult.recall, ''),
  ],
);
const worst = timings(duringWrites);
const idleTimes = timings(idle);
printTable(
  'The embedded engine as the server runs it (worker thread, segment files, 500 documents per upsert)',
  ['measure', 'value'],
  [
    ['all documents searchable after', `${fmt(workerSearchableS)} s`],
    ['all documents durable (fdatasync) after', `${fmt(workerDurableS)} s`],
    ['segment files on disk', `${fmt(bytes / 2 ** 20)} MiB in ${files.length} files`],
    [`searches while indexing and writing (${duringWrites.length}): p50 / p95 / longest`, `${fmt(worst.p50)} / ${fmt(worst.p95)} / ${fmt(worst.max)} ms`],
    [`searches through the worker (${idle.length}): p50 / p95 / p99 / longest`, `${fmt(idleTimes.p50)} / ${fmt(idleTimes.p95)} / ${fmt(idleTimes.p99)} / ${fmt(idleTimes.max)} ms`],
    // Not the served indexer's figure: that sends an event's documents, a dialogue-wide change in chunks (search-viewer.ts).
    ['main thread event-loop delay, whole phase (bulk load, 500 documents per postMessage as `pnpm reindex` sends them): p99 / longest', `${fmt(loop.percentile(99) / 1e6)} / ${fmt(loop.max / 1e6)} ms`],
    ['main thread event-loop delay while only searching (2000 through the worker): p99 / longest', `${fmt(searchLoop.percentile(99) / 1e6)} / ${fmt(searchLoop.max / 1e6)} ms`],
    ['documents found by "och" after reopening', reopenedTotal.toLocaleString('en-US')],
  ],
);
const during = timings(duringCompaction);
const after = timings(idleAfter);
printTable(
  `Searches during a compaction: ${replaced.length.toLocaleString('en-US')} documents replaced (every other one of the oldest half), then ${fmt(compactionS)} s of persistence in which ${compactedAway.length} segments were compacted away`,
  ['searches', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'longest ms'],
  [
    ['during the persistence and compaction', String(duringCompaction.length), fmt(during.p50), fmt(during.p95), fmt(during.p99), fmt(during.max)],
    ['idle, right after (baseline)', String(idleAfter.length), fmt(after.p50), fmt(after.p95), fmt(after.p99), fmt(after.max)],
    ['during / idle', '', ratio(during.p50, after.p50), ratio(during.p95, after.p95), ratio(during.p99, after.p99), ratio(during.max, after.max)],
  ],
);
printTable(
  `Cold start with ${POSTS.toLocaleString('en-US')} posts indexed (goal: listening ≤ 2 s, correct answers from then on); ${checks.length} check queries with facets, compared with the answers before the restart`,
  ['measure', 'embedded (segment snapshots)', 'MiniSearch snapshot, in process (baseline)'],
  [
    ['worker: open() resolved', `${fmt(openS * 1000)} ms`, ''],
    ['worker: first search answered', `${fmt(firstAnswerS * 1000)} ms (${firstCorrect ? 'correct' : 'WRONG'})`, `${fmt(miniLoadS * 1000)} ms (JSON.parse + loadJSON of ${fmt(miniJsonMiB)} MiB)`],
    ['worker: check queries answered as before', `${reopenedCorrect}/${checks.length}`, ''],
    ['real server (startApp, empty store): listening', `${fmt(listeningS * 1000)} ms`, ''],
    ['real server: first search answered by its search port', `${fmt(serverFirstS * 1000)} ms (${serverFirstCorrect ? 'correct' : 'WRONG'})`, ''],
    ['real server: check queries answered as before', `${serverCorrect}/${checks.length}`, ''],
    ['embedded first answer / MiniSearch loaded', ratio(firstAnswerS, miniLoadS), ''],
  ],
);

/** A port nobody listens on now (production mode needs PUBLIC_URL to name the port beforehand). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
