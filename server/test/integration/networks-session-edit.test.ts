// Changing a buyers' network's session (issue 11 §4), over the real server: whoever scheduled it, or
// an admin organisation's person, changes it before it has ended; another member is refused and
// anyone outside gets byte for byte the answer about a missing session. Those registered are told in
// the app when its time or place changes (not for a new title alone, and never the one who changed
// it); places never fall below those registered, not even when a registration races the change; a
// session that has started keeps its time; a cancelled or ended one is not changed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcToZonedLocal } from '@dialogforum/contracts';
import { parseCalendar } from '../support/icalendar.ts';
import { refusal } from '../support/refusal.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { rawCall, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
const PASSWORD = 'ett ändrat möte sägs till de anmälda';
const DOMAIN = 'network-session-edit.example';
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, DOMAIN, PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, which forms the network: its admin
let bengt: Visitor; // Kommun Syd, a member who schedules
let cilla: Visitor; // Stad Väst, a member who registers
let dan: Visitor; // Region Öst, a member who registers
let eva: Visitor; // Kommun Väst, a member who races for the last place
let rut: Visitor; // a verified buyer outside the network
let sune: Visitor; // a supplier
let anonymous: Visitor;
let networkId = '';
let sessionId = '';
const LINK = 'https://meet.example/natverk-andrat';
const NEW_LINK = 'https://meet.example/natverk-ny-lank';
const year = new Date().getUTCFullYear() + 1;
const planned = (over: Record<string, unknown> = {}) => ({
  title: 'Kravgenomgång',
  agenda: 'Vi går igenom kravbilden.',
  startsAt: `${year}-04-10T10:00`,
  endsAt: `${year}-04-10T11:00`,
  timeZone: 'Europe/Stockholm',
  format: 'online' as const,
  meetingLink: LINK,
  capacity: 10,
  ...over,
});
const told = async (visitor: Visitor) => (await visitor.api.notifications.list.query({})).items.filter((item) => item.kind === 'network-session-changed');

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  cilla = await person('Cilla', 'buyer', 'Stad Väst');
  dan = await person('Dan', 'buyer', 'Region Öst');
  eva = await person('Eva', 'buyer', 'Kommun Väst');
  rut = await person('Rut', 'buyer', 'Landstinget Mitt');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  anonymous = server.visitor();
  await verifyOrganisations(moderator, [anna, bengt, cilla, dan, eva, rut]);
  networkId = await networkOf(anna, [bengt, cilla, dan, eva], { name: 'Nätverket som ändrar sig', joining: 'invitation' });
  ({ sessionId } = await bengt.api.networks.scheduleSession.mutate({ networkId, ...planned() }));
  for (const visitor of [cilla, dan]) await visitor.api.networks.registerForSession.mutate({ sessionId });
});

afterAll(async () => {
  await server?.stop();
});

describe('who may change it', () => {
  it('offers the change to whoever scheduled it and to an admin, not to another member', async () => {
    expect((await bengt.api.networks.session.query({ sessionId })).viewer.mayEdit).toBe(true);
    expect((await anna.api.networks.session.query({ sessionId })).viewer.mayEdit).toBe(true);
    expect((await cilla.api.networks.session.query({ sessionId })).viewer.mayEdit).toBe(false);
  });

  it('refuses another member, and changes nothing', async () => {
    expect((await refusal(cilla.api.networks.editSession.mutate({ sessionId, ...planned({ title: 'Mitt eget namn' }) })))?.appCode).toBe('FORBIDDEN');
    expect((await cilla.api.networks.session.query({ sessionId })).title).toBe('Kravgenomgång');
  });

  it('answers a supplier, another buyer, a moderator and a visitor byte for byte as about a missing session', async () => {
    const missing = randomBytes(12).toString('hex');
    for (const [label, prober] of [['supplier', sune], ['other buyer', rut], ['moderator', moderator], ['anonymous', anonymous]] as const) {
      const hidden = await rawCall(server, prober, 'networks.editSession', 'mutation', { sessionId, ...planned({ title: 'Utifrån' }) });
      const absent = await rawCall(server, prober, 'networks.editSession', 'mutation', { sessionId: missing, ...planned({ title: 'Utifrån' }) });
      expect({ label, status: hidden.status, body: hidden.body.replaceAll(sessionId, missing) }).toEqual({ label, status: absent.status, body: absent.body });
      expect(hidden.status, label).not.toBe(200);
    }
    expect((await bengt.api.networks.session.query({ sessionId })).title).toBe('Kravgenomgång');
  });
});

