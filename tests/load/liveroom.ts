// Benchmark: a session's live room with N = 1,000 connected participants while questions (2/s) and
// upvotes (50/s) arrive through the real API for a bounded time, next to a naive raw `ws` broadcast
// of the same changes to the same number of clients, in the same run.
//
// This process is the server: the real app (startApp on embedded engines, temp DATA_DIR) and a raw
// `ws` WebSocketServer, both on 127.0.0.1. The clients and the people asking and voting live in
// child processes (liveroom-clients.ts); run-all.ts pins this process to CPU 0 and the children to
// CPU 1. The N participants are spread evenly over LIVEROOM_CLIENT_PROCESSES children (default 1),
// the same way in both phases: each participant is a browser of its own, and in one process every
// garbage collection and long turn of that process's event loop holds up all N at once (why the
// default is still 1: docs/benchmarks.md). The people who ask and vote are browsers of their own
// too, so their calls go from one more child that holds no participant (on the same CPU): in the
// participants' process, a call went out only after the turn of that event loop in which it was
// made (undici writes a request on a later turn), so each push's or change's work for all N held
// up the next vote's leaving while its latency was already being counted from the call, on either
// path (LIVEROOM_DRIVER_APART=0 puts the calls back in the first participants' process). Each child
// measures its participants' latencies; this process merges them all before taking any percentile.
//
// Two phases with the same load schedule, one after the other (ws first, see below), each in a
// session of its own that starts empty, so both sides' commands and copies work on a room of the
// same size (before, the socket.io phase ran in the room the ws phase had already filled):
//   room  N socket.io sockets in the session's live room, each keeping the web app's own copy of the
//         room (client/src/sessions/live-room-copy.ts); the server pushes as it does in production
//         (votes coalesced: one at once when the last push began 50 ms ago or more, else with the next push).
//   ws    N raw ws clients; after every commit this process reads the new events and sends every
//         change (the question as it is now) to every client at once: the loop that sends every vote.
// A change is delivered to a client when its copy first shows it (a question, or a question's count
// reaching the vote's number). Latency = that moment − when the asking or voting browser sent the
// call, on the machine-wide monotonic clock: HTTP, transaction, processor and fan-out in both rows.
// "p99 to the first participant" takes, per change, the first of the N copies to show it: what the
// latency is before the client processes have applied the push for the other N − 1 (in real life
// each participant applies it in their own browser, at the same time). It tells the server's and
// the network's part of the tail from the part this harness adds by applying N copies in turn.
// "Longest stall" is the most either side's event loop was held up (GC, a long synchronous step;
// the clients' the longest of any client process while the load ran, the server's until every copy had every change): one stall of a second delays every change behind it, and with ~52 changes a
// second a single one can make a phase's p99 by itself, on either side.
// Server CPU is this process's over the phase, divided by changes × N. Memory per participant is
// this process's heap + external growth (after GC) when the N clients connect, divided by N.
// Clients CPU is the client processes' together over the load and until every copy had every change (the
// load's own calls included, the same in both phases), divided by changes × N: what parsing and
// applying the pushes costs N browsers together. KB received is what the participants'
// TCP connections read (frames included), read off the sockets the same way on both paths.
//
// LIVEROOM_SECONDS (default 20) sets how long the load runs per phase; LIVEROOM_CLIENTS (1000) N;
// LIVEROOM_CLIENT_PROCESSES (1) how many client processes, all on the clients' CPU, share the N
// (the people's own process comes on top unless LIVEROOM_DRIVER_APART=0);
// LIVEROOM_ROUNDS (1) repeats the pair of phases (ws, room, ws, room, …). The baseline's own p99
// moves a lot between runs (111–339 ms on a quiet machine), so with several rounds each round's
// ratio is printed, and the goal's figure is the p99 of every delivery of all rounds pooled.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { lastEventSeq, readEventsAfter } from '../../server/src/platform/events/event-log.ts';
import { LIVE_QUESTIONS, type LiveQuestionDocument } from '../../server/src/modules/sessions/live-documents.ts';
import { startBenchApp } from './support/app.ts';
import { Channel, exited, LOAD_DIR, nowUs, pinningNote, sleep, spawnNode } from './support/proc.ts';
import { fmt, percentile, printTable, progress, ratio } from './support/stats.ts';

