// A hostile tester's variants of old attacks on what the last session added, over the real server
// with @trpc/client and socket.io-client: a network session's live room, network sessions in the
// personal calendar feed, editing a network session, library item pages' live room and library files
// in open data. Each right-losing path not replayed elsewhere (removed from the organisation, acting
// for another one, an organisation merged into an unverified one; logout, block and expiry on a
// registered-only library item's room) must end the pushes on an open socket and on one that comes
// back with its old cookie, and the calendar feed's entries; a hidden question names nobody to the
// room; a merged organisation's questions name the survivor; odd and operator-laden input is refused;
// a network library file is in no open data answer or search hit; an edited agenda or address adds
// no line to a calendar feed.
import { libraryFileDownloadPath, libraryFileUploadPath, networkFileUploadPath } from '@dialogforum/contracts';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_BASE } from '../../src/modules/open-data/routes.ts';
import { dropConnection, reviveConnection } from '../support/dropped-socket.ts';
import { parseCalendar } from '../support/icalendar.ts';
import { organisationOf, rawCall, signUpPeople } from '../support/people.ts';
import { refusal } from '../support/refusal.ts';
import { samplePdf } from '../support/sample-files.ts';
import { startTestServer, type LiveSocket, type TestServer, type Visitor } from '../support/test-server.ts';
import { uploadTo } from '../support/uploads.ts';
import { libraryItem } from '../support/library-item.ts';

let server: TestServer;
const PASSWORD = 'fientliga varianter av gamla angrepp';
const DOMAIN = 'network-live-hostile.example';
let moderator: Visitor;
let anna: Visitor; // Region Norr: forms the network (its admin organisation), hosts
let bengt: Visitor; // Kommun Syd: a plain member, who watches
let networkId = '';
let counter = 0;
const year = new Date().getUTCFullYear() + 1;

async function person(name: string, representation: 'buyer' | 'supplier' = 'buyer', organisationName?: string): Promise<Visitor> {
  counter += 1;
  return signUpPeople(server, DOMAIN, PASSWORD)(`${name}${counter}`, representation, organisationName ?? `${name}s organisation ${counter}`);
}

const userIdOf = async (visitor: Visitor) => (await visitor.api.accounts.me.query())?.id ?? '';

/** A new verified buyer organisation's person, whose organisation joins the network. */
async function member(name: string, organisationName?: string): Promise<Visitor> {
  const visitor = await person(name, 'buyer', organisationName);
  await anna.api.networks.invite.mutate({ networkId, organisationId: await organisationOf(visitor) });
  await visitor.api.networks.answerInvitation.mutate({ networkId, accept: true });
  return visitor;
}

