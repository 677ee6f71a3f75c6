// Benchmark 1: live fan-out of a new question (`thread.changed`) to N watchers of one dialogue, each
// running the dialogue page's real thread store.
//
// This process is the server: the real app (startApp on embedded engines, temp DATA_DIR) plus a raw
// `ws` WebSocketServer as the baseline, both on 127.0.0.1. The N clients live in a child process
// (fanout-clients.ts). run-all.ts pins this process to CPU 0 and the clients to CPU 1.
//
// Each round sends one message on each path, ~100 ms apart, waiting until all N clients have it;
// MESSAGES rounds after WARMUP_ROUNDS. Latency = receipt in the client − a timestamp here or in
// the client, on the machine-wide monotonic clock:
//   e2e      the supplier's tRPC `threads.ask` is sent (client process) → socket.io `thread.changed`
//            received and applied by the watcher's page store: HTTP, transaction + fdatasync,
//            dispatcher wake-up, view building, fan-out. Its server CPU is the whole question's.
//   emit     the same messages, from the moment the realtime processor calls io.local.to(room).emit.
//   direct   this process calls io.local.to(room).emit itself with the same payload: pure socket.io fan-out.
//   ws       a raw `ws` broadcast of the same JSON to N raw ws clients: the baseline.
// To find the time, two methods of the running app are wrapped here (socket.io's broadcast `to`,
// which the processor reaches through this node's `io.local`, and dispatcher.notify); the server's
// code is not changed.
//
// Diagnostics: BENCH_DEBUG=1 prints every message's time to reach all clients;
// BENCH_CLIENT_ARGS="--trace-gc" passes Node flags to the client process; FANOUT_N=1000 runs only
// the watcher counts named (FANOUT_N=1 leaves a question's own cost, with a fan-out to one socket).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { dialogueRoom } from '../../server/src/platform/realtime/rooms.ts';
import { questionBody, startBenchApp } from './support/app.ts';
import { Channel, LOAD_DIR, nowUs, pinningNote, sleep, spawnNode, exited } from './support/proc.ts';
import { fmt, printTable, progress, ratio, summarize, type Summary } from './support/stats.ts';

const CLIENT_COUNTS = process.env.FANOUT_N ? process.env.FANOUT_N.split(',').map(Number) : [200, 1000];
const MESSAGES = 40;
const SPACING_MS = 100;
const WARMUP_ROUNDS = 3;
const DELIVERY_TIMEOUT_MS = 10_000;

const log = progress('fanout');
const gc = (globalThis as { gc?: () => void }).gc;

type ThreadCreated = { seq: number; dialogueId: string; thread: { title: string } & Record<string, unknown> };

const started = nowUs();
const bench = await startBenchApp(5);
const { server, dialogueId, suppliers } = bench;
const io = server.app.io;
const publicRoom = dialogueRoom(dialogueId, 'public');
log(`real server on ${server.url}, dialogue ${dialogueId}; clients in a child process (${pinningNote()})`);

// Instrumentation of this benchmark only: note when the realtime processor emits to the public room.
const emittedAt = new Map<string, number>();
let samplePayload: ThreadCreated | null = null;
type Operator = { emit: (event: string, ...args: unknown[]) => boolean; to: (room: string) => Operator };
// The processor holds one `io.local` operator from start-up, so the wrap goes on the prototype
// every broadcast operator shares; `to` returns a fresh operator whose `emit` is wrapped here.
const operatorPrototype = Object.getPrototypeOf(io.local) as Operator;
const originalTo = operatorPrototype.to;
operatorPrototype.to = function (this: Operator, room: string) {
  const operator = originalTo.call(this, room);
  if (room !== publicRoom) return operator;
  const emit = operator.emit.bind(operator);
  operator.emit = (event, ...args) => {
    if (event === 'thread.changed') {
      const payload = args[0] as ThreadCreated;
      emittedAt.set(payload.thread.title ?? '', nowUs());
      samplePayload ??= payload;
    }
    return emit(event, ...args);
  };
  return operator;
};
/** This node's sockets in `room`, as the processor reaches them, without the wrap above. */
const directTo = (room: string) => originalTo.call(io.local as unknown as Operator, room);
// …and when a command's transaction is durable (services.onCommit → dispatcher.notify).
const commitsAt: number[] = [];
const dispatcher = server.app.dispatcher as unknown as { notify: () => void };
const originalNotify = dispatcher.notify.bind(dispatcher);
dispatcher.notify = () => {
  commitsAt.push(nowUs());
  originalNotify();
};
/** The first commit after `sentAt`: with one question in flight at a time, that question's. */
const commitAfter = (sentAt: number) => commitsAt.find((at) => at >= sentAt);

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await once(wss, 'listening');
const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

