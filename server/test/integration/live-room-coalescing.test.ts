// How a live room paces its vote counts (live-room-pushes.ts): the first vote after a quiet moment
// is pushed at once; votes within the window that follows wait for its end, or for the next other
// change, which takes them along. The window here is a minute long, so a push that waited for it
// could not arrive within the test's few seconds: what arrives, arrived for the reason named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveRoomChanges } from '@dialogforum/contracts';
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

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' }, { liveRoomTiming: { coalesceMs: 60_000, presenceMs: 1000 } });
  host = server.visitor();
  await host.registerVerified({ name: 'Hanna Värd', email: 'host@coalescing.example', password: PASSWORD, representation: 'buyer', organisationName: 'Värdkommunen' });
});

afterAll(async () => {
  await server?.stop();
});

describe('a live room’s vote counts', () => {
  it('go at once after a quiet moment, then wait for the window or ride on the next change', async () => {
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
    const [asker, first, second, watcher] = [await supplier(), await supplier(), await supplier(), await supplier()];
    const { questionId } = await asker.api.liveRoom.ask.mutate({ sessionId, body: 'Hur många platser?' });
    const socket = await watcher.connect();
    const pushes: LiveRoomChanges[] = [];
    socket.on('live.changed', (changes) => pushes.push(changes));
    const joined = await socket.emitWithAck('live.subscribe', { sessionId });
    expect(joined.ok).toBe(true);
    const votes = (push: LiveRoomChanges) => push.questions.find((question) => question.id === questionId)?.votes;

    await first.api.liveRoom.vote.mutate({ questionId, up: true });
    await pushWhere(pushes, (push) => votes(push) === 1, 'the first vote, at once');

    await second.api.liveRoom.vote.mutate({ questionId, up: true });
    await server.settled();
    // Inside the window: nothing yet. The next other change carries the waiting count.
    expect(pushes.some((push) => votes(push) === 2)).toBe(false);
    await asker.api.liveRoom.ask.mutate({ sessionId, body: 'Och när?' });
    const carried = await pushWhere(pushes, (push) => push.questions.some((question) => question.body === 'Och när?'), 'the next question');
    expect(votes(carried)).toBe(2);
    socket.disconnect();
  }, 120_000);
});
