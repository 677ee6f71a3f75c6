// Benchmark: one client floods the real server while other visitors read the thread page; how much
// slower are they served? (issue 6, finding 4: batches of 150 `threads.list` from 16 clients once
// raised another visitor's p50 from ~1.6 ms to ~460 ms.)
//
// This process is the server (the real app on embedded engines, run with the REAL rate limits —
// RATE_LIMIT_SCALE=1 — since they are what this benchmark proves); run-all.ts pins it to CPU 0. Two
// child processes on CPU 1: the bystanders (flood-bystanders.ts: many visitors, each on a loopback
// address of its own, opening the thread page at a steady total rate, open loop) and the flooder
// (flood-attacker.ts: one source address, C keep-alive connections, closed loop, never waiting for
// Retry-After). Traffic goes to 127.0.0.1 only, and every phase is bounded in time.
//
// Each attack comes from an address of its own and alternates with quiet: CYCLES times one second
// of bystanders alone, then one second of bystanders under the flood. The quiet seconds are the
// baseline, in the same run and interleaved with the flood, so that a disturbance of the machine
// (other people's work on a shared VM) hits baseline and flood alike. A quiet second's first
// QUIET_GUARD_MS are not counted: answers to the flood still in flight must not pass for quiet.
// The bystanders' latencies are grouped by the second their request was sent in.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import path from 'node:path';
import { MAX_CALLS_PER_REQUEST } from '@dialogforum/contracts';
import type { AttackResult, AttackSpec } from './flood-attacker.ts';
import type { BystanderSample, BystanderSpec } from './flood-bystanders.ts';
import { startBenchApp } from './support/app.ts';
import { Channel, exited, LOAD_DIR, nowUs, pinningNote, sleep, spawnNode } from './support/proc.ts';
import { fmt, printTable, progress, ratio, summarize, type Summary } from './support/stats.ts';

const THREADS = 20;
const BYSTANDERS = 500;
const BYSTANDERS_PER_SECOND = 50;
const ATTACK_CONNECTIONS = Number(process.env.FLOOD_CONNECTIONS ?? 16);
const OVERSIZED_BATCH = 150;
const WARMUP_MS = 2_000;
const CYCLES = Number(process.env.FLOOD_CYCLES ?? 10);
const SLICE_MS = 1_000;
const QUIET_GUARD_MS = 250;
const GOAL_P99_RATIO = 3;

const log = progress('flood');
const started = nowUs();
const { server, buyer, suppliers, dialogueId } = await startBenchApp(3, { rateLimitScale: 1 });
const port = Number(new URL(server.url).port);
// The thread page of the benchmark's dialogue: 20 questions, each with an official answer. Asked and
// answered through tRPC under the real limits (a supplier asks 7 at most, the buyer answers 20).
for (let i = 0; i < THREADS; i += 1) {
  const { threadId } = await suppliers[i % suppliers.length]!.api.threads.ask.mutate({
    dialogueId,
    title: `Fråga ${i + 1} om vårdplatser i hemmet`,
    body: `Fråga ${i + 1}: hur ska lösningen integreras med journalsystemen, och vilka krav på tillgänglighet gäller i hemmet?`,
  });
  await buyer.api.threads.answer.mutate({ threadId, body: `Svar på fråga ${i + 1}: via HL7 FHIR R4; inloggning med BankID.` });
}

const threadPage = `/trpc/threads.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { dialogueId } }))}`;
const probe = await fetch(`${server.url}${threadPage}`);
const threadPageBytes = (await probe.arrayBuffer()).byteLength;
if (probe.status !== 200) throw new Error(`threads.list answered ${probe.status}`);