const planned = (capacity = 20) => {
  counter += 1;
  const day = new Date(Date.UTC(year, 3, 1) + counter * 24 * 3_600_000).toISOString().slice(0, 10);
  return {
    networkId,
    title: `Fientligt möte ${counter}`,
    agenda: 'Vi prövar gränserna.',
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:00`,
    timeZone: 'Europe/Stockholm',
    format: 'online' as const,
    meetingLink: 'https://meet.example/hemlig-lank',
    capacity,
  };
};

async function liveSession(): Promise<string> {
  const { sessionId } = await anna.api.networks.scheduleSession.mutate(planned());
  await anna.api.networkLive.start.mutate({ sessionId });
  return sessionId;
}

type Watcher = { socket: LiveSocket; pushes: number; movedOut: number; closedByServer: boolean };

/** A socket with `cookie` in `room` (joined again at every connection, like the real client). */
async function watch(cookie: string, event: 'networkLive.subscribe' | 'libraryItem.subscribe', input: { sessionId: string } | { itemId: string }): Promise<Watcher> {
  const socket: LiveSocket = connectSocket(server.url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false, forceNew: true });
  const watcher: Watcher = { socket, pushes: 0, movedOut: 0, closedByServer: false };
  socket.on('networkLive.changed', () => (watcher.pushes += 1));
  socket.on('libraryItem.changed', () => (watcher.pushes += 1));
  socket.on('networkLive.access_changed', () => (watcher.movedOut += 1));
  socket.on('libraryItem.access_changed', () => (watcher.movedOut += 1));
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') watcher.closedByServer = true;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const join = () => (socket.emitWithAck as (name: string, input: unknown) => Promise<unknown>)(event, input);
  socket.on('connect', () => void join().catch(() => {}));
  expect(await join()).toEqual({ ok: true });
  return watcher;
}

async function until(check: () => boolean, ms = 4000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

const pause = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A person loses the network live room by `loss`: their open socket is closed by the server at the
 * next push, one that was away and comes back with the old cookie is refused, and neither hears
 * another question.
 */
async function expectRoomLostBy(cookie: string, sessionId: string, loss: () => Promise<unknown>): Promise<void> {
  const open = await watch(cookie, 'networkLive.subscribe', { sessionId });
  const revived = await watch(cookie, 'networkLive.subscribe', { sessionId });
  await dropConnection(revived.socket);
  await loss();
  await anna.api.networkLive.ask.mutate({ sessionId, body: 'Direkt efter?' });
  expect(await until(() => open.closedByServer)).toBe(true);
  await reviveConnection(revived.socket);
  expect(await revived.socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
  await anna.api.networkLive.ask.mutate({ sessionId, body: 'Senare?' });
  await pause();
  expect({ open: open.pushes, revived: revived.pushes }).toEqual({ open: 0, revived: 0 });
  for (const watcher of [open, revived]) watcher.socket.disconnect();
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  ({ networkId } = await anna.api.networks.create.mutate({ name: 'Fientliga nätverket', arenaId: 'healthcare', joining: 'invitation' }));
  bengt = await member('Bengt', 'Kommun Syd');
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('a hidden question in a network live room', () => {
  it('names neither its asker nor their organisation to the room, only to the hosts', async () => {
    const sessionId = await liveSession();
    const asker = await member('Vera', 'Kommun Hemlig');
    const { questionId } = await asker.api.networkLive.ask.mutate({ sessionId, body: 'Vad kostar leverantör Y egentligen?' });
    await anna.api.networkLive.hideQuestion.mutate({ questionId, reason: 'Hör inte hit.' });
    const roomView = await bengt.api.networkLive.get.query({ sessionId });
    expect(roomView.questions).toEqual([{ id: questionId, body: null, askerName: null, organisationName: null, askedAt: expect.any(String), hidden: { reason: 'Hör inte hit.' } }]);
    // Not anywhere in the answer either, as the client would never look for it.
    const raw = await rawCall(server, bengt, 'networkLive.get', 'query', { sessionId });
    expect(raw.body).not.toContain('Vera');
    expect(raw.body).not.toContain('Kommun Hemlig');
    // The hosts still see who asked, and what.
    expect((await anna.api.networkLive.get.query({ sessionId })).questions).toMatchObject([{ id: questionId, body: 'Vad kostar leverantör Y egentligen?', askerName: expect.stringMatching(/^Vera/), organisationName: 'Kommun Hemlig' }]);
  });
});

describe('an organisation merge', () => {
  it('makes a merged organisation’s questions name the survivor, not the duplicate', async () => {
    const sessionId = await liveSession();
    const asker = await member('Wilma', 'Dubblettkommunen');
    const survivor = await member('Xena', 'Riktiga kommunen');
    await asker.api.networkLive.ask.mutate({ sessionId, body: 'Fråga före sammanslagningen?' });
    await moderator.api.organisations.merge.mutate({ organisationId: await organisationOf(asker), intoOrganisationId: await organisationOf(survivor) });
    await server.settled();
    const [question] = (await anna.api.networkLive.get.query({ sessionId })).questions;
    expect(question?.organisationName).toBe('Riktiga kommunen');
  });

  it('into an unverified organisation ends the room and the feed’s entries for the duplicate’s people, and a revived socket is not let in', async () => {
    const sessionId = await liveSession();
    const merged = await member('Ylva', 'Sammanslagna kommunen');
    const unverified = await person('Zorro', 'buyer', 'Overifierade kommunen');
    const unverifiedId = await organisationOf(unverified);
    await moderator.api.organisations.rejectVerification.mutate({ organisationId: unverifiedId, reason: 'Organisationsnumret saknas.' });
    await merged.api.networks.registerForSession.mutate({ sessionId });
    const feed = (await merged.api.calendar.createFeed.mutate({ scope: 'person' })).url;
    const feedPath = new URL(feed).pathname;
    expect(await (await fetch(`${server.url}${feedPath}`)).text()).toContain('hemlig-lank');
    const open = await watch(merged.cookie(), 'networkLive.subscribe', { sessionId });
    const revived = await watch(merged.cookie(), 'networkLive.subscribe', { sessionId });
    await dropConnection(revived.socket);
    await moderator.api.organisations.merge.mutate({ organisationId: await organisationOf(merged), intoOrganisationId: unverifiedId });
    await anna.api.networkLive.ask.mutate({ sessionId, body: 'Direkt efter sammanslagningen?' });
    expect(await until(() => open.closedByServer)).toBe(true);
    await reviveConnection(revived.socket);
    expect(await revived.socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    await server.settled();
    await anna.api.networkLive.ask.mutate({ sessionId, body: 'Senare?' });
    await pause();
    expect({ open: open.pushes, revived: revived.pushes }).toEqual({ open: 0, revived: 0 });
    expect((await refusal(merged.api.networkLive.get.query({ sessionId })))?.appCode).toBe('NOT_FOUND');
    const text = await (await fetch(`${server.url}${feedPath}`)).text();
    expect(parseCalendar(text).events).toEqual([]);
    expect(text).not.toContain('hemlig-lank');
    for (const watcher of [open, revived]) watcher.socket.disconnect();
  });
});

/** A person who joins `owner`'s organisation (a member of the network) and acts for it; their own organisation is outside. */
async function colleagueOf(owner: Visitor, name: string): Promise<{ visitor: Visitor; userId: string; organisationId: string }> {
  const visitor = await person(name);
  const userId = await userIdOf(visitor);
  const organisationId = await organisationOf(owner);
  await visitor.api.organisations.requestToJoin.mutate({ organisationId });
  const request = (await owner.api.organisations.get.query({ organisationId })).joinRequests?.find((candidate) => candidate.userId === userId);
  await owner.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true });
  await visitor.api.organisations.actFor.mutate({ organisationId });
  return { visitor, userId, organisationId };
}

describe('a person’s standing in their organisation', () => {
  for (const path of [
    { name: 'removed from the member organisation by its owner', change: async (owner: Visitor, c: { userId: string; organisationId: string }) => void (await owner.api.organisations.removeMember.mutate({ organisationId: c.organisationId, userId: c.userId })) },
    { name: 'acting for their other organisation, outside the network', change: async (_: Visitor, c: { visitor: Visitor; own: string }) => void (await c.visitor.api.organisations.actFor.mutate({ organisationId: c.own })) },
  ]) {
    it(`${path.name}: the open socket is closed, a revived one refused, the feed empty, the room missing`, async () => {
      const owner = await member('Ake');
      const colleague = await colleagueOf(owner, 'Orjan');
      // The organisation the colleague created on signing up, which is not in the network.
      const own = (await colleague.visitor.api.organisations.mine.query()).map((organisation) => organisation.id).find((id) => id !== colleague.organisationId) ?? '';
      expect(own).not.toBe('');
      const sessionId = await liveSession();
      await colleague.visitor.api.networks.registerForSession.mutate({ sessionId });
      const feedPath = new URL((await colleague.visitor.api.calendar.createFeed.mutate({ scope: 'person' })).url).pathname;
      expect(await (await fetch(`${server.url}${feedPath}`)).text()).toContain('hemlig-lank');
      await expectRoomLostBy(colleague.visitor.cookie(), sessionId, () => path.change(owner, { ...colleague, own } as never));
      expect((await refusal(colleague.visitor.api.networkLive.get.query({ sessionId })))?.appCode).toBe('NOT_FOUND');
      const text = await (await fetch(`${server.url}${feedPath}`)).text();
      expect(text).not.toContain('hemlig-lank');
      expect(parseCalendar(text).events).toEqual([]);
    });
  }
});

describe('the room to a member of another network, and to an erased member', () => {
  it('answers a member of another network byte for byte as about a missing session', async () => {
    const sessionId = await liveSession();
    const outsider = await person('Olle', 'buyer', 'Annat nätverks kommun');
    await outsider.api.networks.create.mutate({ name: 'Ett annat nätverk', arenaId: 'healthcare', joining: 'invitation' });
    const missing = 'f'.repeat(24);
    for (const procedure of ['networkLive.get', 'networkLive.start', 'networkLive.end'] as const) {
      const kind = procedure === 'networkLive.get' ? 'query' : 'mutation';
      const hidden = await rawCall(server, outsider, procedure, kind, { sessionId });
      const absent = await rawCall(server, outsider, procedure, kind, { sessionId: missing });
      expect({ status: hidden.status, body: hidden.body.replaceAll(sessionId, missing) }).toEqual({ status: absent.status, body: absent.body });
    }
    const socket = await outsider.connect();
    expect(await socket.emitWithAck('networkLive.subscribe', { sessionId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
    socket.disconnect();
  });

  it('closes an erased member’s open socket, refuses the revived one, and leaves no feed', async () => {
    const sessionId = await liveSession();
    const leaving = await member('Rolf');
    await leaving.api.networkLive.ask.mutate({ sessionId, body: 'Vem minns mig sedan?' });
    const feedPath = new URL((await leaving.api.calendar.createFeed.mutate({ scope: 'person' })).url).pathname;
    await expectRoomLostBy(leaving.cookie(), sessionId, () => leaving.api.accounts.erase.mutate({ password: PASSWORD }));
    expect((await fetch(`${server.url}${feedPath}`)).status).toBe(404);
    // The room keeps the question under the pseudonym, not the name.
    const [question] = (await anna.api.networkLive.get.query({ sessionId })).questions;
    expect(question?.askerName).toMatch(/^Removed user/);
  });
});

describe('a calendar feed token', () => {
  it('answers as one that never was once revoked, and once replaced by a new one', async () => {
    const sessionId = (await anna.api.networks.scheduleSession.mutate(planned())).sessionId;
    await bengt.api.networks.registerForSession.mutate({ sessionId });
    const first = await bengt.api.calendar.createFeed.mutate({ scope: 'person' });
    const never = `${server.url}${new URL(first.url).pathname.replace(/[^/]+\.ics$/, `${'A'.repeat(43)}.ics`)}`;
    const neverAnswer = await (await fetch(never)).text();
    const firstPath = `${server.url}${new URL(first.url).pathname}`;
    expect(await (await fetch(firstPath)).text()).toContain('hemlig-lank');
    const second = await bengt.api.calendar.createFeed.mutate({ scope: 'person' });
    const replaced = await fetch(firstPath);
    expect({ status: replaced.status, body: await replaced.text() }).toEqual({ status: 404, body: neverAnswer });
    const secondPath = `${server.url}${new URL(second.url).pathname}`;
    expect(await (await fetch(secondPath)).text()).toContain('hemlig-lank');
    await bengt.api.calendar.revokeFeed.mutate({ feedId: second.feedId });
    const revoked = await fetch(secondPath);
    expect({ status: revoked.status, body: await revoked.text() }).toEqual({ status: 404, body: neverAnswer });
  });
});

describe('an edited session and its places', () => {
  it('never ends with more registered than places, whatever order edits and registrations race in', async () => {
    const people = await Promise.all(['Ebba', 'Fred', 'Gun', 'Hugo'].map((name) => member(name)));
    const sessionId = (await anna.api.networks.scheduleSession.mutate(planned(4))).sessionId;
    await people[0]!.api.networks.registerForSession.mutate({ sessionId });
    const { networkId: _, ...base } = planned(2);
    const edits = [2, 1, 3].map((capacity) => anna.api.networks.editSession.mutate({ ...base, sessionId, capacity }));
    const registrations = people.slice(1).map((p) => p.api.networks.registerForSession.mutate({ sessionId }));
    await Promise.allSettled([...edits, ...registrations]);
    const session = await anna.api.networks.session.query({ sessionId });
    expect(session.registeredCount).toBeLessThanOrEqual(session.capacity);
    expect(session.registeredCount).toBeGreaterThanOrEqual(1);
    // At exactly full, one more is refused; fewer places than registered are refused.
    await anna.api.networks.editSession.mutate({ ...base, sessionId, capacity: session.registeredCount });
    const extra = await member('Ivar');
    expect((await refusal(extra.api.networks.registerForSession.mutate({ sessionId })))?.appCode).toBe('REGISTRATION_CLOSED');
    expect((await refusal(anna.api.networks.editSession.mutate({ ...base, sessionId, capacity: session.registeredCount - 1 })))?.appCode).toBe('VALIDATION');
    expect((await anna.api.networks.session.query({ sessionId })).capacity).toBe(session.registeredCount);
  });
});

describe('odd and operator-laden input on the new procedures and socket events', () => {
  it('is refused as invalid, changes nothing and leaves the server answering', async () => {
    const sessionId = await liveSession();
    const operators: unknown[] = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, ['x'], null, 12, 'x'.repeat(100_000), '../../etc', '', 'a b'];
    for (const value of operators) {
      for (const [procedure, kind, input] of [
        ['networkLive.get', 'query', { sessionId: value }],
        ['networkLive.start', 'mutation', { sessionId: value }],
        ['networkLive.end', 'mutation', { sessionId: value }],
        ['networkLive.ask', 'mutation', { sessionId: value, body: 'En fråga?' }],
        ...(typeof value === 'string' && value.length < 1000 ? [] : ([['networkLive.ask', 'mutation', { sessionId, body: value }]] as const)),
        ['networkLive.hideQuestion', 'mutation', { questionId: value, reason: 'Ett skäl här.' }],
        ['networks.editSession', 'mutation', { ...planned(), networkId: undefined, sessionId: value }],
        ['networks.editSession', 'mutation', { ...planned(), networkId: undefined, sessionId, capacity: value }],
      ] as const) {
        const answer = await rawCall(server, bengt, procedure, kind, input);
        expect({ procedure, value: String(value).slice(0, 20), status: answer.status }).toEqual({ procedure, value: String(value).slice(0, 20), status: expect.any(Number) });
        expect(answer.status, `${procedure} ${JSON.stringify(value).slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
      }
    }
    for (const capacity of [0, -1, 1.5, 1e12, Number.MAX_SAFE_INTEGER]) {
      const answer = await rawCall(server, anna, 'networks.editSession', 'mutation', { ...planned(), networkId: undefined, sessionId, capacity });
      expect(answer.status, `capacity ${capacity}`).toBe(400);
    }
    const socket = await bengt.connect();
    // A frame over the socket's 16 kB limit closes that socket alone (socket-server.ts), so the long value is sent last, below.
    for (const value of operators.filter((candidate) => !(typeof candidate === 'string' && candidate.length > 10_000))) {
      expect(await socket.emitWithAck('networkLive.subscribe', { sessionId: value } as never)).toMatchObject({ ok: false });
      expect(await socket.emitWithAck('libraryItem.subscribe', { itemId: value } as never)).toMatchObject({ ok: false });
    }
    expect(await socket.emitWithAck('networkLive.subscribe', { sessionId, extra: { $ne: 1 } } as never)).toMatchObject({ ok: false });
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.emit('networkLive.subscribe', { sessionId: 'x'.repeat(100_000) } as never, () => {});
    await closed;
    expect(await bengt.api.networkLive.get.query({ sessionId })).toMatchObject({ status: 'live', questions: [] });
  });
});


