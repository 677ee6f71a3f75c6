// The client side of the live room benchmark, in a process of its own (pinned to the other CPU than
// the server when possible); liveroom.ts starts LIVEROOM_CLIENT_PROCESSES of them and gives each a
// share of the N participants, and by default one more, the driver, with no participant: the
// browsers of the people who ask and upvote, through tRPC (with LIVEROOM_DRIVER_APART=0 the first
// participants' process is the driver). Each holds its participants — socket.io sockets in the
// session's live room, each with the web app's own copy of the room (client/src/sessions/live-room-copy.ts,
// which asks `liveRoom.changes` when it sees a gap), or raw ws clients. Every change's delivery is
// timestamped per participant on the machine-wide monotonic clock; each process computes its
// participants' latencies and hands them to liveroom.ts, which merges them.
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connectSocket, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { LiveRoomChanges, LiveRoomView } from '@dialogforum/contracts';
import type { AppRouter } from '../../server/src/app-router.ts';
import { LiveRoomCopy } from '../../client/src/sessions/live-room-copy.ts';
import { Channel, nowUs, sleep, type Message } from './support/proc.ts';

type Api = TRPCClient<AppRouter>;

const parent = new Channel(process);
let people: Api[] = [];
let anonymous: Api | null = null;

/**
 * What one participant has seen: for each question, when it first appeared and when its count first
 * reached each number (index v − 1), and the highest count shown so far (every number up to it has
 * its moment). Typed arrays keep 1,000 participants' records small.
 */
type Seen = Map<string, { at: number; votes: Float64Array; shown: number }>;
const MAX_VOTES = 64;

/** `bytesRead`: the bytes its TCP connection has read so far (frames and all), the same way on both paths. */
type Participant = { seen: Seen; close: () => void; bytesRead: () => number };
let participants: Participant[] = [];
let messages = 0;
/**
 * The participants' connections' bytes read when the load began. What they received is read off the
 * TCP sockets, not counted per message: a per-packet listener on the socket.io side alone was work
 * the raw ws side did not do for every message.
 */
let bytesReadBefore = 0;
const bytesRead = () => participants.reduce((sum, participant) => sum + participant.bytesRead(), 0);
/** The TCP socket under a `ws` WebSocket (its own, or the one engine.io-client's transport holds). */
const tcpOf = (client: unknown) => (client as { _socket: { bytesRead: number } })._socket;
let catchUps = 0;
/** Every latency measured per pool (`room`, `ws`) over all rounds, for the pooled percentiles. */
const pools = new Map<string, Float64Array[]>();
/** The last phase's latencies (ascending) and, per change, the first of this process's participants to show it. */
let lastLatencies = new Float64Array(0);
let lastFirsts = new Map<string, number>();
/** The load's window in this process: from `load` until `measure` has seen every change everywhere here. */
let loadWindow: { cpuBefore: NodeJS.CpuUsage; stalls: ReturnType<typeof monitorEventLoopDelay> } | null = null;

function record(seen: Seen, question: { id: string; votes: number }, at: number): void {
  let entry = seen.get(question.id);
  if (!entry) seen.set(question.id, (entry = { at, votes: new Float64Array(MAX_VOTES), shown: 0 }));
  // Only the numbers not shown before: the same bookkeeping for a count on both paths, whatever the count.
  const shown = Math.min(question.votes, MAX_VOTES);
  for (let v = entry.shown + 1; v <= shown; v += 1) entry.votes[v - 1] = at;
  entry.shown = Math.max(entry.shown, shown);
}

function apiFor(url: string, cookie: string): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } }),
      }),
    ],
  });
}

async function inBatches(count: number, batch: number, open: (i: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += batch) {
    const work: Promise<void>[] = [];
    for (let i = start; i < Math.min(count, start + batch); i += 1) work.push(open(i));
    await Promise.all(work);
  }
}

