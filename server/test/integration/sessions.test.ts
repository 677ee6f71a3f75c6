// Scheduling live dialogue sessions and registering for them, over the real server: times in the
// session's zone across a daylight-saving change, every wrong time refused with its own reason,
// the meeting link only for those registered, concurrent sign-ups for the last places that never
// overbook, a waitlist that moves up in order, and registration that closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateSessionInput } from '@dialogforum/contracts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
let dialogueId: string;
const PASSWORD = 'dialogmöten med plats för alla';

/** A year ahead, so "in the past" is never an accident of when the test runs. */
const year = new Date().getUTCFullYear() + 1;
/** The last Sunday of March, when the clocks in Stockholm go from 02:00 to 03:00. */
const springForward = (() => {
  const day = new Date(Date.UTC(year, 2, 31));
  day.setUTCDate(31 - day.getUTCDay());
  return day.toISOString().slice(0, 10);
})();

const session = (over: Partial<CreateSessionInput> = {}): CreateSessionInput => ({
  dialogueId,
  title: 'Informationsmöte om upphandlingen',
  agenda: '1. Behovet\n2. Frågor',
  startsAt: `${year}-05-12T10:00`,
  endsAt: `${year}-05-12T11:30`,
  timeZone: 'Europe/Stockholm',
  format: 'online',
  meetingLink: 'https://meet.example/abc',
  capacity: 50,
  questionsNeedApproval: false,
  ...over,
});

async function supplierNo(n: number): Promise<Visitor> {
  const visitor = server.visitor();
  await visitor.registerVerified({ name: `Leverantör ${n}`, email: `lev${n}@moten.example`, password: PASSWORD, representation: 'supplier', organisationName: `Möten ${n} AB` });
  return visitor;
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  buyer = server.visitor();
  await buyer.registerVerified({ name: 'Berit', email: 'berit@moten.example', password: PASSWORD, representation: 'buyer', organisationName: 'Mötesregionen' });
  supplier = await supplierNo(0);
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Digital vårdcentral',
    description: 'Vi söker lösningar.',
    arenaId: 'healthcare',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 400 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
});

afterAll(async () => {
  await server?.stop();
});

describe('scheduling', () => {
  it('stores the time in UTC from the session’s zone, across a daylight-saving change', async () => {
    // The last Sunday of March the clocks go forward: 10:00 in Stockholm is 09:00 UTC before, 08:00 after.
    const before = await buyer.api.sessions.create.mutate(session({ startsAt: `${year}-03-20T10:00`, endsAt: `${year}-03-20T11:00` }));
    const after = await buyer.api.sessions.create.mutate(session({ startsAt: `${year}-04-10T10:00`, endsAt: `${year}-04-10T11:00` }));
    const a = await supplier.api.sessions.get.query({ sessionId: before.sessionId });
    const b = await supplier.api.sessions.get.query({ sessionId: after.sessionId });
    expect(a.startsAt).toBe(`${year}-03-20T09:00:00.000Z`);
    expect(b.startsAt).toBe(`${year}-04-10T08:00:00.000Z`);
    expect(b.local).toMatchObject({ startsAt: `${year}-04-10T10:00`, endsAt: `${year}-04-10T11:00` });
    // The same wall time in New York is another instant.
    const ny = await buyer.api.sessions.create.mutate(session({ startsAt: `${year}-04-11T10:00`, endsAt: `${year}-04-11T11:00`, timeZone: 'America/New_York' }));
    expect((await supplier.api.sessions.get.query({ sessionId: ny.sessionId })).startsAt).toBe(`${year}-04-11T14:00:00.000Z`);
    expect((await server.visitor().api.sessions.list.query({ dialogueId })).map((s) => s.startsAt)).toEqual([
      `${year}-03-20T09:00:00.000Z`,
      `${year}-04-10T08:00:00.000Z`,
      `${year}-04-11T14:00:00.000Z`,
    ]);
  });

  it('refuses each wrong time with its own reason, and writes nothing', async () => {
    const cases: [Partial<CreateSessionInput>, string, string][] = [
      [{ startsAt: '2020-01-01T10:00', endsAt: '2020-01-01T11:00' }, 'startsAt', 'time_in_past'],
      [{ startsAt: `${year}-06-01T11:00`, endsAt: `${year}-06-01T10:00` }, 'endsAt', 'date_order'],
      [{ startsAt: `${springForward}T02:30`, endsAt: `${springForward}T04:00` }, 'startsAt', 'time_nonexistent'],
      [{ startsAt: `${year}-03-20T10:30`, endsAt: `${year}-03-20T12:00` }, 'startsAt', 'session_overlap'],
      [{ registrationDeadline: `${year}-05-13T09:00` }, 'registrationDeadline', 'registration_after_start'],
      [{ format: 'onsite', meetingLink: undefined }, 'address', 'address_required'],
      [{ format: 'online', meetingLink: undefined }, 'meetingLink', 'meeting_link_required'],
      [{ meetingLink: 'http://meet.example/plain' }, 'meetingLink', 'invalid_meeting_link'],
      [{ meetingLink: 'javascript:alert(1)' }, 'meetingLink', 'invalid_meeting_link'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'invalid_time_zone'],
    ];
    const before = await buyer.api.sessions.list.query({ dialogueId });
    for (const [change, path, code] of cases) {
      const refused = await refusal(buyer.api.sessions.create.mutate(session({ ...change, startsAt: change.startsAt ?? `${year}-05-12T10:00` })));
      expect({ change, appCode: refused?.appCode, issue: refused?.fieldIssues.find((issue) => issue.path === path)?.code }).toEqual({
        change,
        appCode: 'VALIDATION',
        issue: code,
      });
    }
    expect(await buyer.api.sessions.list.query({ dialogueId })).toEqual(before);
    expect((await refusal(supplier.api.sessions.create.mutate(session({ startsAt: `${year}-07-01T10:00`, endsAt: `${year}-07-01T11:00` }))))?.appCode).toBe('FORBIDDEN');
  });
});

