// Benchmark: the server's event loop while people search 100,000 posts (issue 10 §8: "the server's
// event loop never blocked by search for more than 5 ms").
//
// search.ts measures the engine; this measures what the server's main thread does around each
// search, as the search route does it (modules/search/queries.ts `searchFor`): the query goes to the
// embedded engine's worker, and every hit is then read again from the store for the viewer (the
// permission re-read), highlighted, grouped with its answer, and the facets are named. A real
// embedded store holds the same 100k posts (search-corpus.ts, fixed seed) as dialogues, threads and
// posts, so every hit is found and re-read.
//
// The baseline is the same process's event loop over the same length of time with no search at all,
// measured right before (what the machine, the timer and the heap give by themselves). Measured:
// the event-loop delay (monitorEventLoopDelay, 1 ms resolution) searching and idle; the main
// thread's own CPU time per search (from /proc's schedstat: the worker's CPU is not in it), which a busy machine
// does not inflate as it does wall-clock delays; the garbage collector's pauses in each phase (a
// delay the collector explains is not search code running); and how long the caller waits.
//
// Then indexing as the server does it, alone and while the same searches run: the search indexer
// (modules/search/indexer-processor.ts) handles a dialogue-wide change (a phase change rewrites
// every document of the dialogue) for one large dialogue of LARGE_POSTS posts and 20 of the
// corpus's, each phase changed in the store first so every document really changes. For every
// phase the blocks over 5 ms are counted and each is explained (support/loop-blocks.ts): the
// collector, the main thread running, or the thread off the CPU (a loaded machine); and the
// indexer's own work per chunk is timed, in CPU time too (a chunk's work is several turns of the loop
// since the indexer's turn budget: modules/search/indexer-processor.ts TURN_BUDGET_MS).
//
// Run it unpinned (run-all.ts does): the server is one process with two threads that matter, its
// event loop and the search worker. Pinned to one CPU they would take turns on it, and the event
// loop would wait for the worker's time slice: that is the scheduler, not the search code.
import { constants as perfConstants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SearchRequest } from '@dialogforum/contracts';
import { ensureDialogueIndexes } from '../../server/src/modules/dialogues/commands.ts';
import { DIALOGUES, type DialogueDocument } from '../../server/src/modules/dialogues/documents.ts';
import { ORGANISATIONS, type OrganisationDocument } from '../../server/src/modules/organisations/documents.ts';
import { searchIndexerProcessor } from '../../server/src/modules/search/indexer-processor.ts';
import { searchFor } from '../../server/src/modules/search/queries.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../../server/src/modules/threads/documents.ts';
import { ensureThreadIndexes } from '../../server/src/modules/threads/thread-indexes.ts';
import type { DomainEvent } from '../../server/src/platform/events/event-log.ts';
import type { Actor } from '../../server/src/platform/policy/actor.ts';
import type { SearchIndex } from '../../server/src/platform/search/search-index.ts';
import { openEmbeddedSearch } from '../../server/src/platform/search/embedded-search.ts';
import { searchTokens } from '../../server/src/platform/search/search-terms.ts';
import { openEmbeddedStore } from '../../server/src/platform/store/embedded-store.ts';
import { seededRandom } from './support/forum-text.ts';
import { nowUs } from './support/proc.ts';
import { blockCauses, LoopBlockRecorder, mainThreadCpuMs, type LoopBlock } from './support/loop-blocks.ts';
import { fmt, percentile, printTable, progress } from './support/stats.ts';
import { searchCorpus, withTypo } from './search-corpus.ts';

const POSTS_COUNT = Number(process.env.SEARCH_BENCH_POSTS ?? 100_000);
const SEARCHES = Number(process.env.SEARCH_BENCH_QUERIES ?? 500);
const SHORT_PREFIXES = ['pri', 'upp', 'lev', 'sen', 'vä', 'da', 'tj', 'kra'];
/** Posts of the one large dialogue whose phase change is indexed (copies of the corpus's first posts). */
const LARGE_POSTS = Number(process.env.SEARCH_BENCH_LARGE_POSTS ?? 5_000);

const log = progress('search-viewer');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

log(`generating ${POSTS_COUNT.toLocaleString('en-US')} posts (seed 20261126)`);
const { docs } = searchCorpus(POSTS_COUNT, 20_261_126);
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-search-viewer-'));
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));

