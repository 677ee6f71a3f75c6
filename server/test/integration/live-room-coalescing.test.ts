// How a live room paces its vote counts (live-room-pushes.ts): the first vote after a quiet moment
// is pushed at once; votes within the window that follows wait for its end, or for the next other
// change, which takes them along. In the first test the window is a minute long, so a push that
// waited for it could not arrive within the test's few seconds: what arrives, arrived for the reason
// named. The second runs a burst of votes through a room with a short window, as a busy room has;
// the third the same burst through a room whose sockets make its window longer than that.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveRoomChanges } from '@dialogforum/contracts';
import { DEFAULT_LIVE_ROOM_TIMING } from '../../src/modules/live/live-room-pushes.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'ett långt lösenord för röstfönster';
const year = new Date().getUTCFullYear() + 1;
let server: TestServer;
let host: Visitor;
let people = 0;

async function supplier(): Promise<Visitor> {
  people += 1;
  const visitor = server.visitor();
  await visitor.registerVerified({ name: `Person ${people}`, email: `p${people}@coalescing.example`, password: PASSWORD, representation: 'supplier', organisationName: `Bolag ${people} AB` });
  return visitor;
}

/** Resolves once `done` says so, or fails after 5 s. */
function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  return new Promise((resolve, reject) => {
    const look = () => {
      if (done()) resolve();
      else if (Date.now() > deadline) reject(new Error(`never ${what}`));
      else setTimeout(look, 20);
    };
    look();
  });
}

/** Resolves with the first push that `found` accepts, or fails after 5 s. */
function pushWhere(pushes: LiveRoomChanges[], found: (push: LiveRoomChanges) => boolean, what: string): Promise<LiveRoomChanges> {
  const deadline = Date.now() + 5000;
  return new Promise((resolve, reject) => {
    const look = () => {
      const push = pushes.find(found);
      if (push) resolve(push);
      else if (Date.now() > deadline) reject(new Error(`no push with ${what}`));
      else setTimeout(look, 20);
    };
    look();
  });
}

async function startServer(coalesceMs: number, socketWritesPerSecond = DEFAULT_LIVE_ROOM_TIMING.socketWritesPerSecond): Promise<void> {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' }, { liveRoomTiming: { coalesceMs, socketWritesPerSecond, presenceMs: 1000 } });
  host = server.visitor();
  await host.registerVerified({ name: 'Hanna Värd', email: `host${people}@coalescing.example`, password: PASSWORD, representation: 'buyer', organisationName: 'Värdkommunen' });
}