const child = spawnNode(path.join(LOAD_DIR, 'fanout-clients.ts'), {
  cpu: 1,
  ipc: true,
  execArgv: process.env.BENCH_CLIENT_ARGS?.split(' ').filter(Boolean) ?? [],
});
const childExit = exited(child, 'fanout clients');
const clients = new Channel(child);
await clients.next('ready', { timeoutMs: 30_000 });
await clients.ask({ type: 'asker', url: server.url, cookie: suppliers[0]!.cookie() }, 'asker-ready');
const watcherCookies = suppliers.slice(1).map((supplier) => supplier.cookie());

type Phase = 'e2e' | 'direct' | 'ws';
const PHASES: Phase[] = ['e2e', 'direct', 'ws'];
type PhaseResult = {
  keys: string[];
  sentAt: Map<string, number>;
  syncSendMs: number[];
  serverCpuUs: number;
  clientCpuUs: number;
  samples: Record<string, number[]>;
  sends: Record<string, [number, number]>;
};

const cpuTotal = (usage: NodeJS.CpuUsage) => usage.user + usage.system;
let lastClientCpu = 0;

/** One message on one path: send, wait until every client has it, fill the rest of the ~100 ms slot. */
async function sendOne(phase: Phase, key: string, q: number, result: PhaseResult): Promise<void> {
  result.keys.push(key);
  const complete = clients.next('complete', { match: (m) => m.key === key, timeoutMs: DELIVERY_TIMEOUT_MS }).catch(() => null);
  const cpuBefore = process.cpuUsage();
  const start = nowUs();
  if (phase === 'e2e') {
    await clients.ask({ type: 'ask', key, dialogueId, body: questionBody(q) }, 'asked');
  } else {
    if (!samplePayload) throw new Error("No thread.changed reached the public room through the wrapped operator: the instrumentation is off the processor's path.");
    const payload = { ...samplePayload, thread: { ...samplePayload.thread, title: key } };
    if (phase === 'direct') {
      const t0 = nowUs();
      result.sentAt.set(key, t0);
      directTo(publicRoom).emit('thread.changed', payload);
      result.syncSendMs.push((nowUs() - t0) / 1e3);
    } else {
      // Serialised once; every client gets the same bytes as a text frame.
      const data = Buffer.from(JSON.stringify({ event: 'thread.changed', payload }));
      const t0 = nowUs();
      result.sentAt.set(key, t0);
      for (const client of wss.clients) client.send(data, { binary: false });
      result.syncSendMs.push((nowUs() - t0) / 1e3);
    }
  }
  const done = await complete;
  if (done !== null) {
    const clientCpu = cpuTotal(done.cpu as NodeJS.CpuUsage);
    result.clientCpuUs += clientCpu - lastClientCpu;
    lastClientCpu = clientCpu;
  }
  await sleep(Math.max(SPACING_MS - (nowUs() - start) / 1e3, 5));
  // The whole slot: whatever the message caused after delivery (checkpoint, search indexing) too.
  result.serverCpuUs += cpuTotal(process.cpuUsage(cpuBefore));
}

/**
 * `count` rounds; each round sends one message on every path in turn, so a disturbance from
 * outside (another process, a GC) lands on all paths alike instead of on one phase.
 */
async function runRounds(n: number, count: number, label: string): Promise<Record<Phase, PhaseResult>> {
  const results = Object.fromEntries(
    PHASES.map((phase) => [phase, { keys: [], sentAt: new Map(), syncSendMs: [], serverCpuUs: 0, clientCpuUs: 0, samples: {}, sends: {} }]),
  ) as unknown as Record<Phase, PhaseResult>;
  const first = await clients.ask({ type: 'cpu' }, 'cpu');
  lastClientCpu = cpuTotal(first.cpu as NodeJS.CpuUsage);
  for (let q = 0; q < count; q += 1) {
    for (const phase of PHASES) await sendOne(phase, `${label} ${phase} N=${n} #${q}`, q, results[phase]);
  }
  for (const phase of PHASES) {
    const collected = await clients.ask({ type: 'collect', keys: results[phase].keys }, 'samples');
    results[phase].samples = collected.samples as Record<string, number[]>;
    results[phase].sends = collected.sends as Record<string, [number, number]>;
  }
  return results;
}

