// Benchmark 2: the thread page over HTTP. The real server's tRPC `threads.list` (a dialogue with 20
// questions, each with 2 official answers) next to a bare Hono handler on its own port that returns
// the very same response bytes from memory. Both servers live in this process (run-all.ts pins it to
// CPU 0); the closed-loop load generator is a child process on CPU 1 (http-load.ts), and runs
// against one target at a time.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Server as HttpServer } from 'node:http';
import { securityHeaders } from '../../server/src/platform/http/security-headers.ts';
import { questionBody, startBenchApp } from './support/app.ts';
import type { LoadResult, LoadSpec } from './http-load.ts';
import { Channel, exited, LOAD_DIR, nowUs, pinningNote, spawnNode } from './support/proc.ts';
import { Hono, serve } from './support/server-deps.ts';
import { fmt, printTable, progress, ratio } from './support/stats.ts';

const THREADS = 20;
const ANSWERS_PER_THREAD = 2;
const CONCURRENCY = 32;
const WARMUP_MS = 1_000;
const DURATION_MS = 5_000;

const log = progress('http');
const started = nowUs();
const { server, buyer, suppliers, dialogueId } = await startBenchApp(3);
for (let i = 0; i < THREADS; i += 1) {
  const asker = suppliers[i % suppliers.length]!;
  const { threadId } = await asker.api.threads.ask.mutate({ dialogueId, title: `Fråga nummer ${i + 1} om vårdplatser`, body: questionBody(i) });
  for (let a = 0; a < ANSWERS_PER_THREAD; a += 1) {
    await buyer.api.threads.answer.mutate({
      threadId,
      body: `Svar ${a + 1} på fråga ${i + 1}: ja, via HL7 FHIR R4 mot journalsystemet; inloggning med BankID för patienter och SITHS för personal.`,
    });
  }
}

// What the browser's httpBatchLink sends for the thread page: a GET with batch=1.
const input = encodeURIComponent(JSON.stringify({ 0: { dialogueId } }));
const trpcPath = `/trpc/threads.list?batch=1&input=${input}`;
const trpcPort = Number(new URL(server.url).port);
const supplierCookie = suppliers[0]!.cookie();

const probe = await fetch(`${server.url}${trpcPath}`);
const body = new Uint8Array(await probe.arrayBuffer());
if (probe.status !== 200) throw new Error(`threads.list answered ${probe.status}: ${new TextDecoder().decode(body)}`);
const parsed = JSON.parse(new TextDecoder().decode(body)) as [{ result: { data: { threads: { answers: unknown[] }[] } } }];
const threadCount = parsed[0].result.data.threads.length;
const answerCount = parsed[0].result.data.threads.reduce((sum, thread) => sum + thread.answers.length, 0);
const arenasPath = `/trpc/arenas.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: null }))}`;
const arenas = await fetch(`${server.url}${arenasPath}`);
const arenasBytes = (await arenas.arrayBuffer()).byteLength;
if (arenas.status !== 200) throw new Error(`arenas.list answered ${arenas.status}`);
const signedIn = await fetch(`${server.url}${trpcPath}`, { headers: { cookie: supplierCookie } });
const signedInBytes = (await signedIn.arrayBuffer()).byteLength;
log(
  `real server on ${server.url}: threads.list → ${threadCount} threads, ${answerCount} answers, ${body.byteLength} bytes ` +
    `(signed-in supplier: ${signedInBytes} bytes); load generator in a child process (${pinningNote()})`,
);