describe('a registered-only library item’s room', () => {
  const paths: { name: string; change: (reader: Visitor) => Promise<void> }[] = [
    { name: 'logout', change: async (reader) => void (await reader.api.accounts.logout.mutate()) },
    { name: 'block', change: async (reader) => void (await moderator.api.accounts.block.mutate({ userId: await userIdOf(reader) })) },
    {
      name: 'idle expiry',
      change: async () => {
        server.clock.advance(100 * 60_000);
        await Promise.all([anna.api.accounts.me.query(), moderator.api.accounts.me.query()]);
        server.clock.advance(21 * 60_000);
      },
    },
  ];
  for (const path of paths) {
    it(`sends nothing more after ${path.name}, on the open socket or a revived one`, async () => {
      const pdf = await samplePdf('Underlag');
      const reader = await person('Lasse', 'supplier');
      const { itemId } = await anna.api.library.publish.mutate(libraryItem('registered', `Internt underlag ${path.name}`));
      const open = await watch(reader.cookie(), 'libraryItem.subscribe', { itemId });
      const revived = await watch(reader.cookie(), 'libraryItem.subscribe', { itemId });
      const control = await watch(anna.cookie(), 'libraryItem.subscribe', { itemId });
      await dropConnection(revived.socket);
      await path.change(reader);
      expect((await uploadTo(server, anna.cookie(), libraryFileUploadPath(itemId), pdf, 'Direkt-efter.pdf')).status).toBe(201);
      expect(await until(() => control.pushes >= 1)).toBe(true);
      await reviveConnection(revived.socket);
      expect(await revived.socket.emitWithAck('libraryItem.subscribe', { itemId })).toEqual({ ok: false, appCode: 'NOT_FOUND' });
      expect((await uploadTo(server, anna.cookie(), libraryFileUploadPath(itemId), pdf, 'Senare.pdf')).status).toBe(201);
      expect(await until(() => control.pushes >= 2)).toBe(true);
      await pause();
      expect({ open: open.pushes, revived: revived.pushes }).toEqual({ open: 0, revived: 0 });
      expect(open.closedByServer || open.movedOut > 0).toBe(true);
      for (const watcher of [open, revived, control]) watcher.socket.disconnect();
    });
  }
});