/** A started session of a new public dialogue, whose questions need no approval. */
async function liveSession(): Promise<string> {
  const { dialogueId } = await host.api.dialogues.create.mutate({
    title: 'Laddplatser',
    description: 'Vi söker laddplatser.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 400 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  });
  const { sessionId } = await host.api.sessions.create.mutate({
    dialogueId,
    title: 'Dialogmöte',
    startsAt: `${year}-03-02T10:00`,
    endsAt: `${year}-03-02T11:00`,
    format: 'online',
    meetingLink: 'https://meet.example/live',
    capacity: 100,
    questionsNeedApproval: false,
  });
  await host.api.sessions.start.mutate({ sessionId });
  return sessionId;
}

describe('a live room’s vote counts', () => {
  beforeAll(() => startServer(60_000));
  afterAll(() => server.stop());

  it('go at once after a quiet moment, then wait for the window or ride on the next change', async () => {
    const sessionId = await liveSession();
    const [asker, first, second, watcher] = [await supplier(), await supplier(), await supplier(), await supplier()];
    const { questionId } = await asker.api.liveRoom.ask.mutate({ sessionId, body: 'Hur många platser?' });
    const socket = await watcher.connect();
    const pushes: LiveRoomChanges[] = [];
    socket.on('live.changed', (changes) => pushes.push(changes));
    const joined = await socket.emitWithAck('live.subscribe', { sessionId });
    expect(joined.ok).toBe(true);
    // A question whose votes alone changed comes as its count, not its whole view.
    const votes = (push: LiveRoomChanges) => push.votes.find((count) => count.questionId === questionId)?.votes;

    await first.api.liveRoom.vote.mutate({ questionId, up: true });
    const firstVote = await pushWhere(pushes, (push) => votes(push) === 1, 'the first vote, at once');
    expect(firstVote.questions).toEqual([]);

    await second.api.liveRoom.vote.mutate({ questionId, up: true });
    await server.settled();
    // Inside the window: nothing yet. The next other change carries the waiting count.
    expect(pushes.some((push) => votes(push) === 2)).toBe(false);
    await asker.api.liveRoom.ask.mutate({ sessionId, body: 'Och när?' });
    const carried = await pushWhere(pushes, (push) => push.questions.some((question) => question.body === 'Och när?'), 'the next question');
    // The new question comes whole; the one whose votes alone changed still comes as its count.
    expect(votes(carried)).toBe(2);
    expect(carried.questions.map((question) => question.id)).not.toContain(questionId);
    socket.disconnect();
  }, 120_000);
});

/**
 * A vote sent every 50 ms for 0.6 s, as many browsers send them (none waits for another's answer),
 * into a room where `watchers` sockets listen: the counts come one push a `windowMs` at most, and
 * no count waits much longer than that window.
 */
async function burstOfVotes(windowMs: number, watchers: number): Promise<void> {
  const sessionId = await liveSession();
  const voters = await Promise.all(Array.from({ length: 12 }, () => supplier()));
  const asker = await supplier();
  const watcher = await supplier();
  const { questionId } = await asker.api.liveRoom.ask.mutate({ sessionId, body: 'Hur laddar vi bussarna?' });
  const sockets = await Promise.all(Array.from({ length: watchers }, () => watcher.connect()));
  // What the first socket was shown; the others are in the room for its size.
  const shown: { votes: number; at: number }[] = [];
  sockets[0]!.on('live.changed', (changes) => {
    const votes = changes.votes.find((count) => count.questionId === questionId)?.votes;
    if (votes !== undefined) shown.push({ votes, at: performance.now() });
  });
  for (const socket of sockets) expect((await socket.emitWithAck('live.subscribe', { sessionId })).ok).toBe(true);

  // `cast` is when each vote was committed.
  const cast: number[] = [];
  const sending: Promise<void>[] = [];
  // Before the first vote was sent, so before any of its pushes began.
  const firstSent = performance.now();
  for (const voter of voters) {
    sending.push(voter.api.liveRoom.vote.mutate({ questionId, up: true }).then(() => void cast.push(performance.now())));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await Promise.all(sending);
  cast.sort((x, y) => x - y);
  // The last count comes at its window's end, with no other change to carry it.
  await until(() => shown.at(-1)?.votes === voters.length, `showed ${voters.length} votes`);
  // One push a window at most, not one a vote: pushes begin a window apart at least, all after the
  // first vote was sent and before the last count was shown (bounded by what this side saw, so a
  // loaded machine's slow delivery cannot make it fail; one more for a timer's millisecond).
  expect(shown.length).toBeGreaterThanOrEqual(2);
  expect(shown.length).toBeLessThanOrEqual(Math.floor((shown.at(-1)!.at - firstSent) / windowMs) + 2);
  expect(shown.length).toBeLessThan(voters.length / 2);
  // Each count is shown within the window (and a margin for a loaded machine) after its vote was committed.
  cast.forEach((at, i) => {
    const push = shown.find((entry) => entry.votes >= i + 1);
    expect(push, `vote ${i + 1}`).toBeDefined();
    expect(push!.at - at, `vote ${i + 1} waited`).toBeLessThan(windowMs + 700);
  });
  for (const socket of sockets) socket.disconnect();
}

describe('a burst of votes in a room with a short window', () => {
  const WINDOW_MS = 300;
  beforeAll(() => startServer(WINDOW_MS));
  afterAll(() => server.stop());

  it('is a push a window, and no count waits much longer than the window', () => burstOfVotes(WINDOW_MS, 1), 120_000);
});

describe('a burst of votes in a room too big for its window', () => {
  // 100 ms windows, but 3 sockets at 5 socket writes a second take 600 ms: the room's window.
  beforeAll(() => startServer(100, 5));
  afterAll(() => server.stop());

  it('is a push a window as long as the room’s sockets need, not one a coalescing window', () => burstOfVotes(600, 3), 120_000);
});