/** Latencies in ms of every delivery, and of the last delivery of each message, from `origin(key)`. */
function latencies(result: PhaseResult, origin: (key: string) => number | undefined): { all: number[]; last: number[] } {
  const all: number[] = [];
  const last: number[] = [];
  for (const key of result.keys) {
    const from = origin(key);
    if (from === undefined) continue;
    let latest = Number.NEGATIVE_INFINITY;
    for (const at of result.samples[key] ?? []) {
      all.push((at - from) / 1e3);
      latest = Math.max(latest, at);
    }
    if (Number.isFinite(latest)) last.push((latest - from) / 1e3);
    if (process.env.BENCH_DEBUG) {
      const firstAt = Math.min(...(result.samples[key] ?? []));
      log(`  ${key} @${fmt(from / 1e3)}: first after ${fmt((firstAt - from) / 1e3)} ms, all after ${fmt((latest - from) / 1e3)} ms`);
    }
  }
  return { all, last };
}

function memoryNow(): number {
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
}

type Row = {
  n: number;
  path: string;
  latency: Summary;
  lastDelivery: Summary;
  syncSend: Summary | null;
  serverCpuPerDelivery: number;
  clientCpuPerDelivery: number;
  lost: number;
};
const rows: Row[] = [];
const commitRows: { n: number; askToCommit: Summary; commitToEmit: Summary; askAck: Summary }[] = [];
const memoryRows: { n: number; sio: number; ws: number }[] = [];
const storeCallRows: { n: number; list: number; changes: number }[] = [];

for (const n of CLIENT_COUNTS) {
  const before = memoryNow();
  const sio = await clients.ask({ type: 'connect', kind: 'sio', n, url: server.url, dialogueId, cookies: watcherCookies }, 'connected', 300_000);
  const afterSio = memoryNow();
  const ws = await clients.ask({ type: 'connect', kind: 'ws', n, url: wsUrl, cookies: [] }, 'connected', 300_000);
  const afterWs = memoryNow();
  memoryRows.push({ n, sio: (afterSio - before) / n, ws: (afterWs - afterSio) / n });
  log(`N=${n}: ${n} socket.io sockets connected and subscribed in ${fmt(sio.ms as number)} ms, ${n} raw ws clients in ${fmt(ws.ms as number)} ms`);

  // Warm-up (JIT, first-use paths, the sample payload for the direct and ws rows); not measured.
  await runRounds(n, WARMUP_ROUNDS, 'warmup');
  if (n === CLIENT_COUNTS[0]) {
    const bytes = Buffer.byteLength(JSON.stringify(['thread.changed', samplePayload]));
    log(`thread.changed payload: ${bytes} bytes of JSON (the same object on every path)`);
  }
  const callsBefore = await clients.ask({ type: 'store-calls' }, 'store-calls');
  const { e2e, direct, ws: raw } = await runRounds(n, MESSAGES, 'bench');
  const callsAfter = await clients.ask({ type: 'store-calls' }, 'store-calls');
  // The page stores apply pushes; a store that had to ask the server again would show here.
  storeCallRows.push({
    n,
    list: (callsAfter.list as number) - (callsBefore.list as number),
    changes: (callsAfter.changes as number) - (callsBefore.changes as number),
  });
  const deliveries = MESSAGES * n;

  const askToCommit = e2e.keys.map((key) => (commitAfter(e2e.sends[key]![0])! - e2e.sends[key]![0]) / 1e3);
  const commitToEmit = e2e.keys.map((key) => (emittedAt.get(key)! - commitAfter(e2e.sends[key]![0])!) / 1e3);
  const askAck = e2e.keys.map((key) => (e2e.sends[key]![1] - e2e.sends[key]![0]) / 1e3);
  commitRows.push({ n, askToCommit: summarize(askToCommit), commitToEmit: summarize(commitToEmit), askAck: summarize(askAck) });

  const push = (pathLabel: string, result: PhaseResult, values: { all: number[]; last: number[] }, sync: boolean) => {
    const row: Row = {
      n,
      path: pathLabel,
      latency: summarize(values.all),
      lastDelivery: summarize(values.last),
      syncSend: sync ? summarize(result.syncSendMs) : null,
      serverCpuPerDelivery: result.serverCpuUs / deliveries,
      clientCpuPerDelivery: result.clientCpuUs / deliveries,
      lost: deliveries - values.all.length,
    };
    rows.push(row);
    log(
      `N=${n} ${pathLabel}: p50 ${fmt(row.latency.p50)} ms, p99 ${fmt(row.latency.p99)} ms, max ${fmt(row.latency.max)} ms, ` +
        `all ${n} reached after ${fmt(row.lastDelivery.p50)} ms (median message), ${row.latency.n}/${deliveries} delivered`,
    );
  };
  push('socket.io e2e: tRPC ask sent → received', e2e, latencies(e2e, (key) => e2e.sends[key]?.[0]), false);
  push('socket.io: processor emit → received', e2e, latencies(e2e, (key) => emittedAt.get(key)), false);
  push('socket.io: direct io.to(room).emit → received', direct, latencies(direct, (key) => direct.sentAt.get(key)), true);
  push('raw ws: send loop → received (baseline)', raw, latencies(raw, (key) => raw.sentAt.get(key)), true);

  await clients.ask({ type: 'disconnect' }, 'disconnected');
  await sleep(500);
}