describe('library files in open data', () => {
  it('are no longer named once a public item is revised to registered-only', async () => {
    const pdf = await samplePdf('Mall');
    const { itemId } = await anna.api.library.publish.mutate(libraryItem('public', 'Snart stängd mall'));
    const upload = await uploadTo(server, anna.cookie(), libraryFileUploadPath(itemId), pdf, 'Snart-hemlig-mall.pdf');
    expect(upload.status).toBe(201);
    const list = async () => (await fetch(`${server.url}${OPEN_DATA_BASE}/library?arena=healthcare`)).text();
    expect(await list()).toContain('Snart-hemlig-mall.pdf');
    await anna.api.library.revise.mutate({ ...libraryItem('registered', 'Snart stängd mall'), itemId, note: 'Bara för inloggade' });
    expect(await list()).not.toContain('Snart-hemlig-mall.pdf');
    expect((await fetch(`${server.url}${OPEN_DATA_BASE}/library/${itemId}`)).status).toBe(404);
    // The download an earlier answer named is closed to a script too.
    expect((await fetch(`${server.url}${libraryFileDownloadPath(upload.body.file!.id)}`)).status).toBe(404);
  });

  it('never name a network library item’s file, in any answer of the API or in search', async () => {
    const pdf = await samplePdf('Nätverksmall');
    const { itemId } = await anna.api.networks.publishItem.mutate({ networkId, title: 'Nätverkets egen mall', body: 'Bara för medlemmarna.' });
    expect((await uploadTo(server, anna.cookie(), networkFileUploadPath(itemId), pdf, 'Natverkets-hemliga-bilaga.pdf')).status).toBe(201);
    await server.settled();
    for (const path of ['/library', '/library?arena=healthcare', '/arenas/healthcare', `/library/${itemId}`]) {
      expect(await (await fetch(`${server.url}${OPEN_DATA_BASE}${path}`)).text()).not.toContain('Natverkets-hemliga-bilaga');
    }
    for (const searcher of [server.visitor(), await person('Sixten', 'supplier')]) {
      expect(JSON.stringify(await searcher.api.search.query.query({ q: 'Natverkets hemliga bilaga' }))).not.toContain(itemId);
    }
  });
});

