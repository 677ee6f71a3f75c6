// `pnpm bench [filter…]`: runs the benchmarks one after another, each in its own process, each with
// its baseline in the same run. A filter picks benchmarks by name: `pnpm bench fanout`,
// `pnpm bench http store`. Everything written goes to temp directories that are removed after.
//
// Process layout on a 2-CPU machine (see docs/benchmarks.md): the process under test is pinned to
// CPU 0, its load generator or clients to CPU 1, so the two sides do not steal each other's core.
import os from 'node:os';
import path from 'node:path';
import { busyShare, describeInterference, snapshot } from './support/machine.ts';
import { canPin, exited, LOAD_DIR, nowUs, pinningNote, spawnNode } from './support/proc.ts';

const BENCHMARKS = [
  { name: 'fanout', file: 'fanout.ts', about: 'live fan-out: socket.io (real server) vs raw ws, N = 200 and 1,000' },
  { name: 'http', file: 'http.ts', about: 'thread page over HTTP: tRPC threads.list vs a bare Hono handler' },
  { name: 'store', file: 'store.ts', about: 'embedded store at 100k posts: inserts, indexed thread page vs mingo scan, reopen' },
  { name: 'flood', file: 'flood.ts', about: "one client floods the real server (real limits): other visitors' thread page p50/p99 vs idle" },
  { name: 'million', file: 'store-million.ts', about: 'embedded store at 1M posts: reopen, heap, ordered reads vs scans, online compaction under writes, event-loop delay, a 2.2 GiB log' },
  { name: 'liveroom', file: 'liveroom.ts', about: 'a live room: 1,000 participants, 2 questions/s and 50 upvotes/s through the real API, coalesced pushes vs a raw ws broadcast of every change' },
  // The search benchmarks run unpinned: the server's event loop and its search worker are two
  // threads of one process, and pinned to one CPU the event loop would wait for the worker's time
  // slice (the scheduler, not search); a server has both CPUs, and no load generator runs apart.
  { name: 'search', file: 'search.ts', about: 'search at 100k posts: the embedded engine vs MiniSearch called directly; the worker, its segment files, a cold open', unpinned: true },
  { name: 'search-viewer', file: 'search-viewer.ts', about: "search at 100k posts as the server answers it (re-read for the viewer, snippets, facets): the event loop's delay vs idle, main-thread CPU per search; then the search indexer's dialogue-wide changes alone and while searching", unpinned: true },
  { name: 'rate-limits', file: 'rate-limits.ts', about: 'a rate-limit count shared in the store (embedded; MongoDB when MONGODB_URL is set) vs in memory' },
];

const filters = process.argv.slice(2).map((arg) => arg.toLowerCase());
const unknown = filters.filter((filter) => !BENCHMARKS.some((bench) => bench.name.includes(filter)));
if (unknown.length > 0) {
  console.error(`Unknown benchmark filter: ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = filters.length === 0 ? BENCHMARKS : BENCHMARKS.filter((bench) => filters.some((f) => bench.name.includes(f)));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `Dialogforum benchmarks — Node ${process.versions.node}, ${os.cpus().length} × ${cpu}, ` +
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}; processes ${pinningNote()}`,
);
if (!canPin()) console.log('Warning: without pinning the server and its load share CPUs as the OS decides.');

const busy = await busyShare(1000);
if (busy !== null && busy > 0.15) {
  console.log(
    `Warning: ${(busy * 100).toFixed(0)}% of the CPUs were busy before starting (another test run, a dev server?); ` +
      'latencies and rates below will be worse and noisier than on a quiet machine.',
  );
}

const started = nowUs();
for (const bench of selected) {
  console.log(`\n=== ${bench.name}: ${bench.about} ===`);
  const benchStarted = nowUs();
  const before = snapshot();
  // --expose-gc lets a benchmark collect garbage before it reads memory; CPU 0 is the side under test.
  const child = spawnNode(path.join(LOAD_DIR, bench.file), { ...('unpinned' in bench ? {} : { cpu: 0 }), execArgv: ['--expose-gc'] });
  await exited(child, bench.name);
  console.log(`[${bench.name}] ${describeInterference(before, snapshot(), process.pid)}`);
  console.log(`=== ${bench.name} finished in ${((nowUs() - benchStarted) / 1e6).toFixed(1)} s ===`);
}
console.log(`\nAll selected benchmarks finished in ${((nowUs() - started) / 1e6).toFixed(1)} s`);