// ---- the store: the corpus as the search module's readers find it ----------------------------
const store = await openEmbeddedStore(path.join(dataDir, 'store'));
await ensureThreadIndexes(store);
await ensureDialogueIndexes(store);
const dialogues = new Map<string, DialogueDocument>();
const threads = new Map<string, ThreadDocument>();
const organisations = new Set<string>();
const posts: PostDocument[] = [];
for (const doc of docs) {
  const createdAt = doc.createdAt;
  if (!dialogues.has(doc.dialogueId!)) {
    for (const id of doc.buyerOrganisationIds) organisations.add(id);
    dialogues.set(doc.dialogueId!, {
      _id: doc.dialogueId!,
      title: `Dialog ${doc.dialogueId}`,
      description: 'En **innovationsupphandling** av tjänster.',
      arenaId: doc.arenaId,
      phase: doc.phase,
      questionDeadline: '2030-01-01T00:00:00.000Z',
      visibility: doc.visibility,
      ownerOrganisationIds: doc.buyerOrganisationIds,
      createdBy: 'user-buyer',
      createdAt,
      threadCount: 0,
      pseudonymCount: 0,
    } as unknown as DialogueDocument);
  }
  if (!threads.has(doc.threadId!)) {
    threads.set(doc.threadId!, {
      _id: doc.threadId!,
      dialogueId: doc.dialogueId!,
      title: doc.title,
      askerId: 'user-asker',
      status: 'published',
      confidential: false,
      askedIn: 'open',
      createdAt,
      publishedAt: createdAt,
      answered: doc.answered === true,
      answeredAt: doc.answered ? createdAt : null,
      privateAnswer: null,
      locked: null,
      voteCount: 0,
      change: 0,
    } as unknown as ThreadDocument);
  }
  posts.push({
    _id: doc.id.slice('post:'.length),
    threadId: doc.threadId!,
    dialogueId: doc.dialogueId!,
    kind: doc.kind as PostDocument['kind'],
    body: doc.body,
    authorId: 'user-author',
    authorOrganisationId: 'org-author',
    official: doc.kind === 'answer',
    private: false,
    createdAt,
    versions: [{ title: doc.kind === 'question' ? doc.title : null, body: doc.body, at: createdAt, by: 'user-author', note: null }],
    hidden: null,
  });
}
// One large dialogue, only in the store: its phase change writes its documents into the index.
const LARGE = 'dialogue-large';
const largeTemplate = dialogues.values().next().value!;
dialogues.set(LARGE, { ...largeTemplate, _id: LARGE, title: 'Dialog med många trådar' });
for (const post of posts.slice(0, LARGE_POSTS)) {
  const threadId = `large-${post.threadId}`;
  if (!threads.has(threadId)) threads.set(threadId, { ...threads.get(post.threadId)!, _id: threadId, dialogueId: LARGE });
  posts.push({ ...post, _id: `large-${post._id}`, threadId, dialogueId: LARGE });
}
await store.collection<OrganisationDocument>(ORGANISATIONS).insertMany(
  [...organisations].map((id) => ({ _id: id, name: `Region ${id}`, kind: 'buyer', orgNumber: null, verified: true, verifiedAt: null, verifiedBy: null, createdAt: '2025-01-01T00:00:00.000Z' }) as OrganisationDocument),
);
await store.collection<DialogueDocument>(DIALOGUES).insertMany([...dialogues.values()]);
for (const batch of chunks([...threads.values()], 1000)) await store.collection<ThreadDocument>(THREADS).insertMany(batch);
for (const batch of chunks(posts, 1000)) await store.collection<PostDocument>(POSTS).insertMany(batch);
log(`store: ${dialogues.size} dialogues, ${threads.size.toLocaleString('en-US')} threads, ${posts.length.toLocaleString('en-US')} posts`);

// ---- the engine, as the server runs it ----------------------------------------------------------
const engine = await openEmbeddedSearch(path.join(dataDir, 'search'));
for (let i = 0; i < docs.length; i += 500) await engine.upsert(docs.slice(i, i + 500), i / 500 + 1);
await engine.flush();
log('index built through the worker');