const SECONDS = Number(process.env.LIVEROOM_SECONDS ?? 20);
const N = Number(process.env.LIVEROOM_CLIENTS ?? 1000);
const ROUNDS = Number(process.env.LIVEROOM_ROUNDS ?? 1);
const CLIENT_PROCESSES = Math.max(1, Math.min(N, Number(process.env.LIVEROOM_CLIENT_PROCESSES ?? 1)));
/** The asking and voting people's browsers in a process of their own (the default; `0` puts them in the first participants' process, as before). */
const DRIVER_APART = process.env.LIVEROOM_DRIVER_APART !== '0';
const VOTERS = 40;
const QUESTIONS_PER_SECOND = 2;
const VOTES_PER_SECOND = 50;

const log = progress('liveroom');
const gc = (globalThis as { gc?: () => void }).gc;
const started = nowUs();

const bench = await startBenchApp(VOTERS);
const { server, buyer, suppliers, dialogueId } = bench;
let sessionsCreated = 0;
/** A new live session of the benchmark's dialogue, started, with an empty room (a day of its own, so none overlap). */
async function liveSession(): Promise<string> {
  sessionsCreated += 1;
  const day = new Date(Date.now() + (2 + sessionsCreated) * 24 * 3_600_000).toISOString().slice(0, 10);
  const { sessionId } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title: `Benchmark: dialogmöte ${sessionsCreated}`,
    startsAt: `${day}T09:00`,
    endsAt: `${day}T17:00`,
    format: 'online',
    meetingLink: 'https://meet.example/bench',
    capacity: 10_000,
  });
  await buyer.api.sessions.start.mutate({ sessionId });
  return sessionId;
}
log(`real server on ${server.url}; ${N} clients in ${CLIENT_PROCESSES} child process(es), the asking and voting people ${DRIVER_APART ? 'in one of their own' : 'in the first'} (${pinningNote()})`);

// The naive baseline: after every commit, every new live change goes to every ws client at once.
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
await once(wss, 'listening');
const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
const store = server.app.services.store;
let naiveOn = false;
let naiveSeq = 0;
let naiveSession = '';
let naiveBusy: Promise<void> = Promise.resolve();
async function broadcastNewChanges(): Promise<void> {
  for (;;) {
    const events = await readEventsAfter(store, naiveSeq, 100);
    if (events.length === 0) return;
    naiveSeq = events.at(-1)!.seq;
    for (const event of events) {
      const questionId = event.subject.questionId;
      if (!questionId || event.subject.sessionId !== naiveSession) continue;
      const question = await store.collection<LiveQuestionDocument>(LIVE_QUESTIONS).findOne({ _id: questionId });
      if (!question) continue;
      const data = Buffer.from(JSON.stringify({ change: Number(event.subject.change), question: { id: question._id, body: question.body, votes: question.votes } }));
      for (const client of wss.clients) client.send(data, { binary: false });
    }
  }
}
const dispatcher = server.app.dispatcher as unknown as { notify: () => void };
const originalNotify = dispatcher.notify.bind(dispatcher);
dispatcher.notify = () => {
  originalNotify();
  if (naiveOn) naiveBusy = naiveBusy.then(broadcastNewChanges).catch((error: unknown) => log(`naive broadcast failed: ${String(error)}`));
};

// 'advanced' IPC: the load's record (Maps) and the latencies (Float64Arrays) travel as they are.
const children = Array.from({ length: CLIENT_PROCESSES + (DRIVER_APART ? 1 : 0) }, () => spawnNode(path.join(LOAD_DIR, 'liveroom-clients.ts'), { cpu: 1, ipc: true, serialization: 'advanced' }));
const childExits = Promise.all(children.map((child, i) => exited(child, `liveroom clients ${i + 1}`)));
const clientSides = children.map((child) => new Channel(child));
/** How many of the N participants each client process holds (the first ones take the remainder; the people's own process none). */
const participantSides = DRIVER_APART ? clientSides.slice(1) : clientSides;
const shares = clientSides.map((side) => {
  const i = participantSides.indexOf(side);
  return i < 0 ? 0 : Math.floor(N / CLIENT_PROCESSES) + (i < N % CLIENT_PROCESSES ? 1 : 0);
});
await Promise.all(clientSides.map((side) => side.next('ready', { timeoutMs: 30_000 })));
await Promise.all(clientSides.map((side) => side.ask({ type: 'people', url: server.url, cookies: suppliers.map((supplier) => supplier.cookie()) }, 'people-ready')));

/**
 * The load on every client process: all start their window, the first sends the calls, then each
 * waits until its participants show every change that was sent. CPU and bytes are summed, the
 * longest stall is the longest of any process.
 */
