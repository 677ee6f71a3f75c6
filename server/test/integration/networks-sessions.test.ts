// A buyers' network's own sessions (issue 11 §4), over the real server with @trpc/client and
// socket.io-client: a member's person schedules one, members' people register and only those
// registered see the meeting link; nobody else — a supplier, a buyer outside, a moderator, a visitor —
// learns a session exists (each answer byte for byte the answer about a missing one), and it is never
// in search, the dialogues' sessions, open data, public calendar files, an arena's page or the
// metrics, not even for its members (a member's own personal feed carries it: see
// networks-session-calendar.test.ts). Every way the right is lost closes it at once: leaving, removal, losing
// verification, logout, a blocked account; a dissolved network's sessions stay readable to its
// members and take no registrations. A dialogue session's live room knows nothing of a network
// session: joining it that way answers as for a missing session (its own room: networks-live-room.test.ts).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../support/refusal.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { organisationOf, rawCall, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
const PASSWORD = 'nätverkets möten är medlemmarnas';
const DOMAIN = 'network-sessions.example';
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, DOMAIN, PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, who forms the network and schedules
let bengt: Visitor; // Kommun Syd, a member who registers
let cilla: Visitor; // Stad Väst, a member that leaves
let dan: Visitor; // Region Öst, a member that is removed
let rut: Visitor; // a verified buyer outside the network
let sune: Visitor; // a supplier
let anonymous: Visitor;
const SECRET = 'Fallsensormötet';
const LINK = 'https://meet.example/fallsensor-hemligt';
const org = { syd: '', vast: '', ost: '' };
let networkId = '';
let sessionId = '';
const year = new Date().getUTCFullYear() + 1;

const raw = (visitor: Visitor, procedure: string, kind: 'query' | 'mutation', input: unknown) => rawCall(server, visitor, procedure, kind, input);
const schedule = (title: string, more: Record<string, unknown> = {}) => ({
  networkId,
  title,
  agenda: `Vi går igenom ${SECRET}s kravbild.`,
  startsAt: `${year}-03-10T10:00`,
  endsAt: `${year}-03-10T11:30`,
  timeZone: 'Europe/Stockholm',
  format: 'online' as const,
  meetingLink: LINK,
  capacity: 3,
  ...more,
});

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  cilla = await person('Cilla', 'buyer', 'Stad Väst');
  dan = await person('Dan', 'buyer', 'Region Öst');
  rut = await person('Rut', 'buyer', 'Landstinget Mitt');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  org.syd = await organisationOf(bengt);
  org.vast = await organisationOf(cilla);
  org.ost = await organisationOf(dan);
  await verifyOrganisations(moderator, [anna, bengt, cilla, dan, rut]);
  networkId = await networkOf(anna, [bengt, cilla, dan], { name: 'Vårdens sensornätverk', joining: 'on-request' });
});

afterAll(async () => {
  await server?.stop();
});

describe('scheduling and registering', () => {
  it('shows an empty list before the first session', async () => {
    expect((await bengt.api.networks.get.query({ networkId })).sessions).toEqual({ upcoming: [], past: [] });
  });

  it('lets a member schedule one, listed on the network’s page for members only', async () => {
    ({ sessionId } = await bengt.api.networks.scheduleSession.mutate(schedule(SECRET)));
    const page = await cilla.api.networks.get.query({ networkId });
    expect(page.sessions.upcoming).toEqual([
      { id: sessionId, title: SECRET, startsAt: `${year}-03-10T09:00:00.000Z`, endsAt: `${year}-03-10T10:30:00.000Z`, timeZone: 'Europe/Stockholm', format: 'online', capacity: 3, registeredCount: 0, cancelled: null },
    ]);
    expect(page.sessions.past).toEqual([]);
    // Rut may see the open network's name to ask to join, never its sessions.
    expect((await rut.api.networks.get.query({ networkId })).sessions).toEqual({ upcoming: [], past: [] });
  });

  it('refuses bad input with field issues and writes nothing', async () => {
    const bad = [schedule('Olänkat', { meetingLink: 'http://meet.example/x' }), schedule('Förr', { startsAt: `${year - 2}-03-10T10:00`, endsAt: `${year - 2}-03-10T11:00` }), schedule('Baklänges', { endsAt: `${year}-03-10T09:00` })];
    for (const input of bad) expect((await refusal(anna.api.networks.scheduleSession.mutate(input)))?.appCode).toBe('VALIDATION');
    expect((await anna.api.networks.get.query({ networkId })).sessions.upcoming).toHaveLength(1);
  });

  it('shows the meeting link to those registered and to whoever scheduled it, and fills no more places than there are', async () => {
    expect((await bengt.api.networks.session.query({ sessionId })).meetingLink).toBe(LINK);
    const before = await anna.api.networks.session.query({ sessionId });
    expect(before).toMatchObject({ networkId, networkName: 'Vårdens sensornätverk', organisationName: 'Kommun Syd', scheduledByName: 'Bengt', meetingLink: null, viewer: { registered: false, mayRegister: true, cannotRegisterBecause: null } });
    await anna.api.networks.registerForSession.mutate({ sessionId });
    await anna.api.networks.registerForSession.mutate({ sessionId }); // twice is once
    expect(await anna.api.networks.session.query({ sessionId })).toMatchObject({ meetingLink: LINK, registeredCount: 1, viewer: { registered: true, mayRegister: false } });
    await cilla.api.networks.registerForSession.mutate({ sessionId });
    await dan.api.networks.registerForSession.mutate({ sessionId });
    expect((await bengt.api.networks.session.query({ sessionId })).viewer).toEqual({ registered: false, mayRegister: false, cannotRegisterBecause: 'full', mayCancel: true, mayEdit: true });
    expect((await refusal(bengt.api.networks.registerForSession.mutate({ sessionId })))?.appCode).toBe('REGISTRATION_CLOSED');
    await dan.api.networks.unregisterFromSession.mutate({ sessionId });
    expect((await dan.api.networks.session.query({ sessionId })).meetingLink).toBeNull();
    await bengt.api.networks.registerForSession.mutate({ sessionId });
    expect((await bengt.api.networks.get.query({ networkId })).sessions.upcoming[0]?.registeredCount).toBe(3);
  });
});