// ---- searches: 1–3 words from a post, as typed, with a typo, or cut short; and short prefixes -------
const random = seededRandom(7);
function searchText(): string {
  if (random() < 0.1) return SHORT_PREFIXES[Math.floor(random() * SHORT_PREFIXES.length)]!;
  const words = searchTokens(docs[Math.floor(random() * docs.length)]!.body).filter((token) => token.length >= 5 && !/\d/.test(token));
  const chosen = words.slice(0, 1 + Math.floor(random() * 3));
  const roll = random();
  if (roll < 0.33) chosen[0] = withTypo(chosen[0]!, random);
  else if (roll < 0.66) chosen[chosen.length - 1] = chosen.at(-1)!.slice(0, 3 + Math.floor(random() * 3));
  return chosen.join(' ');
}
const supplier: Actor = {
  userId: 'user-supplier',
  name: 'Sara Leverantör',
  representation: 'supplier',
  organisationId: 'org-supplier',
  organisationKind: 'supplier',
  organisationVerified: true,
  emailVerified: true,
  platformRole: null,
  sessionId: 'session-supplier',
};
/** The results page's own request: first page of 20, facets, by relevance; every fourth the largest page (50). */
function request(i: number): SearchRequest {
  return { q: searchText(), page: 1, limit: i % 4 === 3 ? 50 : 20, sort: 'relevance', facets: true } as SearchRequest;
}
const searches = Array.from({ length: SEARCHES }, (_, i) => ({ actor: i % 2 === 0 ? supplier : null, input: request(i) }));
// Warm-up: the first searches pay for JIT compilation.
for (const search of searches.slice(0, 50)) await searchFor(store, engine, search.actor, search.input);

// The collector's pauses on this thread (which of the loop's delays were garbage collection).
const gcPauses: { at: number; ms: number; minor: boolean }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry.detail as { kind?: number } | undefined)?.kind;
    gcPauses.push({ at: entry.startTime, ms: entry.duration, minor: kind === perfConstants.NODE_PERFORMANCE_GC_MINOR });
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
gc();
const idleLoop = monitorEventLoopDelay({ resolution: 1 });
const idleStarted = nowUs();
const idleWindow = { from: performance.now(), to: 0 };
const idleBlocks = new LoopBlockRecorder();
idleBlocks.start();
idleLoop.enable();
await new Promise((resolve) => setTimeout(resolve, 5_000));
idleLoop.disable();
idleWindow.to = performance.now();
await idleBlocks.stop();
const idleS = (nowUs() - idleStarted) / 1e6;

const totalMs: number[] = [];
let hits = 0;
const searchLoop = monitorEventLoopDelay({ resolution: 1 });
const searchStarted = nowUs();
const cpuBefore = mainThreadCpuMs();
const searchWindow = { from: performance.now(), to: 0 };
const searchBlocks = new LoopBlockRecorder();
searchBlocks.start();
searchLoop.enable();
for (const search of searches) {
  const begun = nowUs();
  const view = await searchFor(store, engine, search.actor, search.input);
  totalMs.push((nowUs() - begun) / 1000);
  hits += view.hits.length;
}
searchLoop.disable();
searchWindow.to = performance.now();
await searchBlocks.stop();
const cpuPerSearchMs = (mainThreadCpuMs() - cpuBefore) / searches.length;
const searchS = (nowUs() - searchStarted) / 1e6;

// ---- indexing as the server does it: dialogue-wide changes through the search indexer -------------
/**
 * The indexer's own work per chunk: from the moment it may run again (handed an event, or the
 * worker's answer to its last write) to the moment its next write is posted to the worker (the
 * structured clone included). The store answers at once, but the indexer lets the loop turn within a
 * chunk once its turn budget is spent, so a step is one or more blocks of the loop (the blocks
 * themselves are in the blocks table).
 */