describe('a network session’s text in a calendar feed', () => {
  it('cannot add events or properties to the feed, however the agenda or place is edited', async () => {
    const { networkId: _, ...base } = planned();
    // Anna's feed carries the session she scheduled (Bengt's session may have run out in the idle-expiry case above).
    const { sessionId } = await anna.api.networks.scheduleSession.mutate({ ...base, networkId });
    const injected = 'Rad ett\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Falskt möte\r\nURL:https://evil.example\nATTACH:https://evil.example;x,y';
    await anna.api.networks.editSession.mutate({ ...base, sessionId, agenda: injected, format: 'hybrid', address: 'Storgatan 1; LOCATION:https://evil.example' });
    for (const title of ['Möte\r\nSUMMARY:Falskt', 'Möte\nSUMMARY:Falskt']) {
      const answer = await rawCall(server, anna, 'networks.editSession', 'mutation', { ...base, sessionId, title });
      expect(answer.status, JSON.stringify(title)).toBe(400);
    }
    const feed = await anna.api.calendar.createFeed.mutate({ scope: 'person' });
    const text = await (await fetch(`${server.url}${new URL(feed.url).pathname}`)).text();
    const mine = parseCalendar(text).events.filter((event) => event.summary === base.title);
    expect(mine).toHaveLength(1);
    expect(parseCalendar(text).events.map((event) => event.summary)).not.toContain('Falskt möte');
    // Every line the feed has is its own: none the agenda or address brought in.
    expect(text).not.toMatch(/^(URL:https:\/\/evil|ATTACH|SUMMARY:Falskt|LOCATION:https:\/\/evil)/m);
    expect(text.split(/\r\n/).filter((line) => line.startsWith('LOCATION')).some((line) => line.includes('evil.example') && !line.includes('\\;'))).toBe(false);
  });
});