async function loadOnClients(spec: { seconds: number; sessionId: string; label: string; pool?: string }) {
  const sentReply = clientSides[0]!.next('sent', { timeoutMs: (spec.seconds + 120) * 1000 });
  clientSides.forEach((side, i) => side.send({ type: 'load', questionsPerSecond: QUESTIONS_PER_SECOND, votesPerSecond: VOTES_PER_SECOND, ...spec, drive: i === 0 }));
  const sent = await sentReply;
  const replies = await Promise.all(clientSides.map((side) => side.ask({ type: 'measure', questions: sent.questions, votes: sent.votes, pool: spec.pool }, 'loaded', 120_000)));
  const total = (key: string) => replies.reduce((sum, reply) => sum + (reply[key] as number), 0);
  return {
    changes: sent.changes as number,
    deliveries: total('deliveries'),
    messages: total('messages'),
    receivedBytes: total('receivedBytes'),
    clientsCpuUs: total('clientsCpuUs'),
    catchUps: total('catchUps'),
    stallMs: Math.max(...replies.map((reply) => reply.stallMs as number)),
  };
}

/** Every client process's ascending latencies as one ascending array. */
function merged(parts: Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all.sort();
}

/** The last phase's latencies of all participants; per change, the first participant of any process to show it. */
async function phaseLatencies(): Promise<{ p50: number; p99: number; max: number; firstP99: number }> {
  const replies = await Promise.all(clientSides.map((side) => side.ask({ type: 'latencies' }, 'latencies')));
  const all = merged(replies.map((reply) => reply.latencies as Float64Array));
  const firsts = new Map<string, number>();
  for (const reply of replies) for (const [change, latency] of reply.firsts as Map<string, number>) firsts.set(change, Math.min(firsts.get(change) ?? Infinity, latency));
  const firstSorted = Float64Array.from(firsts.values()).sort();
  return { p50: percentile(all, 50), p99: percentile(all, 99), max: all.at(-1) ?? 0, firstP99: percentile(firstSorted, 99) };
}

async function pooledLatencies(pool: string): Promise<{ p50: number; p99: number }> {
  const replies = await Promise.all(clientSides.map((side) => side.ask({ type: 'pooled', pool }, 'pooled')));
  const all = merged(replies.flatMap((reply) => reply.parts as Float64Array[]));
  return { p50: percentile(all, 50), p99: percentile(all, 99) };
}

function memoryNow(): number {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
}

type PhaseResult = {
  kind: 'room' | 'ws';
  round: number;
  path: string;
  changes: number;
  deliveries: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
  /** p99 over changes of the first participant to show each (see the header). */
  firstP99: number;
  messages: number;
  catchUps: number;
  serverCpuUs: number;
  /** The longest the server's event loop was held up in the phase (ms): a stall delays every change behind it. */
  serverStallMs: number;
  /** The same in the client processes (the longest of any), which timestamp every delivery. */
  clientsStallMs: number;
  bytesPerParticipant: number;
  /** What the participants' TCP connections read while the load ran and until every copy had every change. */
  receivedBytes: number;
  /** The client processes together while the load ran and until every copy had every change: the load's own calls and every participant's parsing and applying. */
  clientsCpuUs: number;
};

async function phase(kind: 'room' | 'ws', round: number): Promise<PhaseResult> {
  const sessionId = await liveSession();
  const before = memoryNow();
  const connects = await Promise.all(
    clientSides.map((side, i) => side.ask({ type: 'connect', kind, n: shares[i], url: kind === 'room' ? server.url : wsUrl, sessionId }, 'connected', 600_000)),
  );
  const connected = { ms: Math.max(...connects.map((reply) => reply.ms as number)) };
  await sleep(1500); // presence counts and catch-ups settle
  const bytesPerParticipant = (memoryNow() - before) / N;
  log(`${kind}: ${N} clients connected in ${fmt(connected.ms)} ms, ${fmt(bytesPerParticipant / 1024)} KB each on the server`);
  if (kind === 'ws') {
    // From now on: the changes this phase makes.
    naiveSeq = await lastEventSeq(store);
    naiveSession = sessionId;
    naiveOn = true;
  }
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  const cpuBefore = process.cpuUsage();
  const result = await loadOnClients({ seconds: SECONDS, sessionId, label: kind, pool: kind });
  const cpu = process.cpuUsage(cpuBefore);
  stalls.disable();
  naiveOn = false;
  await naiveBusy;
  const latencies = await phaseLatencies();
  await Promise.all(clientSides.map((side) => side.ask({ type: 'disconnect' }, 'disconnected', 120_000)));
  await sleep(1000);
  const changes = result.changes;
  return {
    kind,
    round,
    path: kind === 'room' ? 'socket.io live room (real server, coalesced)' : 'raw ws, every change to every client (baseline)',
    changes,
    deliveries: result.deliveries,
    lost: changes * N - result.deliveries,
    ...latencies,
    messages: result.messages,
    catchUps: result.catchUps,
    serverCpuUs: cpu.user + cpu.system,
    serverStallMs: stalls.max / 1e6,
    clientsStallMs: result.stallMs,
    bytesPerParticipant,
    receivedBytes: result.receivedBytes,
    clientsCpuUs: result.clientsCpuUs,
  };
}