function batchOf(procedure: string, count: number, input: unknown): string {
  const paths = Array(count).fill(procedure).join(',');
  const inputs = Object.fromEntries(Array.from({ length: count }, (_, i) => [i, input]));
  return `/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

const reader = suppliers[1]!;
const writer = suppliers[2]!;
const writerMe = await writer.api.accounts.me.query();
const writerOrganisationId = writerMe!.organisation!.id;
const actForBatch = Object.fromEntries(Array.from({ length: MAX_CALLS_PER_REQUEST }, (_, i) => [i, { organisationId: writerOrganisationId }]));

type Attack = { label: string; spec: Omit<AttackSpec, 'port' | 'connections' | 'from' | 'to'> };
const ATTACKS: Attack[] = [
  {
    label: `anonymous, batches of ${MAX_CALLS_PER_REQUEST} threads.list (the most a request may carry)`,
    spec: { localAddress: '127.0.0.2', method: 'GET', path: batchOf('threads.list', MAX_CALLS_PER_REQUEST, { dialogueId }), headers: {} },
  },
  {
    label: `anonymous, batches of ${OVERSIZED_BATCH} threads.list (over the limit)`,
    spec: { localAddress: '127.0.0.3', method: 'GET', path: batchOf('threads.list', OVERSIZED_BATCH, { dialogueId }), headers: {} },
  },
  {
    label: `signed-in supplier, batches of ${MAX_CALLS_PER_REQUEST} threads.list`,
    spec: { localAddress: '127.0.0.4', method: 'GET', path: batchOf('threads.list', MAX_CALLS_PER_REQUEST, { dialogueId }), headers: { cookie: reader.cookie() } },
  },
  {
    label: `signed-in supplier, batches of ${MAX_CALLS_PER_REQUEST} no-op organisations.actFor (POST)`,
    spec: {
      localAddress: '127.0.0.5',
      method: 'POST',
      path: `/trpc/${Array(MAX_CALLS_PER_REQUEST).fill('organisations.actFor').join(',')}?batch=1`,
      headers: { cookie: writer.cookie(), origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify(actForBatch),
    },
  },
];

const bystanders = spawnNode(path.join(LOAD_DIR, 'flood-bystanders.ts'), { cpu: 1, ipc: true });
const attacker = spawnNode(path.join(LOAD_DIR, 'flood-attacker.ts'), { cpu: 1, ipc: true });
const childrenExited = Promise.all([exited(bystanders, 'flood bystanders'), exited(attacker, 'flood attacker')]);
const bystanderChannel = new Channel(bystanders);
const attackerChannel = new Channel(attacker);
await Promise.all([bystanderChannel.next('ready', { timeoutMs: 30_000 }), attackerChannel.next('ready', { timeoutMs: 30_000 })]);
log(
  `real server on ${server.url} with the real rate limits; thread page ${threadPageBytes} bytes (${THREADS} questions, 1 answer each); ` +
    `${BYSTANDERS} bystanders on addresses of their own, ${BYSTANDERS_PER_SECOND} thread pages/s in all; ` +
    `flooder: ${ATTACK_CONNECTIONS} connections from one address per attack (${pinningNote()})`,
);

// The timeline, on the machine-wide clock: per attack, CYCLES × (quiet second, flood second).
type Slice = { from: number; to: number };
type Phase = { attack: Attack; quiet: Slice[]; flood: Slice[] };
const t0 = nowUs() + 500_000;
let cursor = t0 + WARMUP_MS * 1e3;
const phases: Phase[] = ATTACKS.map((attack) => {
  const phase: Phase = { attack, quiet: [], flood: [] };
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    phase.quiet.push({ from: cursor + QUIET_GUARD_MS * 1e3, to: (cursor += SLICE_MS * 1e3) });
    phase.flood.push({ from: cursor, to: (cursor += SLICE_MS * 1e3) });
  }
  return phase;
});
const end = cursor;

// The server's side of every slice: CPU share, and how late a 5 ms timer fires (event-loop lag) —
// this process is the server.
type Meter = { cpuUs: number; wallUs: number; loopLag: RecordableHistogram };
const meters = new Map<Slice, Meter>();
const LAG_PROBE_MS = 5;
let lagOfSlice: RecordableHistogram | null = null;
let expectedAt = performance.now() + LAG_PROBE_MS;
const lagProbe = setInterval(() => {
  const now = performance.now();
  lagOfSlice?.record(Math.max(1, Math.round((now - expectedAt) * 1e3)));
  expectedAt = now + LAG_PROBE_MS;
}, LAG_PROBE_MS);
async function meterSlices(): Promise<void> {
  const slices = phases.flatMap((phase) => [...phase.quiet, ...phase.flood]).sort((a, b) => a.from - b.from);
  for (const slice of slices) {
    await sleep((slice.from - nowUs()) / 1e3);
    const cpu = process.cpuUsage();
    const wall = nowUs();
    const loopLag = createHistogram();
    lagOfSlice = loopLag;
    await sleep((slice.to - nowUs()) / 1e3);
    lagOfSlice = null;
    const used = process.cpuUsage(cpu);
    meters.set(slice, { cpuUs: used.user + used.system, wallUs: nowUs() - wall, loopLag });
  }
}
const metering = meterSlices();

const bystanderSpec: BystanderSpec = { port, path: threadPage, visitors: BYSTANDERS, perSecond: BYSTANDERS_PER_SECOND, from: t0, to: end };
const samplesReply = bystanderChannel.ask({ type: 'run', spec: bystanderSpec }, 'result', (end - nowUs()) / 1e3 + 60_000);
const attackResults = new Map<Phase, AttackResult[]>();
for (const phase of phases) {
  const results: AttackResult[] = [];
  for (const slice of phase.flood) {
    const spec: AttackSpec = { ...phase.attack.spec, port, connections: ATTACK_CONNECTIONS, from: slice.from, to: slice.to };
    const reply = await attackerChannel.ask({ type: 'run', spec }, 'result', (slice.to - nowUs()) / 1e3 + 60_000);
    results.push(reply.result as AttackResult);
  }
  attackResults.set(phase, results);
  const byStatus = sumStatuses(results);
  log(`${phase.attack.label}: flooder answered ${JSON.stringify(byStatus)} in ${CYCLES} × ${SLICE_MS / 1000} s`);
}
const samples = (await samplesReply).result as BystanderSample[];
await metering;
clearInterval(lagProbe);

function sumStatuses(results: AttackResult[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const result of results) for (const [status, count] of Object.entries(result.byStatus)) sum[status] = (sum[status] ?? 0) + count;
  return sum;
}

type Bucket = { latencies: number[]; sent: number; refused: number; failed: number; cpuShare: number; loopLagP99Ms: number };
function bucket(slices: Slice[]): Bucket {
  const mine = samples.filter(([sentAt]) => slices.some((slice) => sentAt >= slice.from && sentAt < slice.to));
  const ok = mine.filter(([, , status, bytes]) => status === 200 && bytes === threadPageBytes);
  const refused = mine.filter(([, , status]) => status === 429).length;
  const histogram = createHistogram();
  let cpuUs = 0;
  let wallUs = 0;
  for (const slice of slices) {
    const meter = meters.get(slice);
    if (!meter) continue;
    cpuUs += meter.cpuUs;
    wallUs += meter.wallUs;
    histogram.add(meter.loopLag);
  }
  return {
    latencies: ok.map(([, latency]) => latency),
    sent: mine.length,
    refused,
    failed: mine.length - ok.length - refused,
    cpuShare: wallUs > 0 ? cpuUs / wallUs : Number.NaN,
    loopLagP99Ms: histogram.count > 0 ? histogram.percentile(99) / 1e3 : Number.NaN,
  };
}

const rows: string[][] = [];
const verdicts: string[] = [];
const allQuiet = bucket(phases.flatMap((phase) => phase.quiet));
const allQuietSummary = summarize(allQuiet.latencies);
type Flooder = { answers: Record<string, number>; seconds: number; quietCpuShare: number };
const row = (label: string, b: Bucket, baseline: Summary, flooder?: Flooder) => {
  const summary = summarize(b.latencies);
  const answered = flooder ? Object.values(flooder.answers).reduce((sum, count) => sum + count, 0) : 0;
  // What the server spent per answer to the flooder: CPU above the quiet seconds' (the bystanders' share).
  const perAnswerUs = flooder && answered > 0 ? ((b.cpuShare - flooder.quietCpuShare) * flooder.seconds * 1e6) / answered : Number.NaN;
  rows.push([
    label,
    `${b.latencies.length}/${b.sent}${b.failed > 0 ? ` (${b.failed} failed)` : ''}`,
    String(b.refused),
    fmt(summary.p50),
    fmt(summary.p99),
    fmt(summary.max),
    ratio(summary.p50, baseline.p50),
    ratio(summary.p99, baseline.p99),
    flooder ? fmt(answered / flooder.seconds) : '–',
    flooder ? Object.entries(flooder.answers).map(([status, count]) => `${status}: ${count}`).join(', ') : '–',
    flooder ? fmt(perAnswerUs) : '–',
    `${fmt(100 * b.cpuShare)}%`,
    fmt(b.loopLagP99Ms),
  ]);
  return summary;
};
row('quiet seconds of all attacks (bystanders alone)', allQuiet, allQuietSummary);
for (const phase of phases) {
  const quietBucket = bucket(phase.quiet);
  const quiet = summarize(quietBucket.latencies);
  row(`  quiet, between: ${phase.attack.label}`, quietBucket, quiet);
  const flood = row(`  flood: ${phase.attack.label}`, bucket(phase.flood), quiet, {
    answers: sumStatuses(attackResults.get(phase) ?? []),
    seconds: (CYCLES * SLICE_MS) / 1000,
    quietCpuShare: quietBucket.cpuShare,
  });
  const met = flood.p99 <= GOAL_P99_RATIO * quiet.p99;
  verdicts.push(`goal (bystander p99 ≤ ${GOAL_P99_RATIO}× quiet) ${met ? 'met' : 'NOT met'}: ${fmt(flood.p99 / quiet.p99)}× — ${phase.attack.label}`);
}
printTable(
  `Bystanders under flood: ${BYSTANDERS} visitors on addresses of their own read the thread page (${threadPageBytes} bytes), ` +
    `${BYSTANDERS_PER_SECOND}/s open loop; each attack from one address with ${ATTACK_CONNECTIONS} connections, closed loop, ` +
    `${CYCLES} × (1 s quiet, 1 s flood); real limits. Ratios: flood against the quiet seconds between the same attack's flood seconds.`,
  ['phase', 'bystanders served/sent', 'refused', 'p50 ms', 'p99 ms', 'max ms', 'p50 vs quiet', 'p99 vs quiet', 'flooder answers/s', 'flooder answers by status', 'server µs per flooder answer', 'server CPU', 'loop lag p99 ms'],
  rows,
);
for (const verdict of verdicts) log(verdict);

bystanderChannel.send({ type: 'exit' });
attackerChannel.send({ type: 'exit' });
await childrenExited;
await server.stop();
log(`done in ${fmt((nowUs() - started) / 1e6)} s`);
process.exit(0);
