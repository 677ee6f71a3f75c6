// A buyers' network session's live room (issue 11 §4), over the real server with @trpc/client and
// socket.io-client. Members' people join it and ask while the host (whoever scheduled it, or an
// admin organisation's person) has it open; the host hides a question with a reason; the asker's
// data export holds their questions. Nobody else —
// a supplier, a buyer outside, a moderator, a visitor — learns it exists: each answer is byte for
// byte the answer about a missing session. For every way the right is lost — the organisation
// leaves or is removed, loses its verification, the person logs out, is blocked or their session
// runs out, the network is dissolved, the session cancelled — a socket that stayed open is taken out
// (or closed) before anything later is pushed, and one that dropped during the change and comes
// back with its old cookie is not let in again: nothing more arrives on either.
import { randomBytes } from 'node:crypto';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../support/refusal.ts';
import { organisationOf, rawCall, signUpPeople } from '../support/people.ts';
import { dropConnection, reviveConnection } from '../support/dropped-socket.ts';
import { startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
const PASSWORD = 'nätverkets liverum är medlemmarnas';
const DOMAIN = 'network-live.example';
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, DOMAIN, PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr: forms the network (its admin organisation), schedules, hosts and asks
let bengt: Visitor; // Kommun Syd: a member, who asks
let rut: Visitor; // a verified buyer outside the network
let sune: Visitor; // a supplier
let anonymous: Visitor;
let networkId = '';
let counter = 0;
const year = new Date().getUTCFullYear() + 1;

/** A new verified buyer organisation's person, whose organisation Anna invites into the network and which accepts. */
async function member(name: string): Promise<Visitor> {
  counter += 1;
  const visitor = await person(`${name}${counter}`, 'buyer', `${name}s kommun ${counter}`);
  const organisationId = await organisationOf(visitor);
  await moderator.api.organisations.verify.mutate({ organisationId });
  await anna.api.networks.invite.mutate({ networkId, organisationId });
  await visitor.api.networks.answerInvitation.mutate({ networkId, accept: true });
  return visitor;
}

/** A network session planned by `host` on a day of its own, not yet opened. */
async function plannedSession(host: Visitor, title?: string, network = networkId): Promise<string> {
  counter += 1;
  const day = new Date(Date.UTC(year, 2, 1) + counter * 24 * 3_600_000).toISOString().slice(0, 10);
  const { sessionId } = await host.api.networks.scheduleSession.mutate({
    networkId: network,
    title: title ?? `Kravmöte ${counter}`,
    agenda: 'Vi går igenom kraven.',
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:00`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/krav',
    capacity: 20,
  });
  return sessionId;
}

/** A session of the network that Anna (or `host`) schedules and opens. */
async function liveSession(network = networkId, host = anna): Promise<string> {
  const sessionId = await plannedSession(host, undefined, network);
  await host.api.networkLive.start.mutate({ sessionId });
  return sessionId;
}

/** A socket in a network session's live room, recording every push it is sent. */
type Watcher = { socket: LiveSocket; pushes: number[]; movedOut: string[]; closedByServer: boolean };

/** Connects with `cookie` (the one the person had then) and joins the room; like the real client, again at every connection. */
async function watch(cookie: string, sessionId: string): Promise<Watcher> {
  const socket: LiveSocket = connectSocket(server.url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
  const watcher: Watcher = { socket, pushes: [], movedOut: [], closedByServer: false };
  socket.on('networkLive.changed', (event) => watcher.pushes.push(event.seq));
  socket.on('networkLive.access_changed', (event) => watcher.movedOut.push(event.sessionId));
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') watcher.closedByServer = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  socket.on('connect', () => void socket.emitWithAck('networkLive.subscribe', { sessionId }).catch(() => {}));
  expect(await socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: true });
  return watcher;
}

const drop = (watcher: Watcher) => dropConnection(watcher.socket);

async function revive(watcher: Watcher): Promise<void> {
  await reviveConnection(watcher.socket);
  await new Promise((resolve) => setTimeout(resolve, 200));
}

/** Waits until `watcher` has `count` pushes (or 3 s passed), and a little longer for anything that would follow. */
async function settle(watcher: Watcher, count: number): Promise<void> {
  const deadline = Date.now() + 3000;
  while (watcher.pushes.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(watcher.pushes.length, 'the control socket got every push').toBeGreaterThanOrEqual(count);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

async function until(check: () => boolean, ms = 3000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  rut = await person('Rut', 'buyer', 'Landstinget Mitt');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  for (const visitor of [anna, rut]) await moderator.api.organisations.verify.mutate({ organisationId: await organisationOf(visitor) });
  ({ networkId } = await anna.api.networks.create.mutate({ name: 'Vårdens sensornätverk', arenaId: 'healthcare', joining: 'on-request' }));
  bengt = await member('Bengt');
});

afterAll(async () => {
  await server?.stop();
});

describe('a member’s person in the room', () => {
  it('waits for the host, asks once it is open, and every member’s socket in the room is told at once', async () => {
    const sessionId = await plannedSession(bengt, 'Bengts kravmöte');
    expect(await anna.api.networkLive.get.query({ sessionId })).toMatchObject({ status: 'waiting', questions: [], networkId, title: 'Bengts kravmöte', viewer: { isHost: true, mayAsk: false } });
    expect((await refusal(bengt.api.networkLive.ask.mutate({ sessionId, body: 'För tidigt?' })))?.appCode).toBe('SESSION_NOT_LIVE');
    const annas = await watch(anna.cookie(), sessionId);
    // Whoever scheduled it hosts it (Bengt's organisation is no admin); so does the admin organisation's Anna.
    await bengt.api.networkLive.start.mutate({ sessionId });
    await settle(annas, 1);
    const { questionId } = await anna.api.networkLive.ask.mutate({ sessionId, body: 'Vilka krav delar vi?' });
    await settle(annas, 2);
    const room = await bengt.api.networkLive.get.query({ sessionId });
    expect(room).toMatchObject({ status: 'live', viewer: { isHost: true, mayAsk: true } });
    expect(room.questions).toEqual([{ id: questionId, body: 'Vilka krav delar vi?', askerName: 'Anna', organisationName: 'Region Norr', askedAt: expect.any(String), hidden: null }]);
    await anna.api.networkLive.end.mutate({ sessionId });
    await settle(annas, 3);
    expect((await refusal(anna.api.networkLive.ask.mutate({ sessionId, body: 'Efter slutet?' })))?.appCode).toBe('SESSION_CLOSED');
    expect((await refusal(bengt.api.networkLive.start.mutate({ sessionId })))?.appCode).toBe('SESSION_CLOSED');
    expect((await anna.api.networkLive.get.query({ sessionId })).questions).toHaveLength(1);
    annas.socket.disconnect();
  });

  it('is hosted by whoever scheduled it or an admin organisation’s person only: a plain member cannot start, end or hide', async () => {
    const sessionId = await liveSession();
    const { questionId } = await bengt.api.networkLive.ask.mutate({ sessionId, body: 'Får vi dela underlaget?' });
    for (const call of [bengt.api.networkLive.end.mutate({ sessionId }), bengt.api.networkLive.hideQuestion.mutate({ questionId, reason: 'Inte min sak.' })]) {
      expect((await refusal(call))?.appCode).toBe('FORBIDDEN');
    }
    expect((await bengt.api.networkLive.get.query({ sessionId })).viewer).toEqual({ isHost: false, mayAsk: true });
  });

  it('shows a hidden question’s reason to the room and its text to the hosts alone, and keeps it on record', async () => {
    const sessionId = await liveSession();
    const { questionId } = await bengt.api.networkLive.ask.mutate({ sessionId, body: 'Vad kostar leverantör X?' });
    expect((await refusal(anna.api.networkLive.hideQuestion.mutate({ questionId, reason: 'x' })))?.appCode).toBe('VALIDATION');
    await anna.api.networkLive.hideQuestion.mutate({ questionId, reason: 'Hör inte till mötet.' });
    await anna.api.networkLive.hideQuestion.mutate({ questionId, reason: 'En andra gång.' });
    expect((await bengt.api.networkLive.get.query({ sessionId })).questions).toMatchObject([{ id: questionId, body: null, hidden: { reason: 'Hör inte till mötet.' } }]);
    expect((await anna.api.networkLive.get.query({ sessionId })).questions).toMatchObject([{ id: questionId, body: 'Vad kostar leverantör X?', hidden: { reason: 'Hör inte till mötet.' } }]);
    await server.settled();
    const hidden = await moderator.api.audit.list.query({ action: 'network.live_question_hidden' });
    expect(hidden.filter((entry) => entry.subject.questionId === questionId)).toHaveLength(1);
    expect(JSON.stringify(hidden)).not.toContain('leverantör X');
    // The asker's own data export holds the question, hidden or not, with why.
    expect((await bengt.api.accounts.exportMyData.query()).networkLiveQuestions).toContainEqual({
      networkId,
      sessionId,
      at: expect.any(String),
      body: 'Vad kostar leverantör X?',
      hidden: { at: expect.any(String), reason: 'Hör inte till mötet.' },
    });
  });

  it('refuses a question too short or too long, and stores nothing', async () => {
    const sessionId = await liveSession();
    for (const body of ['x', 'y'.repeat(501)]) expect((await refusal(bengt.api.networkLive.ask.mutate({ sessionId, body })))?.appCode).toBe('VALIDATION');
    expect((await bengt.api.networkLive.get.query({ sessionId })).questions).toEqual([]);
  });
});

describe('outsiders probing the room', () => {
  it('get exactly the answer about a missing session, on every procedure and the socket, and change nothing', async () => {
    const sessionId = await liveSession();
    const { questionId } = await bengt.api.networkLive.ask.mutate({ sessionId, body: 'Hemlig kravfråga?' });
    const missingSession = randomBytes(12).toString('hex');
    const missingQuestion = randomBytes(12).toString('hex');
    const probes: [string, 'query' | 'mutation', (session: string, question: string) => unknown][] = [
      ['networkLive.get', 'query', (session) => ({ sessionId: session })],
      ['networkLive.start', 'mutation', (session) => ({ sessionId: session })],
      ['networkLive.end', 'mutation', (session) => ({ sessionId: session })],
      ['networkLive.ask', 'mutation', (session) => ({ sessionId: session, body: 'Utifrån?' })],
      ['networkLive.hideQuestion', 'mutation', (_, question) => ({ questionId: question, reason: 'Utifrån döljer.' })],
    ];
    for (const [label, prober] of [['supplier', sune], ['other buyer', rut], ['moderator', moderator], ['anonymous', anonymous]] as const) {
      for (const [procedure, kind, input] of probes) {
        const hidden = await rawCall(server, prober, procedure, kind, input(sessionId, questionId));
        const absent = await rawCall(server, prober, procedure, kind, input(missingSession, missingQuestion));
        const asMissing = hidden.body.replaceAll(sessionId, missingSession).replaceAll(questionId, missingQuestion);
        expect({ label, procedure, status: hidden.status, body: asMissing }).toEqual({ label, procedure, status: absent.status, body: absent.body });
        expect(hidden.status, `${label} ${procedure}`).not.toBe(200);
      }
      const socket = await prober.connect();
      expect(await socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual(await socket.emitWithAck('networkLive.subscribe', { sessionId: missingSession }));
      expect(await socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
      socket.disconnect();
    }
    expect(await anna.api.networkLive.get.query({ sessionId })).toMatchObject({ status: 'live', questions: [{ id: questionId, hidden: null }] });
  });
});

type Path = {
  name: string;
  /** The member (of a fresh organisation) whose right is taken. */
  who: () => Promise<Visitor>;
  change: (person: Visitor, sessionId: string) => Promise<void>;
  /** Whether the open socket is closed (the person's standing changed) rather than taken out of the room alone. */
  closes: boolean;
  /** Who asks and watches as the control after the change (Anna, unless the change closed the room to her too). */
  control?: () => Promise<{ visitor: Visitor; sessionId: string }>;
};

/**
 * A member's person watches the room on two sockets; one drops, the change is made, a question is
 * asked at once, the dropped one comes back with its old cookie, another question is asked. The
 * open socket is taken out (or closed), neither is sent anything after the change, the revived one
 * is refused the room, and over HTTP the room answers as a missing session.
 */
async function replay(path: Path): Promise<void> {
  const person = await path.who();
  const sessionId = await liveSession();
  const cookie = person.cookie();
  const open = await watch(cookie, sessionId);
  const revived = await watch(cookie, sessionId);
  const control = await watch(anna.cookie(), sessionId);
  await anna.api.networkLive.ask.mutate({ sessionId, body: `${path.name}: före?` });
  await settle(control, 1);
  expect([open.pushes.length, revived.pushes.length], 'both of the member’s sockets are told before the change').toEqual([1, 1]);

  await drop(revived);
  await path.change(person, sessionId);
  // The race an attacker would use: asked at once, before anyone waited for the change to reach the live layer.
  await anna.api.networkLive.ask.mutate({ sessionId, body: `${path.name}: direkt efter?` });
  if (path.closes) expect(await until(() => open.closedByServer), 'the open socket is closed by the server').toBe(true);
  else expect(await until(() => open.movedOut.length > 0), 'the open socket is taken out of the room').toBe(true);
  await revive(revived);
  expect(await revived.socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
  await anna.api.networkLive.ask.mutate({ sessionId, body: `${path.name}: senare?` });
  await settle(control, 3);

  expect({ open: open.pushes.length, revived: revived.pushes.length }, 'nothing reaches either socket after the change').toEqual({ open: 1, revived: 1 });
  if (!path.closes) expect(open.movedOut).toEqual([sessionId]);
  expect((await refusal(person.api.networkLive.get.query({ sessionId })))?.appCode).toBe('NOT_FOUND');
  for (const watcher of [open, revived, control]) watcher.socket.disconnect();
}

describe('losing the right stops delivery at once, on an open socket and a reconnecting one', () => {
  it('when the organisation leaves the network', async () => {
    await replay({ name: 'leave', who: () => member('Cilla'), change: (p) => p.api.networks.leave.mutate({ networkId, reason: 'Vi avvaktar.' }).then(() => {}), closes: false });
  });

  it('when the organisation is removed', async () => {
    await replay({
      name: 'removal',
      who: () => member('Dan'),
      change: async (p) => void (await anna.api.networks.remove.mutate({ networkId, organisationId: await organisationOf(p), reason: 'Har gått vidare.' })),
      closes: false,
    });
  });

  it('when the organisation loses its verification', async () => {
    await replay({
      name: 'verification',
      who: () => member('Erik'),
      change: async (p) => void (await moderator.api.organisations.rejectVerification.mutate({ organisationId: await organisationOf(p), reason: 'Organisationsnumret stämmer inte.' })),
      closes: true,
    });
  });

  it('on logout', async () => {
    await replay({ name: 'logout', who: () => member('Frida'), change: (p) => p.api.accounts.logout.mutate().then(() => {}), closes: true });
  });

  it('when the account is blocked', async () => {
    await replay({
      name: 'block',
      who: () => member('Gustav'),
      change: async (p) => void (await moderator.api.accounts.block.mutate({ userId: (await p.api.accounts.me.query())?.id ?? '' })),
      closes: true,
    });
  });

  it('when the person’s session runs out (the clock moves past the idle limit, and the push comes before the periodic sweep)', async () => {
    await replay({
      name: 'idle expiry',
      who: () => member('Hanna'),
      change: async () => {
        // Anna and Bengt stay active over HTTP; the member's session runs out of idle time.
        server.clock.advance(100 * 60_000);
        await Promise.all([anna.api.accounts.me.query(), bengt.api.accounts.me.query()]);
        server.clock.advance(21 * 60_000);
      },
      closes: true,
    });
  });

  it('when the session is cancelled: everyone is taken out, and nobody is let back in', async () => {
    const sessionId = await liveSession();
    const bengts = await watch(bengt.cookie(), sessionId);
    const annas = await watch(anna.cookie(), sessionId);
    await anna.api.networkLive.ask.mutate({ sessionId, body: 'Före inställningen?' });
    await settle(annas, 1);
    await anna.api.networks.cancelSession.mutate({ sessionId, reason: 'Mötet ställs in.' });
    expect(await until(() => bengts.movedOut.length > 0 && annas.movedOut.length > 0)).toBe(true);
    expect((await refusal(anna.api.networkLive.ask.mutate({ sessionId, body: 'Efter inställningen?' })))?.appCode).toBe('NOT_FOUND');
    expect(await bengts.socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([bengts.pushes.length, annas.pushes.length]).toEqual([1, 1]);
    for (const watcher of [bengts, annas]) watcher.socket.disconnect();
  });

  it('when the network is dissolved: every member is taken out, the admin too, and the room answers as missing', async () => {
    const { networkId: doomed } = await anna.api.networks.create.mutate({ name: 'Kortlivat nätverk', arenaId: 'healthcare', joining: 'on-request' });
    await anna.api.networks.invite.mutate({ networkId: doomed, organisationId: await organisationOf(bengt) });
    await bengt.api.networks.answerInvitation.mutate({ networkId: doomed, accept: true });
    const sessionId = await liveSession(doomed);
    const bengts = await watch(bengt.cookie(), sessionId);
    const revived = await watch(bengt.cookie(), sessionId);
    const annas = await watch(anna.cookie(), sessionId);
    await anna.api.networkLive.ask.mutate({ sessionId, body: 'Före upplösningen?' });
    await settle(annas, 1);
    await drop(revived);
    await anna.api.networks.dissolve.mutate({ networkId: doomed, reason: 'Upphandlingen är gjord.' });
    expect((await refusal(anna.api.networkLive.ask.mutate({ sessionId, body: 'Efter upplösningen?' })))?.appCode).toBe('NOT_FOUND');
    expect(await until(() => bengts.movedOut.length > 0 && annas.movedOut.length > 0)).toBe(true);
    await revive(revived);
    expect(await revived.socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect([bengts.pushes.length, revived.pushes.length, annas.pushes.length]).toEqual([1, 1, 1]);
    expect((await refusal(bengt.api.networkLive.get.query({ sessionId })))?.appCode).toBe('NOT_FOUND');
    // The session itself stays on the dissolved network's record for its members.
    expect((await bengt.api.networks.session.query({ sessionId })).title).toMatch(/^Kravmöte/);
    for (const watcher of [bengts, revived, annas]) watcher.socket.disconnect();
  });
});