/** A participant as the live room page is one: joins the room, catches up, applies pushes. */
function joinRoom(url: string, sessionId: string, room: LiveRoomView): Promise<Participant> {
  return new Promise((resolve, reject) => {
    const seen: Seen = new Map();
    const copy = new LiveRoomCopy(
      {
        changes: async (input) => {
          catchUps += 1;
          const changes = await anonymous!.liveRoom.changes.query(input);
          const at = nowUs();
          for (const question of changes.questions) record(seen, question, at);
          return changes;
        },
      },
      room,
    );
    const socket: Socket = connectSocket(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    socket.on('live.changed', (changes: LiveRoomChanges) => {
      messages += 1;
      const at = nowUs();
      copy.receive(changes);
      // A push the copy applied (not one it had seen, nor one that made it catch up) shows now.
      if (copy.getSnapshot().seq >= changes.to && changes.from <= copy.getSnapshot().seq) {
        for (const question of changes.questions) record(seen, question, at);
        for (const count of changes.votes) record(seen, { id: count.questionId, votes: count.votes }, at);
      }
    });
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      const tcp = tcpOf((socket.io.engine.transport as unknown as { ws: unknown }).ws);
      socket.emitWithAck('live.subscribe', { sessionId }).then((ack: { ok: boolean }) => {
        if (!ack.ok) return reject(new Error(`live.subscribe refused: ${JSON.stringify(ack)}`));
        copy.catchUp().then(() => resolve({ seen, close: () => socket.disconnect(), bytesRead: () => tcp.bytesRead }), reject);
      }, reject);
    });
  });
}

function connectWs(url: string): Promise<Participant> {
  return new Promise((resolve, reject) => {
    const seen: Seen = new Map();
    const client = new WebSocket(url, { perMessageDeflate: false });
    client.on('message', (data) => {
      messages += 1;
      const event = JSON.parse(String(data)) as { question: { id: string; votes: number } };
      record(seen, event.question, nowUs());
    });
    client.once('error', reject);
    client.once('open', () => {
      const tcp = tcpOf(client);
      resolve({ seen, close: () => client.terminate(), bytesRead: () => tcp.bytesRead });
    });
  });
}

type Sent = { questions: Map<string, number>; votes: Map<string, number[]> };

/**
 * The load: `questionsPerSecond` questions by people in turn, and `votesPerSecond` upvotes on the
 * newest questions, each by a person who has not voted on it yet (one upvote each). Calls go out on
 * schedule without waiting for earlier ones, as many browsers would send them.
 */
async function runLoad(spec: { seconds: number; questionsPerSecond: number; votesPerSecond: number; sessionId: string; label: string }): Promise<Sent & { changes: number }> {
  const sent: Sent = { questions: new Map(), votes: new Map() };
  const open: string[] = [];
  const votesSent = new Map<string, number>();
  const inFlight: Promise<unknown>[] = [];
  let questions = 0;
  let votes = 0;
  let failures = 0;
  const start = nowUs();
  const end = start + spec.seconds * 1e6;
  while (nowUs() < end) {
    const elapsed = (nowUs() - start) / 1e6;
    while (questions < Math.floor(elapsed * spec.questionsPerSecond) + 1) {
      const asker = people[questions % people.length]!;
      const body = `${spec.label} fråga ${questions}: hur ska lösningen skalas upp efter piloten, och vem äger datat?`;
      questions += 1;
      const at = nowUs();
      inFlight.push(
        asker.liveRoom.ask.mutate({ sessionId: spec.sessionId, body }).then(
          ({ questionId }) => {
            sent.questions.set(questionId, at);
            open.push(questionId);
          },
          () => (failures += 1),
        ),
      );
    }
    while (votes < Math.floor(elapsed * spec.votesPerSecond) && open.length > 0) {
      // The newest questions get the votes, each from someone who has not voted on it yet.
      const candidates = open.slice(-4).filter((id) => (votesSent.get(id) ?? 0) < Math.min(people.length, MAX_VOTES));
      if (candidates.length === 0) break;
      const questionId = candidates.reduce((a, b) => ((votesSent.get(a) ?? 0) <= (votesSent.get(b) ?? 0) ? a : b));
      const n = (votesSent.get(questionId) ?? 0) + 1;
      votesSent.set(questionId, n);
      const times = sent.votes.get(questionId) ?? [];
      times.push(nowUs());
      sent.votes.set(questionId, times);
      votes += 1;
      inFlight.push(people[n - 1]!.liveRoom.vote.mutate({ questionId, up: true }).catch(() => (failures += 1)));
    }
    await sleep(10);
  }
  await Promise.all(inFlight);
  if (failures > 0) throw new Error(`${failures} calls of the load failed`);
  return { ...sent, changes: sent.questions.size + [...sent.votes.values()].reduce((sum, times) => sum + times.length, 0) };
}