describe('outsiders probing a session', () => {
  it('get exactly the answer about a session or network that does not exist, and change nothing', async () => {
    const missingSession = randomBytes(12).toString('hex');
    const missingNetwork = randomBytes(12).toString('hex');
    const probes: [string, 'query' | 'mutation', (session: string, network: string) => unknown][] = [
      ['networks.session', 'query', (session) => ({ sessionId: session })],
      ['networks.registerForSession', 'mutation', (session) => ({ sessionId: session })],
      ['networks.unregisterFromSession', 'mutation', (session) => ({ sessionId: session })],
      ['networks.cancelSession', 'mutation', (session) => ({ sessionId: session, reason: 'Utifrån ställer in' })],
      ['networks.scheduleSession', 'mutation', (_, network) => ({ ...schedule('Utifrån'), networkId: network })],
    ];
    for (const [label, prober] of [['supplier', sune], ['other buyer', rut], ['moderator', moderator], ['anonymous', anonymous]] as const) {
      for (const [procedure, kind, input] of probes) {
        const hidden = await raw(prober, procedure, kind, input(sessionId, networkId));
        const absent = await raw(prober, procedure, kind, input(missingSession, missingNetwork));
        const asMissing = hidden.body.replaceAll(sessionId, missingSession).replaceAll(networkId, missingNetwork);
        expect({ label, procedure, status: hidden.status, body: asMissing }).toEqual({ label, procedure, status: absent.status, body: absent.body });
        expect(hidden.status, `${label} ${procedure}`).not.toBe(200);
      }
    }
    expect((await anna.api.networks.session.query({ sessionId })).registeredCount).toBe(3);
    expect((await anna.api.networks.get.query({ networkId })).sessions.upcoming).toHaveLength(1);
  });
});

describe('kept out of everything public', () => {
  it('is never in search, the dialogues’ sessions, open data, a session’s calendar file, the arena’s page or the metrics — not even for its members', async () => {
    await server.settled();
    const missing = randomBytes(12).toString('hex');
    for (const viewer of [anna, sune, anonymous]) {
      expect((await viewer.api.search.query.query({ q: SECRET })).total).toBe(0);
      expect(JSON.stringify(await viewer.api.arenas.get.query({ arenaId: 'healthcare' }))).not.toContain(SECRET);
    }
    // A dialogue session's procedures and its live room know nothing of it, even for a registered member.
    const asDialogueSession = await raw(bengt, 'sessions.get', 'query', { sessionId });
    expect(asDialogueSession.body.replaceAll(sessionId, missing)).toBe((await raw(bengt, 'sessions.get', 'query', { sessionId: missing })).body);
    const socket = await bengt.connect();
    expect(await socket.emitWithAck('live.subscribe', { sessionId })).toEqual(await socket.emitWithAck('live.subscribe', { sessionId: missing }));
    socket.disconnect();
    for (const path of ['/api/open/v1/arenas/healthcare', '/api/open/v1/dialogues', `/calendar/sessions/${sessionId}.ics`]) {
      expect(await (await fetch(`${server.url}${path}`)).text(), path).not.toContain(SECRET);
    }
    expect((await fetch(`${server.url}/calendar/sessions/${sessionId}.ics`)).status).toBe(404);
    // A member's own personal feed does carry it, re-checked on every fetch: networks-session-calendar.test.ts.
    const metrics = await anonymous.api.metrics.view.query({});
    expect(JSON.stringify(metrics)).not.toContain(SECRET);
    expect(metrics.total.sessionsHeld).toBe(0);
  });

  it('records scheduling and registering in the audit log with ids, never the title or the link', async () => {
    await server.settled();
    const entries = await moderator.api.audit.list.query({ action: 'network.session_scheduled' });
    expect(entries.map((entry) => [entry.actor?.name, entry.subject.sessionId])).toEqual([['Bengt', sessionId]]);
    const registered = await moderator.api.audit.list.query({ action: 'network.session_registered' });
    expect(registered.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify([entries, registered])).not.toContain(SECRET);
  });
});

