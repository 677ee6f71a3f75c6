// The socket dimension of a session's live room, as live-rights.test.ts does it for dialogue rooms.
// For every way a right to the room (or to the hosts' view of it, which names askers) is lost —
// logout, idle expiry, block, erasure, removal from the buying organisation, the dialogue becoming
// registered-only, the session cancelled — a socket that stayed open is taken out before anything
// later is pushed, and one that dropped during the change and comes back with its old cookie gets
// only what its person may see now. The question asked right after the change, before anyone waited
// for the change to reach the live layer, is the race an attacker would use.
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthorView, LiveRoomChanges } from '@dialogforum/contracts';
import { dropConnection, reviveConnection } from '../support/dropped-socket.ts';
import { startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

const PASSWORD = 'ett långt och hemligt lösenord';
const year = new Date().getUTCFullYear() + 1;

type Person = { visitor: Visitor; userId: string; email: string };

/** A socket in the session's live room, recording each question's author as it was pushed. */
type Watcher = {
  socket: LiveSocket;
  authors: Map<string, AuthorView['kind'] | 'hidden'>;
  movedOut: string[];
  closedByServer: boolean;
};

let server: TestServer;
let owner: Person;
let asker: Person;
let B: string;
let dialogueId: string;
let counter = 0;

async function register(label: string, representation: 'buyer' | 'supplier' = 'supplier'): Promise<Person> {
  counter += 1;
  const visitor = server.visitor();
  const email = `live${counter}@room-rights.example`;
  await visitor.registerVerified({ name: `${label} ${counter}`, email, password: PASSWORD, representation, organisationName: `${label} AB ${counter}` });
  const me = await visitor.api.accounts.me.query();
  return { visitor, userId: me?.id ?? '', email };
}

async function colleagueInB(): Promise<Person> {
  const person = await register('Kollega');
  await person.visitor.api.organisations.requestToJoin.mutate({ organisationId: B });
  const view = await owner.visitor.api.organisations.get.query({ organisationId: B });
  const request = view.joinRequests?.find((candidate) => candidate.userId === person.userId);
  await owner.visitor.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true });
  await person.visitor.api.organisations.actFor.mutate({ organisationId: B });
  return person;
}