/** This process's participants' latency for every change; waits (up to 10 s) until all have everything. */
async function measure(sent: Sent, pool: string | undefined): Promise<{ deliveries: number }> {
  const complete = () =>
    participants.every((participant) =>
      [...sent.questions.keys()].every((id) => {
        const entry = participant.seen.get(id);
        const count = sent.votes.get(id)?.length ?? 0;
        return entry !== undefined && (count === 0 || entry.votes[count - 1]! > 0);
      }),
    );
  const deadline = nowUs() + 10e6;
  while (!complete() && nowUs() < deadline) await sleep(100);
  const latencies: number[] = [];
  // Per change, the first of this process's participants to show it (liveroom.ts takes the first of
  // all processes): the latency before the push is applied for the other N − 1 (in real life each
  // does so in their own browser, at the same time).
  const firsts = new Map<string, number>();
  const first = (change: string, latency: number) => firsts.set(change, Math.min(firsts.get(change) ?? Infinity, latency));
  for (const participant of participants) {
    for (const [id, askedAt] of sent.questions) {
      const entry = participant.seen.get(id);
      if (!entry) continue;
      latencies.push((entry.at - askedAt) / 1e3);
      first(id, (entry.at - askedAt) / 1e3);
      // The v-th vote sent is shown when the count first reaches v.
      (sent.votes.get(id) ?? []).forEach((votedAt, i) => {
        const shownAt = entry.votes[i]!;
        if (shownAt > 0) {
          latencies.push((Math.max(shownAt, votedAt) - votedAt) / 1e3);
          first(`${id}:${i}`, (Math.max(shownAt, votedAt) - votedAt) / 1e3);
        }
      });
    }
  }
  const sorted = Float64Array.from(latencies).sort();
  if (pool) pools.set(pool, [...(pools.get(pool) ?? []), sorted]);
  lastLatencies = sorted;
  lastFirsts = firsts;
  return { deliveries: sorted.length };
}

async function handle(message: Message): Promise<void> {
  switch (message.type) {
    case 'people': {
      const url = message.url as string;
      people = (message.cookies as string[]).map((cookie) => apiFor(url, cookie));
      anonymous = apiFor(url, '');
      parent.send({ type: 'people-ready' });
      return;
    }
    case 'connect': {
      const t0 = nowUs();
      const n = message.n as number;
      messages = 0;
      catchUps = 0;
      participants = [];
      if (message.kind === 'room') {
        // Anonymous participants of a public dialogue's session: the room's public audience.
        const room = await anonymous!.liveRoom.get.query({ sessionId: message.sessionId as string });
        await inBatches(n, 50, async () => void participants.push(await joinRoom(message.url as string, message.sessionId as string, room)));
      } else {
        await inBatches(n, 50, async () => void participants.push(await connectWs(message.url as string)));
      }
      parent.send({ type: 'connected', ms: (nowUs() - t0) / 1e3 });
      return;
    }
    case 'load': {
      // Every process starts its window here; the driver also sends the calls and says what it sent.
      messages = 0;
      bytesReadBefore = bytesRead();
      catchUps = 0;
      loadWindow = { cpuBefore: process.cpuUsage(), stalls: monitorEventLoopDelay({ resolution: 10 }) };
      loadWindow.stalls.enable();
      if (message.drive) {
        const sent = await runLoad(message as unknown as Parameters<typeof runLoad>[0]);
        parent.send({ type: 'sent', changes: sent.changes, questions: sent.questions, votes: sent.votes });
      }
      return;
    }
    case 'measure': {
      const { cpuBefore, stalls } = loadWindow!;
      loadWindow = null;
      stalls.disable();
      const sent: Sent = { questions: message.questions as Sent['questions'], votes: message.votes as Sent['votes'] };
      const result = await measure(sent, message.pool as string | undefined);
      const cpu = process.cpuUsage(cpuBefore);
      parent.send({ type: 'loaded', messages, receivedBytes: bytesRead() - bytesReadBefore, clientsCpuUs: cpu.user + cpu.system, catchUps, stallMs: stalls.max / 1e6, ...result });
      return;
    }
    case 'latencies':
      parent.send({ type: 'latencies', latencies: lastLatencies, firsts: lastFirsts });
      return;
    case 'pooled':
      parent.send({ type: 'pooled', parts: pools.get(message.pool as string) ?? [] });
      return;
    case 'disconnect': {
      for (const participant of participants) participant.close();
      participants = [];
      parent.send({ type: 'disconnected' });
      return;
    }
    case 'exit':
      process.exit(0);
  }
}

process.on('message', (raw) => {
  handle(raw as Message).catch((error: unknown) => {
    console.error('[liveroom clients] failed:', error);
    process.exit(1);
  });
});
parent.send({ type: 'ready' });
process.on('disconnect', () => process.exit(0));