describe('losing the right', () => {
  /** Reading answers as for a missing session; writing too, or asks a signed-out visitor to sign in. */
  const closedTo = async (visitor: Visitor, writing: 'NOT_FOUND' | 'UNAUTHENTICATED' = 'NOT_FOUND') => {
    expect((await refusal(visitor.api.networks.session.query({ sessionId })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(visitor.api.networks.registerForSession.mutate({ sessionId })))?.appCode).toBe(writing);
    expect((await refusal(visitor.api.networks.unregisterFromSession.mutate({ sessionId })))?.appCode).toBe(writing);
  };

  it('closes it to an organisation that leaves, and gives its people’s places back', async () => {
    expect(await cilla.api.networks.session.query({ sessionId })).toMatchObject({ registeredCount: 3, viewer: { registered: true } });
    await cilla.api.networks.leave.mutate({ networkId, reason: 'Vi avvaktar.' });
    await closedTo(cilla);
    expect((await anna.api.networks.session.query({ sessionId })).registeredCount).toBe(2);
    expect((await refusal(cilla.api.networks.scheduleSession.mutate(schedule('Efteråt'))))?.appCode).toBe('NOT_FOUND');
  });

  it('closes it to an organisation that is removed, and gives its people’s places back', async () => {
    await dan.api.networks.registerForSession.mutate({ sessionId });
    expect((await dan.api.networks.session.query({ sessionId })).registeredCount).toBe(3);
    await anna.api.networks.remove.mutate({ networkId, organisationId: org.ost, reason: 'Har gått vidare.' });
    await closedTo(dan);
    expect((await anna.api.networks.session.query({ sessionId })).registeredCount).toBe(2);
  });

  it('closes it to an organisation that loses its verification, and opens it again when verified', async () => {
    await moderator.api.organisations.rejectVerification.mutate({ organisationId: org.syd, reason: 'Organisationsnumret stämmer inte.' });
    await closedTo(bengt);
    await moderator.api.organisations.verify.mutate({ organisationId: org.syd });
    expect((await bengt.api.networks.session.query({ sessionId })).viewer.registered).toBe(true);
  });

  it('closes it on logout', async () => {
    await bengt.api.accounts.logout.mutate();
    await closedTo(bengt, 'UNAUTHENTICATED');
    await bengt.api.accounts.login.mutate({ email: `bengt@${DOMAIN}`, password: PASSWORD });
    expect((await bengt.api.networks.session.query({ sessionId })).meetingLink).toBe(LINK);
  });

  it('keeps a dissolved network’s sessions readable to its members, with no new sessions or registrations', async () => {
    await anna.api.networks.unregisterFromSession.mutate({ sessionId });
    await anna.api.networks.dissolve.mutate({ networkId, reason: 'Upphandlingen är gjord.' });
    expect((await anna.api.networks.session.query({ sessionId })).viewer.mayRegister).toBe(false);
    expect((await refusal(anna.api.networks.registerForSession.mutate({ sessionId })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(anna.api.networks.scheduleSession.mutate(schedule('Efter upplösningen'))))?.appCode).toBe('FORBIDDEN');
    expect((await anna.api.networks.get.query({ networkId })).sessions.upcoming).toHaveLength(1);
  });

  it('closes it to a blocked account', async () => {
    const bengtId = (await bengt.api.accounts.me.query())?.id ?? '';
    await bengt.api.networks.session.query({ sessionId });
    await moderator.api.accounts.block.mutate({ userId: bengtId });
    await closedTo(bengt, 'UNAUTHENTICATED');
  });
});