describe('changing it', () => {
  it('takes a new title and agenda without telling anyone', async () => {
    await bengt.api.networks.editSession.mutate({ sessionId, ...planned({ title: 'Kravgenomgång, del 1', agenda: 'Ny dagordning.' }) });
    expect(await cilla.api.networks.session.query({ sessionId })).toMatchObject({ title: 'Kravgenomgång, del 1', agenda: 'Ny dagordning.' });
    await server.settled();
    expect(await told(cilla)).toEqual([]);
  });

  it('tells those registered, not the one who changed it, when the time changes', async () => {
    await anna.api.networks.editSession.mutate({ sessionId, ...planned({ title: 'Kravgenomgång, del 1', startsAt: `${year}-04-11T13:00`, endsAt: `${year}-04-11T14:30` }) });
    const session = await cilla.api.networks.session.query({ sessionId });
    expect([session.startsAt, session.endsAt]).toEqual([`${year}-04-11T11:00:00.000Z`, `${year}-04-11T12:30:00.000Z`]);
    await server.settled();
    for (const visitor of [cilla, dan]) expect((await told(visitor)).map((item) => item.network?.id)).toEqual([networkId]);
    expect(await told(anna)).toEqual([]);
    expect(await told(bengt)).toEqual([]);
    // A subscribed calendar takes the new time: the same event, a higher SEQUENCE.
    const { url } = await cilla.api.calendar.createFeed.mutate({ scope: 'person' });
    const [event] = parseCalendar(await (await fetch(`${server.url}${new URL(url).pathname}`)).text()).events;
    expect(event).toMatchObject({ uid: expect.stringContaining(`network-session-${sessionId}@`), sequence: 2, start: `${year}-04-11T11:00:00.000Z` });
  });

  it('tells them again when the place changes, and shows the new link to those registered', async () => {
    await bengt.api.networks.editSession.mutate({ sessionId, ...planned({ title: 'Kravgenomgång, del 1', startsAt: `${year}-04-11T13:00`, endsAt: `${year}-04-11T14:30`, meetingLink: NEW_LINK }) });
    expect((await cilla.api.networks.session.query({ sessionId })).meetingLink).toBe(NEW_LINK);
    await server.settled();
    expect(await told(dan)).toHaveLength(2);
  });

  it('refuses fewer places than those registered with a field error, and takes exactly as many', async () => {
    const below = await refusal(bengt.api.networks.editSession.mutate({ sessionId, ...planned({ capacity: 1 }) }));
    expect(below?.appCode).toBe('VALIDATION');
    expect((below?.fieldIssues ?? [])).toEqual([{ path: 'capacity', code: 'capacity_below_registered', minimum: 2 }]);
    expect((await bengt.api.networks.session.query({ sessionId })).capacity).toBe(10);
    await bengt.api.networks.editSession.mutate({ sessionId, ...planned({ capacity: 2 }) });
    expect(await eva.api.networks.session.query({ sessionId })).toMatchObject({ capacity: 2, registeredCount: 2, viewer: { mayRegister: false, cannotRegisterBecause: 'full' } });
  });

  it('refuses a start in the past or an end before the start, next to the field', async () => {
    const past = await refusal(bengt.api.networks.editSession.mutate({ sessionId, ...planned({ startsAt: `${year - 2}-04-10T10:00`, endsAt: `${year - 2}-04-10T11:00` }) }));
    expect((past?.fieldIssues ?? []).map((issue) => issue.code)).toContain('time_in_past');
    const order = await refusal(bengt.api.networks.editSession.mutate({ sessionId, ...planned({ endsAt: `${year}-04-10T09:00` }) }));
    expect(order?.appCode).toBe('VALIDATION');
  });
});

