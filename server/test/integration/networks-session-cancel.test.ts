// Cancelling a buyers' network's session (issue 11 §4), over the real server: whoever scheduled it,
// or an admin organisation's person, cancels it with a reason; another member is refused, and anyone
// outside gets byte for byte the answer about a missing session. The session stays readable to its
// members, marked cancelled with its reason, and takes no registrations; those registered are told
// in the app with the reason, and the audit log records ids only.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../support/refusal.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { rawCall, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
const PASSWORD = 'ett inställt möte sägs till alla';
const DOMAIN = 'network-session-cancel.example';
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, DOMAIN, PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, which forms the network: its admin
let bengt: Visitor; // Kommun Syd, a member who schedules
let cilla: Visitor; // Stad Väst, a member, neither admin nor scheduler
let dan: Visitor; // Region Öst, a member who registers late
let sune: Visitor; // a supplier
let networkId = '';
let sessionId = '';
const TITLE = 'Hemlighållet sensormöte';
const REASON = 'Leverantörsgenomgången flyttas till hösten';
const year = new Date().getUTCFullYear() + 1;
const schedule = (title: string) => ({
  networkId,
  title,
  agenda: 'Vi går igenom kravbilden.',
  startsAt: `${year}-04-10T10:00`,
  endsAt: `${year}-04-10T11:00`,
  timeZone: 'Europe/Stockholm',
  format: 'onsite' as const,
  address: 'Storgatan 1, Umeå',
  capacity: 10,
});
const told = async (visitor: Visitor) => (await visitor.api.notifications.list.query({})).items.filter((item) => item.kind === 'network-session-cancelled');

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  cilla = await person('Cilla', 'buyer', 'Stad Väst');
  dan = await person('Dan', 'buyer', 'Region Öst');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  await verifyOrganisations(moderator, [anna, bengt, cilla, dan]);
  networkId = await networkOf(anna, [bengt, cilla, dan], { name: 'Norrlands sensornätverk', joining: 'invitation' });
  ({ sessionId } = await bengt.api.networks.scheduleSession.mutate(schedule(TITLE)));
  for (const visitor of [anna, cilla]) await visitor.api.networks.registerForSession.mutate({ sessionId });
});

afterAll(async () => {
  await server?.stop();
});

describe('who may cancel', () => {
  it('offers the cancel action to whoever scheduled it and to an admin, not to another member', async () => {
    expect((await bengt.api.networks.session.query({ sessionId })).viewer.mayCancel).toBe(true);
    expect((await anna.api.networks.session.query({ sessionId })).viewer.mayCancel).toBe(true);
    expect((await cilla.api.networks.session.query({ sessionId })).viewer.mayCancel).toBe(false);
  });

  it('refuses another member who is not an admin, and changes nothing', async () => {
    expect((await refusal(cilla.api.networks.cancelSession.mutate({ sessionId, reason: 'Jag vill inte' })))?.appCode).toBe('FORBIDDEN');
    expect((await cilla.api.networks.session.query({ sessionId })).cancelled).toBeNull();
  });

  it('answers a supplier byte for byte as about a missing session', async () => {
    const missing = randomBytes(12).toString('hex');
    const hidden = await rawCall(server, sune, 'networks.cancelSession', 'mutation', { sessionId, reason: REASON });
    const absent = await rawCall(server, sune, 'networks.cancelSession', 'mutation', { sessionId: missing, reason: REASON });
    expect({ status: hidden.status, body: hidden.body.replaceAll(sessionId, missing) }).toEqual({ status: absent.status, body: absent.body });
    expect(hidden.status).not.toBe(200);
    expect((await bengt.api.networks.session.query({ sessionId })).cancelled).toBeNull();
  });

  it('refuses a reason too short with a field issue', async () => {
    expect((await refusal(bengt.api.networks.cancelSession.mutate({ sessionId, reason: 'x' })))?.appCode).toBe('VALIDATION');
  });
});