const indexerSteps: { ms: number; cpuMs: number }[] = [];
let resumedAt = 0;
let resumedCpu = 0;
const timedEngine: SearchIndex = {
  engine: engine.engine,
  upsert(docs, throughSeq) {
    const written = engine.upsert(docs, throughSeq);
    indexerSteps.push({ ms: performance.now() - resumedAt, cpuMs: mainThreadCpuMs(true) - resumedCpu });
    return written.then(() => {
      resumedAt = performance.now();
      resumedCpu = mainThreadCpuMs(true);
    });
  },
  remove: (ids, throughSeq) => engine.remove(ids, throughSeq),
  search: (query) => engine.search(query),
  clear: () => engine.clear(),
  durableThroughSeq: () => engine.durableThroughSeq(),
  close: () => engine.close(),
};
const indexer = searchIndexerProcessor(store, timedEngine);
const changed = [LARGE, ...[...dialogues.keys()].filter((id) => id !== LARGE).slice(0, 20)];
const changedPosts = posts.filter((post) => changed.includes(post.dialogueId)).length;
let seq = 1_000_000;
/** Every changed dialogue's phase moved on in the store, then its change handled as the dispatcher hands it over. */
async function indexPhaseChanges(): Promise<number> {
  const begun = nowUs();
  for (const dialogueId of changed) {
    const dialogue = (await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: dialogueId }))!;
    const phase = dialogue.phase === 'tender' ? 'evaluation' : 'tender';
    await store.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogueId }, { $set: { phase } });
    const event: DomainEvent = { _id: `event-${++seq}`, seq, type: 'dialogue.phase_changed', at: new Date().toISOString(), dialogueId, subject: {} };
    resumedAt = performance.now();
    resumedCpu = mainThreadCpuMs(true);
    await indexer.handle(event);
  }
  return (nowUs() - begun) / 1e6;
}
gc();
const indexLoop = monitorEventLoopDelay({ resolution: 1 });
const indexBlocks = new LoopBlockRecorder();
indexBlocks.start();
indexLoop.enable();
const indexS = await indexPhaseChanges();
indexLoop.disable();
await indexBlocks.stop();
const aloneSteps = indexerSteps.splice(0);
log(`indexed ${changed.length} dialogue-wide changes (${changedPosts.toLocaleString('en-US')} posts) in ${fmt(indexS)} s alone`);

gc();
const bothLoop = monitorEventLoopDelay({ resolution: 1 });
const bothBlocks = new LoopBlockRecorder();
const bothMs: number[] = [];
bothBlocks.start();
bothLoop.enable();
let indexing = true;
const indexed = indexPhaseChanges().finally(() => {
  indexing = false;
});
for (let i = 0; indexing; i++) {
  const search = searches[i % searches.length]!;
  const begun = nowUs();
  await searchFor(store, engine, search.actor, search.input);
  bothMs.push((nowUs() - begun) / 1000);
}
const bothS = await indexed;
bothLoop.disable();
await bothBlocks.stop();
const bothSteps = indexerSteps.splice(0);
gcObserver.disconnect();
log(`indexed them again in ${fmt(bothS)} s while ${bothMs.length} searches were answered`);
await engine.close();
await store.close();

const sorted = (values: number[]) => Float64Array.from(values).sort();
const total = sorted(totalMs);
const loopRow = (label: string, histogram: ReturnType<typeof monitorEventLoopDelay>, seconds: number, window: { from: number; to: number }) => {
  const inWindow = gcPauses.filter((pause) => pause.at >= window.from && pause.at <= window.to);
  const pauses = inWindow.map((pause) => pause.ms);
  const long = inWindow.filter((pause) => pause.ms > 5);
  return [
    label,
    `${fmt(seconds)} s`,
    fmt(histogram.percentile(50) / 1e6),
    fmt(histogram.percentile(99) / 1e6),
    fmt(histogram.max / 1e6),
    `${long.length} of ${pauses.length} (${long.filter((pause) => pause.minor).length} young-generation)`,
    pauses.length === 0 ? '–' : fmt(Math.max(...pauses)),
  ];
};
printTable(
  `The main thread while ${SEARCHES} searches are answered as the search route answers them (${POSTS_COUNT.toLocaleString('en-US')} posts; half anonymous, half a signed-in supplier; pages of 20 and 50 with facets; ${hits.toLocaleString('en-US')} hits re-read for their viewer)`,
  ['event-loop delay (1 ms resolution)', 'over', 'p50 ms', 'p99 ms', 'longest ms', 'GC pauses > 5 ms', 'longest GC pause ms'],
  [loopRow('idle, nothing running (baseline)', idleLoop, idleS, idleWindow), loopRow('searching, one after another', searchLoop, searchS, searchWindow)],
);
printTable(
  'Per search',
  ['measure', 'p50 ms', 'p95 ms', 'p99 ms', 'longest ms'],
  [
    ['whole search, as the caller waits (engine, re-reads, snippets, facets)', fmt(percentile(total, 50)), fmt(percentile(total, 95)), fmt(percentile(total, 99)), fmt(total[total.length - 1]!)],
  ],
);
console.log(`Main thread CPU per search (mean over ${searches.length}; the worker's CPU not counted): ${fmt(cpuPerSearchMs)} ms`);