describe('never two people in a place the change took away', () => {
  it('lets either the change or the registration win, never both', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { sessionId: racing } = await bengt.api.networks.scheduleSession.mutate({ networkId, ...planned({ title: `Kapplöpning ${round}`, capacity: 3, startsAt: `${year}-06-0${round + 1}T10:00`, endsAt: `${year}-06-0${round + 1}T11:00` }) });
      for (const visitor of [cilla, dan]) await visitor.api.networks.registerForSession.mutate({ sessionId: racing });
      const edit = () => bengt.api.networks.editSession.mutate({ sessionId: racing, ...planned({ title: `Kapplöpning ${round}`, capacity: 2, startsAt: `${year}-06-0${round + 1}T10:00`, endsAt: `${year}-06-0${round + 1}T11:00` }) });
      const register = () => eva.api.networks.registerForSession.mutate({ sessionId: racing });
      // Sent together, each side first in turn.
      const outcomes = round % 2 === 0 ? await Promise.allSettled([edit(), register()]) : await Promise.allSettled([register(), edit()]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const after = await bengt.api.networks.session.query({ sessionId: racing });
      expect(after.registeredCount).toBeLessThanOrEqual(after.capacity);
    }
  });
});

describe('when it may no longer change', () => {
  it('does not change a cancelled session', async () => {
    const { sessionId: cancelled } = await bengt.api.networks.scheduleSession.mutate({ networkId, ...planned({ title: 'Ställs in', startsAt: `${year}-09-01T10:00`, endsAt: `${year}-09-01T11:00` }) });
    await anna.api.networks.cancelSession.mutate({ sessionId: cancelled, reason: 'Det behövs inte.' });
    expect((await bengt.api.networks.session.query({ sessionId: cancelled })).viewer.mayEdit).toBe(false);
    expect((await refusal(bengt.api.networks.editSession.mutate({ sessionId: cancelled, ...planned({ startsAt: `${year}-09-01T10:00`, endsAt: `${year}-09-01T11:00` }) })))?.appCode).toBe('SESSION_CLOSED');
  });

  it('closes it to whoever scheduled it once their organisation has left, as for a missing session', async () => {
    const { sessionId: later } = await bengt.api.networks.scheduleSession.mutate({ networkId, ...planned({ title: 'Senare', startsAt: `${year}-10-01T10:00`, endsAt: `${year}-10-01T11:00` }) });
    await bengt.api.networks.leave.mutate({ networkId, reason: 'Vi avvaktar.' });
    expect((await refusal(bengt.api.networks.editSession.mutate({ sessionId: later, ...planned({ startsAt: `${year}-10-01T10:00`, endsAt: `${year}-10-01T11:00` }) })))?.appCode).toBe('NOT_FOUND');
    // An admin still may.
    await anna.api.networks.editSession.mutate({ sessionId: later, ...planned({ title: 'Senare, av nätverket', startsAt: `${year}-10-01T10:00`, endsAt: `${year}-10-01T11:00` }) });
    expect((await anna.api.networks.session.query({ sessionId: later })).title).toBe('Senare, av nätverket');
  });

  it('records each change in the audit log with ids, never the title or the link', async () => {
    await server.settled();
    const entries = await moderator.api.audit.list.query({ action: 'network.session_edited' });
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(entries)).not.toContain('Kravgenomgång');
    expect(JSON.stringify(entries)).not.toContain(NEW_LINK);
  });
  // Last, since it moves the server's clock: a session starting in ten minutes, then started.
  it('keeps the time of a session that has started, while the rest may still change until it ends', async () => {
    const at = (minutes: number) => utcToZonedLocal(Math.ceil((server.clock.now().getTime() + minutes * 60_000) / 60_000) * 60_000, 'Europe/Stockholm');
    const times = { startsAt: at(10), endsAt: at(70) };
    const { sessionId: soon } = await anna.api.networks.scheduleSession.mutate({ networkId, ...planned({ title: 'Snart', ...times }) });
    server.clock.advance(12 * 60_000);
    const moved = await refusal(anna.api.networks.editSession.mutate({ sessionId: soon, ...planned({ ...times, endsAt: at(90) }) }));
    expect(moved?.appCode).toBe('SESSION_CLOSED');
    await anna.api.networks.editSession.mutate({ sessionId: soon, ...planned({ title: 'Pågår', ...times }) });
    expect((await anna.api.networks.session.query({ sessionId: soon })).title).toBe('Pågår');
    server.clock.advance(60 * 60_000);
    expect((await anna.api.networks.session.query({ sessionId: soon })).viewer.mayEdit).toBe(false);
    expect((await refusal(anna.api.networks.editSession.mutate({ sessionId: soon, ...planned({ title: 'Efteråt', ...times }) })))?.appCode).toBe('SESSION_CLOSED');
  });
});