describe('registration', () => {
  it('never overbooks the last places when many register at once, and queues the rest in order', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate(session({ capacity: 3, startsAt: `${year}-08-01T10:00`, endsAt: `${year}-08-01T11:00` }));
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => supplierNo(100 + i)));
    const outcomes = await Promise.all(people.map((person) => person.api.sessions.register.mutate({ sessionId })));
    expect(outcomes.filter((outcome) => outcome.state === 'registered')).toHaveLength(3);
    const view = await buyer.api.sessions.get.query({ sessionId });
    expect({ registered: view.registeredCount, waiting: view.waitlistCount }).toEqual({ registered: 3, waiting: 9 });
    const positions = await Promise.all(people.map(async (person) => (await person.api.sessions.get.query({ sessionId })).viewer.waitlistPosition));
    expect(positions.filter((position) => position !== null).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await buyer.api.sessions.registrations.query({ sessionId })).filter((r) => r.state === 'registered')).toHaveLength(3);

    // A place frees: the first in line moves up, and everyone behind moves one step.
    const leaving = people[outcomes.findIndex((outcome) => outcome.state === 'registered')]!;
    const first = people[positions.indexOf(1)]!;
    const second = people[positions.indexOf(2)]!;
    await leaving.api.sessions.unregister.mutate({ sessionId });
    expect((await first.api.sessions.get.query({ sessionId })).viewer).toMatchObject({ registration: 'registered', waitlistPosition: null });
    expect((await second.api.sessions.get.query({ sessionId })).viewer).toMatchObject({ registration: 'waitlisted', waitlistPosition: 1 });
    expect((await buyer.api.sessions.get.query({ sessionId })).registeredCount).toBe(3);
    // More places: those waiting move up.
    const edited = await buyer.api.sessions.get.query({ sessionId });
    const { dialogueId: _dialogue, ...fields } = session();
    await buyer.api.sessions.update.mutate({ ...fields, sessionId, ...edited.local, capacity: 5 });
    expect((await buyer.api.sessions.get.query({ sessionId })).registeredCount).toBe(5);
    expect((await second.api.sessions.get.query({ sessionId })).viewer.registration).toBe('registered');
  });

  it('shows the meeting link to those registered and the hosts only', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate(session({ capacity: 1, startsAt: `${year}-09-01T10:00`, endsAt: `${year}-09-01T11:00` }));
    const waiting = await supplierNo(200);
    expect((await server.visitor().api.sessions.get.query({ sessionId })).meetingLink).toBeNull();
    expect((await supplier.api.sessions.get.query({ sessionId })).meetingLink).toBeNull();
    await supplier.api.sessions.register.mutate({ sessionId });
    expect((await waiting.api.sessions.register.mutate({ sessionId })).state).toBe('waitlisted');
    expect((await supplier.api.sessions.get.query({ sessionId })).meetingLink).toBe('https://meet.example/abc');
    expect((await waiting.api.sessions.get.query({ sessionId })).meetingLink).toBeNull();
    expect((await buyer.api.sessions.get.query({ sessionId })).meetingLink).toBe('https://meet.example/abc');
    expect((await refusal(supplier.api.sessions.registrations.query({ sessionId })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(buyer.api.sessions.register.mutate({ sessionId })))?.appCode).toBe('FORBIDDEN');
  });

  it('closes at its deadline and when the session is cancelled', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate(
      session({ startsAt: `${year}-10-01T10:00`, endsAt: `${year}-10-01T11:00`, registrationDeadline: `${year}-09-25T17:00` }),
    );
    const late = await supplierNo(300);
    server.clock.advance(Date.parse(`${year}-09-26T00:00:00Z`) - Date.now());
    try {
      await late.api.accounts.login.mutate({ email: 'lev300@moten.example', password: PASSWORD });
      expect((await refusal(late.api.sessions.register.mutate({ sessionId })))?.appCode).toBe('REGISTRATION_CLOSED');
      expect((await late.api.sessions.get.query({ sessionId })).viewer).toMatchObject({ canRegister: false, cannotRegisterBecause: 'closed' });
    } finally {
      server.clock.offsetMs = 0;
    }
    const { sessionId: other } = await buyer.api.sessions.create.mutate(session({ startsAt: `${year}-11-01T10:00`, endsAt: `${year}-11-01T11:00` }));
    await buyer.api.sessions.cancel.mutate({ sessionId: other, reason: 'Flyttas till våren.' });
    const view = await supplier.api.sessions.get.query({ sessionId: other });
    expect(view).toMatchObject({ status: 'cancelled', cancellation: { reason: 'Flyttas till våren.' } });
    expect((await refusal(supplier.api.sessions.register.mutate({ sessionId: other })))?.appCode).toBe('REGISTRATION_CLOSED');
    expect((await refusal(buyer.api.sessions.cancel.mutate({ sessionId: other, reason: 'Igen.' })))?.appCode).toBe('SESSION_CLOSED');
  });
});