printTable(
  `Live fan-out of a new question (thread.changed): ${MESSAGES} messages, ~${SPACING_MS} ms apart, to N clients (latencies in ms over all N×${MESSAGES} deliveries)`,
  ['N', 'path', 'p50', 'p99', 'max', 'all N reached, p50 message', 'server sync send p50', 'server CPU µs/delivery', 'client CPU µs/delivery'],
  rows.map((row) => [
    String(row.n),
    row.path + (row.lost > 0 ? ` (${row.lost} lost)` : ''),
    fmt(row.latency.p50),
    fmt(row.latency.p99),
    fmt(row.latency.max),
    fmt(row.lastDelivery.p50),
    row.syncSend ? fmt(row.syncSend.p50) : '–',
    fmt(row.serverCpuPerDelivery),
    fmt(row.clientCpuPerDelivery),
  ]),
);

const ratioRows: string[][] = [];
for (const n of CLIENT_COUNTS) {
  const pick = (prefix: string) => rows.find((row) => row.n === n && row.path.startsWith(prefix))!;
  const direct = pick('socket.io: direct');
  const e2e = pick('socket.io e2e');
  const raw = pick('raw ws');
  ratioRows.push([
    String(n),
    ratio(direct.latency.p50, raw.latency.p50),
    ratio(direct.latency.p99, raw.latency.p99),
    ratio(direct.syncSend!.p50, raw.syncSend!.p50),
    ratio(direct.lastDelivery.p50, raw.lastDelivery.p50),
    ratio(direct.serverCpuPerDelivery, raw.serverCpuPerDelivery),
    ratio(e2e.latency.p50, raw.latency.p50),
    ratio(e2e.latency.p99, raw.latency.p99),
    ratio(e2e.serverCpuPerDelivery, raw.serverCpuPerDelivery),
  ]);
}
printTable(
  'Fan-out ratios against the raw ws baseline',
  ['N', 'direct/ws p50', 'direct/ws p99', 'direct/ws sync send', 'direct/ws all reached', 'direct/ws server CPU', 'e2e/ws p50', 'e2e/ws p99', 'e2e/ws server CPU (whole question)'],
  ratioRows,
);

printTable(
  `Calls the watchers' page stores made to the server during the ${MESSAGES} measured questions (pushes only: 0 expected)`,
  ['N', 'threads.list (page loads)', 'threads.changes (catch-ups)'],
  storeCallRows.map((row) => [String(row.n), String(row.list), String(row.changes)]),
);

printTable(
  'Where the end-to-end time goes before the fan-out (per question, ms)',
  ['N', 'ask sent → transaction durable p50', 'p99', 'durable → processor emit p50', 'p99', 'ask response received p50', 'p99'],
  commitRows.map((row) => [
    String(row.n),
    fmt(row.askToCommit.p50),
    fmt(row.askToCommit.p99),
    fmt(row.commitToEmit.p50),
    fmt(row.commitToEmit.p99),
    fmt(row.askAck.p50),
    fmt(row.askAck.p99),
  ]),
);

printTable(
  `Server memory per connection (heap + external${gc ? ', after GC' : ' — no --expose-gc, so noisy'})`,
  ['N', 'socket.io KB/connection', 'raw ws KB/connection', 'ratio'],
  memoryRows.map((row) => [String(row.n), fmt(row.sio / 1024), fmt(row.ws / 1024), ratio(row.sio, row.ws)]),
);

clients.send({ type: 'exit' });
await childExit;
await new Promise<void>((resolve) => wss.close(() => resolve()));
await server.stop();
log(`done in ${fmt((nowUs() - started) / 1e6)} s`);
process.exit(0);