const blockRow = (label: string, histogram: ReturnType<typeof monitorEventLoopDelay>, recorder: LoopBlockRecorder) => [
  label,
  `${fmt(recorder.seconds)} s`,
  fmt(histogram.percentile(99) / 1e6),
  fmt(histogram.max / 1e6),
  blockCauses(recorder.blocks),
  recorder.blocks.length === 0 ? '–' : fmt(Math.max(...recorder.blocks.map((block) => block.ms))),
  // What the thread itself spent in them, the collector included: on a loaded machine the blocks are
  // mostly the thread off the CPU, and this is the part that code on the loop (or its garbage) caused.
  `${recorder.blocks.filter((block) => block.cpuMs > 5).length} (longest ${recorder.blocks.length === 0 ? '–' : fmt(Math.max(...recorder.blocks.map((block) => block.cpuMs)))} ms)`,
];
printTable(
  `The main thread while the search indexer handles ${changed.length} dialogue-wide changes (phase changes: one dialogue of ${LARGE_POSTS.toLocaleString('en-US')} posts and ${changed.length - 1} of the corpus's; ${changedPosts.toLocaleString('en-US')} posts written again each time), beside the same process idle and searching`,
  ['event-loop delay (1 ms resolution)', 'over', 'p99 ms', 'longest ms', 'blocks > 5 ms, by cause', 'longest block ms', 'blocks with > 5 ms main-thread CPU'],
  [
    blockRow('idle, nothing running (baseline)', idleLoop, idleBlocks),
    blockRow('searching, one after another', searchLoop, searchBlocks),
    blockRow('indexing alone', indexLoop, indexBlocks),
    blockRow(`indexing and searching (${bothMs.length} searches)`, bothLoop, bothBlocks),
  ],
);
const stepRow = (label: string, steps: { ms: number; cpuMs: number }[]) => {
  const cpu = Float64Array.from(steps.map((step) => step.cpuMs)).sort();
  const wall = Float64Array.from(steps.map((step) => step.ms)).sort();
  return [
    label,
    String(steps.length),
    `${fmt(percentile(cpu, 50))} / ${fmt(percentile(cpu, 99))} / ${fmt(cpu[cpu.length - 1] ?? Number.NaN)}`,
    String(steps.filter((step) => step.cpuMs > 5).length),
    `${fmt(percentile(wall, 50))} / ${fmt(percentile(wall, 99))} / ${fmt(wall[wall.length - 1] ?? Number.NaN)}`,
  ];
};
printTable(
  "The search indexer's work per chunk: from being handed the event or its last write's answer to its next write posted to the worker (store reads, documents built, the structured clone; the loop turns within it once the indexer's turn budget is spent, so a step is one or more blocks of the loop)",
  ['phase', 'steps', 'main-thread CPU p50 / p99 / longest ms', 'over 5 ms CPU', 'wall clock p50 / p99 / longest ms'],
  [stepRow('indexing alone', aloneSteps), stepRow('indexing and searching', bothSteps)],
);
const describeBlock = (block: LoopBlock) => `${fmt(block.ms)} ms at ${fmt(block.at / 1000)} s (${block.cause}: ${fmt(block.cpuMs)} ms on a CPU, GC ${fmt(block.gcMs)} ms)`;
// Why each block over 5 ms: those the thread itself ran for over 5 ms one by one, those it was off the CPU counted.
for (const [label, recorder] of [['idle', idleBlocks], ['searching', searchBlocks], ['indexing alone', indexBlocks], ['indexing and searching', bothBlocks]] as const) {
  const ran = recorder.blocks.filter((block) => block.cpuMs > 5);
  const waits = recorder.blocks.filter((block) => block.cause === 'off the CPU');
  const longestWait = waits.length === 0 ? '' : ` (longest ${fmt(Math.max(...waits.map((block) => block.ms)))} ms)`;
  console.log(`Blocks > 5 ms, ${label}: ${recorder.blocks.length}; ${ran.length} with > 5 ms on a CPU${ran.length === 0 ? '' : `: ${ran.map(describeBlock).join('; ')}`}; ${waits.length} off the CPU${longestWait}`);
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