// The baseline: the same bytes, from memory, through Hono without middleware.
const bare = new Hono();
bare.get('/thread-page', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
// Not a baseline: the same handler behind the app's own security-headers middleware, to show what
// that middleware costs on its own.
const withHeaders = new Hono();
withHeaders.use(securityHeaders);
withHeaders.get('/thread-page', (c) => c.body(body, 200, { 'content-type': 'application/json' }));

async function listen(app: Hono): Promise<[HttpServer, number]> {
  const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as HttpServer;
  await new Promise<void>((resolve) => (listening.listening ? resolve() : listening.once('listening', () => resolve())));
  return [listening, (listening.address() as AddressInfo).port];
}
const [bareServer, barePort] = await listen(bare);
const [headersServer, headersPort] = await listen(withHeaders);

const generator = spawnNode(path.join(LOAD_DIR, 'http-load.ts'), { cpu: 1, ipc: true });
const generatorExit = exited(generator, 'http load generator');
const load = new Channel(generator);
await load.next('ready', { timeoutMs: 30_000 });

/**
 * Diagnostics: BENCH_CPU_PROFILE=<dir> writes one V8 CPU profile of this process per row (open it in
 * Chrome's DevTools), so a row's cost can be read without the other rows mixed in.
 */
async function startProfile(): Promise<{ stop(name: string): Promise<void> } | null> {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

type Target = { row: string; label: string; port: number; path: string; headers: Record<string, string>; bytes: number };
const allTargets: Target[] = [
  { row: 'baseline', label: 'bare Hono handler, same bytes from memory (baseline)', port: barePort, path: '/thread-page', headers: {}, bytes: body.byteLength },
  { row: 'headers', label: 'same Hono handler + the app\'s securityHeaders middleware', port: headersPort, path: '/thread-page', headers: {}, bytes: body.byteLength },
  { row: 'arenas', label: `tRPC arenas.list (static, ${arenasBytes} bytes, no store): the API's fixed cost`, port: trpcPort, path: arenasPath, headers: {}, bytes: arenasBytes },
  { row: 'anonymous', label: 'tRPC threads.list, anonymous', port: trpcPort, path: trpcPath, headers: {}, bytes: body.byteLength },
  { row: 'signed-in', label: 'tRPC threads.list, signed-in supplier (session cookie)', port: trpcPort, path: trpcPath, headers: { cookie: supplierCookie }, bytes: signedInBytes },
];
// Diagnostics on a busy machine: BENCH_HTTP_ROWS=baseline,anonymous runs only those rows (the
// baseline always runs first, since every ratio is against it).
const rows = process.env.BENCH_HTTP_ROWS?.split(',').map((row) => row.trim());
const targets = rows ? allTargets.filter((target) => target.row === 'baseline' || rows.includes(target.row)) : allTargets;

const results: { target: Target; result: LoadResult; serverCpuUs: number }[] = [];
for (const target of targets) {
  const spec: LoadSpec = {
    port: target.port,
    path: target.path,
    headers: target.headers,
    concurrency: CONCURRENCY,
    warmupMs: WARMUP_MS,
    durationMs: DURATION_MS,
    expectedBodyBytes: target.bytes,
  };
  const profiling = await startProfile();
  const cpuBefore = process.cpuUsage();
  const reply = await load.ask({ type: 'run', spec }, 'result', 60_000);
  const cpu = process.cpuUsage(cpuBefore);
  await profiling?.stop(`${results.length + 1}-${target.label.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
  const result = reply.result as LoadResult;
  // The server's CPU over warm-up + window, per request completed in the window (slightly high).
  const serverCpuUs = (cpu.user + cpu.system) / (result.requests * ((WARMUP_MS + DURATION_MS) / DURATION_MS));
  results.push({ target, result, serverCpuUs });
  log(
    `${target.label}: ${fmt(result.rps)} req/s, p50 ${fmt(result.p50Ms)} ms, p99 ${fmt(result.p99Ms)} ms, ` +
      `${result.errors} errors, generator CPU ${fmt((100 * result.cpuUs) / (result.seconds * 1e6))}%`,
  );
}

const baseline = results[0]!;
printTable(
  `Thread page over HTTP: ${CONCURRENCY} keep-alive connections, closed loop, ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up, ` +
    `${body.byteLength}-byte JSON (${threadCount} threads, ${answerCount} answers)`,
  ['path', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'server CPU µs/req', 'req/s vs baseline', 'p99 vs baseline'],
  results.map(({ target, result, serverCpuUs }) => [
    target.label,
    fmt(result.rps),
    fmt(result.p50Ms),
    fmt(result.p99Ms),
    fmt(result.maxMs),
    String(result.errors),
    fmt(serverCpuUs),
    ratio(result.rps, baseline.result.rps),
    ratio(result.p99Ms, baseline.result.p99Ms),
  ]),
);

load.send({ type: 'exit' });
await generatorExit;
for (const listening of [bareServer, headersServer]) await new Promise<void>((resolve) => listening.close(() => resolve()));
await server.stop();
log(`done in ${fmt((nowUs() - started) / 1e6)} s`);
process.exit(0);