// Warm-up (JIT, first-use paths of every command and of the naive loop), measured by nobody.
const warmupSession = await liveSession();
naiveOn = true;
naiveSession = warmupSession;
naiveSeq = await lastEventSeq(store);
await loadOnClients({ seconds: 3, sessionId: warmupSession, label: 'warmup' });
naiveOn = false;
await naiveBusy;
await sleep(1000);

// The raw ws phase first: its memory per client is read while nothing of the socket.io phase is
// still being freed (run the other way round, the figure came out negative; so the ws memory of
// rounds after the first is not to be read).
const rows: PhaseResult[] = [];
for (let round = 1; round <= ROUNDS; round += 1) {
  rows.push(await phase('ws', round));
  rows.push(await phase('room', round));
}
const pooled = { room: await pooledLatencies('room'), ws: await pooledLatencies('ws') };

const cpuPerChange = (row: PhaseResult) => row.serverCpuUs / Math.max(1, row.changes * N);
printTable(
  `Live room, N = ${N} participants, ${QUESTIONS_PER_SECOND} questions/s and ${VOTES_PER_SECOND} upvotes/s for ${SECONDS} s per phase, ${ROUNDS} round(s), each phase in a new session (latency: the asking or voting browser's call sent → the change shown in each participant's copy, ms)`,
  ['round', 'path', 'changes', 'p50', 'p99', 'max', 'p99 to the first participant', 'longest stall: server / clients', 'messages received per participant', 'catch-ups', 'server CPU µs per delivered change', 'clients CPU µs per delivered change', 'KB received per participant', 'server KB per participant', 'lost'],
  rows.map((row) => [
    String(row.round),
    row.path,
    String(row.changes),
    fmt(row.p50),
    fmt(row.p99),
    fmt(row.max),
    fmt(row.firstP99),
    `${fmt(row.serverStallMs)} / ${fmt(row.clientsStallMs)}`,
    fmt(row.messages / N),
    String(row.catchUps),
    fmt(cpuPerChange(row)),
    fmt(row.clientsCpuUs / Math.max(1, row.changes * N)),
    fmt(row.receivedBytes / N / 1024),
    fmt(row.bytesPerParticipant / 1024),
    String(row.lost),
  ]),
);
const sum = (kind: 'room' | 'ws', value: (row: PhaseResult) => number) => rows.filter((row) => row.kind === kind).reduce((total, row) => total + value(row), 0);
const cpuPooled = (kind: 'room' | 'ws') => sum(kind, (row) => row.serverCpuUs) / Math.max(1, sum(kind, (row) => row.changes) * N);
const roomMemory = Math.max(...rows.filter((row) => row.kind === 'room').map((row) => row.bytesPerParticipant));
const roomLost = sum('room', (row) => row.lost);
const ratioRows = [];
if (ROUNDS > 1) {
  for (let round = 1; round <= ROUNDS; round += 1) {
    const room = rows.find((row) => row.round === round && row.kind === 'room')!;
    const naive = rows.find((row) => row.round === round && row.kind === 'ws')!;
    ratioRows.push([`round ${round}`, ratio(room.p50, naive.p50), ratio(room.p99, naive.p99), ratio(cpuPerChange(room), cpuPerChange(naive)), fmt(room.bytesPerParticipant / 1024), String(room.lost)]);
  }
}
ratioRows.push([
  ROUNDS > 1 ? `all ${ROUNDS} rounds pooled (the goal's figure)` : 'the run',
  ratio(pooled.room.p50, pooled.ws.p50),
  ratio(pooled.room.p99, pooled.ws.p99),
  ratio(cpuPooled('room'), cpuPooled('ws')),
  fmt(roomMemory / 1024),
  String(roomLost),
]);
printTable('Live room against the naive raw ws broadcast (goals: ≤ 1.0×, ≤ 20 KB per participant, 0 lost)', ['', 'p50', 'p99', 'server CPU per delivered change', 'KB per participant (room)', 'lost (room)'], ratioRows);

for (const side of clientSides) side.send({ type: 'exit' });
await childExits;
await new Promise<void>((resolve) => wss.close(() => resolve()));
await server.stop();
log(`done in ${fmt((nowUs() - started) / 1e6)} s`);
process.exit(rows.every((row) => row.lost === 0) ? 0 : 1);