describe('a cancelled session', () => {
  it('is cancelled by whoever scheduled it and stays readable to members, marked with its reason', async () => {
    await bengt.api.networks.cancelSession.mutate({ sessionId, reason: REASON });
    const view = await dan.api.networks.session.query({ sessionId });
    expect(view).toMatchObject({ title: TITLE, cancelled: { reason: REASON }, registeredCount: 2, viewer: { registered: false, mayRegister: false, cannotRegisterBecause: 'cancelled', mayCancel: false } });
    expect((await bengt.api.networks.session.query({ sessionId })).viewer.mayCancel).toBe(false);
    expect((await cilla.api.networks.get.query({ networkId })).sessions.upcoming.map((session) => [session.id, session.cancelled?.reason])).toEqual([[sessionId, REASON]]);
  });

  it('takes no registrations, and is not cancelled twice', async () => {
    expect((await refusal(dan.api.networks.registerForSession.mutate({ sessionId })))?.appCode).toBe('REGISTRATION_CLOSED');
    expect((await dan.api.networks.session.query({ sessionId })).registeredCount).toBe(2);
    expect((await refusal(anna.api.networks.cancelSession.mutate({ sessionId, reason: 'En gång till' })))?.appCode).toBe('SESSION_CLOSED');
    expect((await dan.api.networks.session.query({ sessionId })).cancelled?.reason).toBe(REASON);
  });

  it('tells everyone registered in the app, with the reason, and nobody else', async () => {
    await server.settled();
    for (const visitor of [anna, cilla]) {
      const notices = await told(visitor);
      expect(notices.map((notice) => [notice.network, notice.note])).toEqual([[{ id: networkId, name: 'Norrlands sensornätverk' }, REASON]]);
    }
    expect(await told(bengt)).toEqual([]); // who cancelled is not told of it
    expect(await told(dan)).toEqual([]); // not registered
    expect(await told(sune)).toEqual([]);
  });

  it('may be cancelled by an admin of the network who did not schedule it', async () => {
    const { sessionId: other } = await bengt.api.networks.scheduleSession.mutate(schedule('Ett annat möte'));
    await anna.api.networks.cancelSession.mutate({ sessionId: other, reason: 'Nätverket pausar i sommar' });
    expect((await bengt.api.networks.session.query({ sessionId: other })).cancelled?.reason).toBe('Nätverket pausar i sommar');
  });

  it('is not cancelled once it has been held: the cancel action goes, and a cancel is refused and changes nothing', async () => {
    // Starts in ten minutes and lasts ten; the clock then moves half an hour on (sign-ins stay valid).
    const stockholm = (ms: number) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .format(new Date(ms))
        .replace(' ', 'T');
    const now = server.clock.now().getTime();
    const { sessionId: held } = await bengt.api.networks.scheduleSession.mutate({ ...schedule('Ett hållet möte'), startsAt: stockholm(now + 10 * 60_000), endsAt: stockholm(now + 20 * 60_000) });
    expect((await bengt.api.networks.session.query({ sessionId: held })).viewer.mayCancel).toBe(true);
    server.clock.advance(30 * 60_000);
    try {
      expect((await bengt.api.networks.session.query({ sessionId: held })).viewer.mayCancel).toBe(false);
      expect((await refusal(bengt.api.networks.cancelSession.mutate({ sessionId: held, reason: 'För sent att ställa in' })))?.appCode).toBe('SESSION_CLOSED');
      expect((await bengt.api.networks.session.query({ sessionId: held })).cancelled).toBeNull();
    } finally {
      server.clock.advance(-30 * 60_000);
    }
  });

  it('is in the audit log with ids only, never the title or the reason', async () => {
    await server.settled();
    const entries = await moderator.api.audit.list.query({ action: 'network.session_cancelled' });
    expect(entries.map((entry) => [entry.actor?.name, entry.subject.sessionId, entry.subject.networkId]).slice(-2)).toContainEqual(['Bengt', sessionId, networkId]);
    expect(JSON.stringify(entries)).not.toContain(REASON);
    expect(JSON.stringify(entries)).not.toContain(TITLE);
  });
});