async function liveSession(dialogue = dialogueId): Promise<string> {
  counter += 1;
  const day = new Date(Date.UTC(year, 2, 1) + counter * 24 * 3_600_000).toISOString().slice(0, 10);
  const { sessionId } = await owner.visitor.api.sessions.create.mutate({
    dialogueId: dialogue,
    title: 'Dialogmöte',
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:00`,
    format: 'online',
    meetingLink: 'https://meet.example/r',
    capacity: 50,
  });
  await owner.visitor.api.sessions.start.mutate({ sessionId });
  return sessionId;
}

/** Connects with `cookie` (the one the person had then) and joins the session's live room. */
async function watch(cookie: string, sessionId: string): Promise<Watcher> {
  const socket: LiveSocket = connectSocket(server.url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
  const watcher: Watcher = { socket, authors: new Map(), movedOut: [], closedByServer: false };
  socket.on('live.changed', (changes) => {
    for (const question of changes.questions) watcher.authors.set(question.body ?? question.id, question.author?.kind ?? 'hidden');
  });
  socket.on('live.access_changed', (event) => watcher.movedOut.push(event.sessionId));
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') watcher.closedByServer = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  // Like the real client: join again at every connection.
  socket.on('connect', () => void socket.emitWithAck('live.subscribe', { sessionId }).catch(() => {}));
  expect(await socket.emitWithAck('live.subscribe', { sessionId })).toEqual({ ok: true });
  return watcher;
}

const drop = (watcher: Watcher) => dropConnection(watcher.socket);

async function revive(watcher: Watcher): Promise<void> {
  await reviveConnection(watcher.socket);
  await new Promise((resolve) => setTimeout(resolve, 200));
}

async function ask(sessionId: string, body: string): Promise<void> {
  await asker.visitor.api.liveRoom.ask.mutate({ sessionId, body });
}

/** Waits until every connected watcher got `body` (or 3 s passed), and a little longer. */
async function settle(body: string, watchers: Watcher[]): Promise<void> {
  const deadline = Date.now() + 3000;
  while (watchers.some((w) => w.socket.connected && !w.authors.has(body)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 150));
}

async function closedByServer(watcher: Watcher, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!watcher.closedByServer && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return watcher.closedByServer;
}

type Path = { name: string; change: (person: Person) => Promise<void> };

/**
 * A colleague of the hosts watches the room on two sockets and sees askers' names; one socket
 * drops, the change is made, a question is asked at once, the dropped one comes back with its old
 * cookie, another question is asked. The open socket is closed by the server, neither socket is
 * sent a name afterwards, and the revived one sees what its person (now nobody) may see.
 */
async function replay(path: Path): Promise<void> {
  asker = await register('Frågare');
  const person = await colleagueInB();
  const sessionId = await liveSession();
  const cookie = person.visitor.cookie();
  const open = await watch(cookie, sessionId);
  const revived = await watch(cookie, sessionId);
  const tag = `${path.name} ${counter}`;
  await ask(sessionId, `${tag}: före?`);
  await settle(`${tag}: före?`, [open, revived]);
  expect([open.authors.get(`${tag}: före?`), revived.authors.get(`${tag}: före?`)]).toEqual(['person', 'person']);

  await drop(revived);
  await path.change(person);
  await ask(sessionId, `${tag}: direkt efter?`);
  expect(await closedByServer(open), 'the open socket is closed by the server').toBe(true);
  await revive(revived);
  await ask(sessionId, `${tag}: senare?`);
  await settle(`${tag}: senare?`, [revived]);

  for (const [label, watcher] of [['open', open], ['revived', revived]] as const) {
    const names = [...watcher.authors].filter(([body, kind]) => body !== `${tag}: före?` && kind === 'person');
    expect({ socket: label, names }).toEqual({ socket: label, names: [] });
  }
  expect(open.authors.has(`${tag}: direkt efter?`), 'nothing reaches the open socket after the change').toBe(false);
  expect(revived.authors.get(`${tag}: senare?`), 'the revived socket, joined again, sees what a signed-out visitor sees').toBe('pseudonym');
  revived.socket.disconnect();
}

describe('what an open and a revived socket in a live room receive after a change of rights', () => {
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
    owner = await register('Ägare', 'buyer');
    B = (await owner.visitor.api.accounts.me.query())?.organisation?.id ?? '';
    ({ dialogueId } = await owner.visitor.api.dialogues.create.mutate({
      title: 'Belysning i gång- och cykeltunnlar',
      description: 'Vi söker lösningar.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
      visibility: 'public',
    }));
  });
  afterAll(async () => {
    await server?.stop();
  });

  const admin = () => server.moderator();
  const paths: Path[] = [
    { name: 'logout', change: (p) => p.visitor.api.accounts.logout.mutate().then(() => {}) },
    { name: 'block', change: async (p) => void (await (await admin()).api.accounts.block.mutate({ userId: p.userId })) },
    { name: 'erasure', change: (p) => p.visitor.api.accounts.erase.mutate({ password: PASSWORD }).then(() => {}) },
    { name: 'removal from the organisation', change: (p) => owner.visitor.api.organisations.removeMember.mutate({ organisationId: B, userId: p.userId }).then(() => {}) },
  ];
  for (const path of paths) {
    it(`after ${path.name}`, async () => {
      await replay(path);
    });
  }

  it('after idle expiry (the clock moves past the idle limit, and the push comes before the periodic sweep)', async () => {
    await replay({
      name: 'idle expiry',
      change: async () => {
        // The asker stays active over HTTP; the watching person's session runs out of idle time.
        server.clock.advance(100 * 60_000);
        await asker.visitor.api.accounts.me.query();
        server.clock.advance(21 * 60_000);
      },
    });
    // Time moved for the host too: they sign in again, as people would after two hours.
    await owner.visitor.api.accounts.login.mutate({ email: owner.email, password: PASSWORD });
  });

  it('moves every socket out of a room whose dialogue became registered-only: told once, sent nothing more, open or revived', async () => {
    asker = await register('Frågare');
    const { dialogueId: turning } = await owner.visitor.api.dialogues.create.mutate({
      title: 'Synligheten ändras',
      description: 'Först öppen för alla.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
      visibility: 'public',
    });
    const sessionId = await liveSession(turning);
    const open = await watch('', sessionId);
    const revived = await watch('', sessionId);
    const member = await watch(asker.visitor.cookie(), sessionId);
    await ask(sessionId, 'synlig: före?');
    await settle('synlig: före?', [open, revived, member]);
    expect(open.authors.get('synlig: före?')).toBe('pseudonym');

    await drop(revived);
    await owner.visitor.api.dialogues.update.mutate({ dialogueId: turning, visibility: 'registered' });
    await ask(sessionId, 'synlig: direkt efter?');
    await revive(revived);
    expect(await revived.socket.emitWithAck('live.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    await ask(sessionId, 'synlig: senare?');
    await settle('synlig: senare?', [member]);

    expect(open.movedOut).toEqual([sessionId]);
    expect(open.socket.connected, 'only the room is out of reach: the socket stays open').toBe(true);
    expect([...open.authors.keys()]).toEqual(['synlig: före?']);
    expect([...revived.authors.keys()]).toEqual(['synlig: före?']);
    expect(member.authors.get('synlig: senare?'), 'a registered supplier keeps the room').toBe('pseudonym');
    for (const watcher of [open, revived, member]) watcher.socket.disconnect();
  });

  it('takes everyone out of the room of a session that is cancelled, and lets nobody back in', async () => {
    asker = await register('Frågare');
    const sessionId = await liveSession();
    const supplierSocket = await watch(asker.visitor.cookie(), sessionId);
    const hostSocket = await watch(owner.visitor.cookie(), sessionId);
    const anonymous = await watch('', sessionId);
    await owner.visitor.api.sessions.cancel.mutate({ sessionId, reason: 'Sjukdom.' });
    await server.settled();
    for (const watcher of [supplierSocket, hostSocket, anonymous]) {
      expect(watcher.movedOut).toEqual([sessionId]);
      const serverSocket = server.app.io.of('/').sockets.get(watcher.socket.id ?? '');
      expect([...(serverSocket?.rooms ?? [])].filter((room) => room.startsWith('live:'))).toEqual([]);
      expect(await watcher.socket.emitWithAck('live.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
      watcher.socket.disconnect();
    }
  });

  it('sends a question hidden while its votes wait to attendees as hidden, never its count, and the hosts the whole of it', async () => {
    asker = await register('Frågare');
    const voters = [await register('Röstare'), await register('Röstare')];
    const sessionId = await liveSession();
    const attendee = await watch('', sessionId);
    const host = await watch(owner.visitor.cookie(), sessionId);
    const pushes = { attendee: [] as LiveRoomChanges[], host: [] as LiveRoomChanges[] };
    attendee.socket.on('live.changed', (changes) => pushes.attendee.push(changes));
    host.socket.on('live.changed', (changes) => pushes.host.push(changes));
    const { questionId } = await asker.visitor.api.liveRoom.ask.mutate({ sessionId, body: 'Dold medan rösterna väntar?' });
    await settle('Dold medan rösterna väntar?', [attendee, host]);

    // The first vote goes at once; the second waits in the window the first began, and the hide comes meanwhile.
    for (const voter of voters) await voter.visitor.api.liveRoom.vote.mutate({ questionId, up: true });
    await owner.visitor.api.liveRoom.hide.mutate({ questionId, reason: 'Inte en fråga om upphandlingen.' });
    await server.settled();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const hiding = (list: LiveRoomChanges[]) => list.findIndex((push) => push.questions.some((question) => question.id === questionId && question.status === 'hidden'));
    // From the hide's change number on, the question is hidden: no count of it reaches an attendee.
    const hidAt = (await owner.visitor.api.liveRoom.get.query({ sessionId })).questions.find((question) => question.id === questionId)?.change ?? 0;
    const countsOnceHidden = pushes.attendee.flatMap((push) => push.votes.filter((count) => count.questionId === questionId && count.change >= hidAt));
    expect(countsOnceHidden, 'no count of the hidden question reaches the attendee').toEqual([]);
    const hostSaw = pushes.host[hiding(pushes.host)]?.questions.find((question) => question.id === questionId);
    expect(hostSaw).toMatchObject({ status: 'hidden', body: 'Dold medan rösterna väntar?', votes: 2, change: hidAt });
    const seen = hiding(pushes.attendee);
    expect(seen, 'the attendee learns that the question was hidden').toBeGreaterThanOrEqual(0);
    expect(pushes.attendee[seen]!.questions.find((question) => question.id === questionId)).toMatchObject({ body: null, author: null, votes: 0 });
    for (const watcher of [attendee, host]) watcher.socket.disconnect();
  });

  it('answers a live room of a registered-only dialogue to an anonymous socket exactly as a missing one', async () => {
    const { dialogueId: closed } = await owner.visitor.api.dialogues.create.mutate({
      title: 'Bara för inloggade',
      description: 'Registrerade användare.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 30 * 24 * 3_600_000).toISOString(),
      visibility: 'registered',
    });
    const sessionId = await liveSession(closed);
    const socket = await server.visitor().connect();
    expect(await socket.emitWithAck('live.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    expect(await socket.emitWithAck('live.subscribe', { sessionId: 'missing-session-id' })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    expect(await socket.emitWithAck('live.subscribe', { sessionId: { $ne: null } })).toEqual({ ok: false, appCode: 'VALIDATION' });
    socket.disconnect();
  });
});