describe('going live by hand', () => {
  it('the host starts and ends a session; nobody else can, and each step happens once, in order', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate(session({ startsAt: `${year}-12-01T10:00`, endsAt: `${year}-12-01T11:00` }));
    expect((await refusal(buyer.api.sessions.end.mutate({ sessionId })))?.appCode).toBe('SESSION_NOT_LIVE');
    expect((await refusal(supplier.api.sessions.start.mutate({ sessionId })))?.appCode).toBe('FORBIDDEN');
    await buyer.api.sessions.start.mutate({ sessionId });
    expect((await supplier.api.sessions.get.query({ sessionId })).status).toBe('live');
    expect((await refusal(buyer.api.sessions.start.mutate({ sessionId })))?.appCode).toBe('SESSION_NOT_LIVE');
    expect((await refusal(supplier.api.sessions.end.mutate({ sessionId })))?.appCode).toBe('FORBIDDEN');
    await buyer.api.sessions.end.mutate({ sessionId });
    expect((await supplier.api.sessions.get.query({ sessionId })).status).toBe('ended');
    expect((await refusal(buyer.api.sessions.start.mutate({ sessionId })))?.appCode).toBe('SESSION_CLOSED');
    expect((await refusal(buyer.api.sessions.end.mutate({ sessionId })))?.appCode).toBe('SESSION_CLOSED');
  });
});
