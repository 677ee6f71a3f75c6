// The sessions' clock over the real server, with the test's clock moved instead of waiting:
// reminders 24 hours and 15 minutes before, in-app and by mail (in each person's language, as they
// chose), exactly once per registrant even when the server stops and starts again around the due
// time; none for those waiting or for a cancelled session; moved with the session. Sessions go live
// and end at their times by themselves, or by the host's hand, once either way.
import { utcToZonedLocal, type NotificationView } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS, type DomainEvent } from '../../src/platform/events/event-log.ts';
import { SESSION_JOBS, type SessionJobDocument } from '../../src/modules/sessions/session-jobs.ts';
import { mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let anna: Visitor; // registered, mail at once
let bertil: Visitor; // registered, English, the default daily digest (a reminder is mailed at once anyway)
let cecilia: Visitor; // registered, no mail
let david: Visitor; // on the waitlist
let dialogueId: string;
const PASSWORD = 'påminnelser exakt en gång';
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** A wall-clock time in Stockholm `ms` after the test clock's now, on a whole minute. */
function stockholm(ms: number): string {
  return utcToZonedLocal(Math.ceil((server.clock.now().getTime() + ms) / MINUTE) * MINUTE, 'Europe/Stockholm');
}

async function person(name: string, email: string, language: 'sv' | 'en' = 'sv'): Promise<Visitor> {
  const visitor = server.visitor();
  await visitor.registerVerified({ name, email, password: PASSWORD, representation: 'supplier', organisationName: `${name}s firma`, language });
  people.push({ visitor, email });
  return visitor;
}

async function schedule(title: string, startsInMs: number, capacity = 3): Promise<{ sessionId: string; startsAt: number }> {
  const { sessionId } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title,
    startsAt: stockholm(startsInMs),
    endsAt: stockholm(startsInMs + HOUR),
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/paminnelse',
    capacity,
  });
  const startsAt = Date.parse((await buyer.api.sessions.get.query({ sessionId })).startsAt);
  return { sessionId, startsAt };
}

const people: { visitor: Visitor; email: string }[] = [];

/** Moves the test clock to `at` (it never goes back); everyone signs in again, as a day away ends a login. */
async function moveClockTo(at: number, signIn = true): Promise<void> {
  server.clock.advance(Math.max(0, at - server.clock.now().getTime()));
  if (signIn) for (const { visitor, email } of people) await visitor.api.accounts.login.mutate({ email, password: PASSWORD });
}

/** The reminders of that kind for the session the person has, once the clock and processors are done. */
async function reminders(visitor: Visitor, sessionId: string, kind: NotificationView['kind']): Promise<NotificationView[]> {
  const page = await visitor.api.notifications.list.query({ limit: 50 });
  return page.items.filter((item) => item.kind === kind && item.session?.id === sessionId);
}

/** Waits until no job of the session is due and unfired, then until every processor has caught up. */
async function clockDone(sessionId: string): Promise<void> {
  const jobs = server.app.services.store.collection<SessionJobDocument>(SESSION_JOBS);
  const deadline = Date.now() + 10_000;
  while ((await jobs.countDocuments({ sessionId, state: 'pending', dueAt: { $lte: server.clock.now().toISOString() } })) > 0) {
    if (Date.now() > deadline) throw new Error('the sessions’ clock did not fire its due jobs');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await server.settled();
}

async function counts(sessionId: string, kind: NotificationView['kind']): Promise<number[]> {
  return Promise.all([anna, bertil, cecilia, david].map(async (visitor) => (await reminders(visitor, sessionId, kind)).length));
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' }, { sessionClockMs: 100 });
  buyer = server.visitor();
  await buyer.registerVerified({ name: 'Vera Värd', email: 'vera@paminn.example', password: PASSWORD, representation: 'buyer', organisationName: 'Påminnelsekommunen' });
  people.push({ visitor: buyer, email: 'vera@paminn.example' });
  anna = await person('Anna', 'anna@paminn.example');
  bertil = await person('Bertil', 'bertil@paminn.example', 'en');
  cecilia = await person('Cecilia', 'cecilia@paminn.example');
  david = await person('David', 'david@paminn.example');
  await anna.api.notifications.setEmail.mutate({ email: 'immediately' });
  await cecilia.api.notifications.setEmail.mutate({ email: 'off' });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Påminda leverantörer',
    description: 'Vi söker lösningar.',
    arenaId: 'healthcare',
    phase: 'market-dialogue',
    questionDeadline: new Date(server.clock.now().getTime() + 400 * 24 * HOUR).toISOString(),
    visibility: 'public',
  }));
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('reminders', () => {
  it('are sent exactly once per registrant, in-app and by mail as each chose, across restarts around the due time', { timeout: 120_000 }, async () => {
    const { sessionId, startsAt } = await schedule('Påminnelsemötet', 48 * HOUR);
    for (const visitor of [anna, bertil, cecilia]) expect(await visitor.api.sessions.register.mutate({ sessionId })).toEqual({ state: 'registered' });
    expect(await david.api.sessions.register.mutate({ sessionId })).toEqual({ state: 'waitlisted' });

    // A minute before the 24-hour reminder is due: nothing yet. The server goes down and comes back.
    await moveClockTo(startsAt - 24 * HOUR - MINUTE);
    await server.restart();
    await clockDone(sessionId);
    expect(await counts(sessionId, 'session-reminder-24h')).toEqual([0, 0, 0, 0]);

    // It falls due while the server is running; it is restarted right after, and again.
    await moveClockTo(startsAt - 24 * HOUR + 1000);
    await clockDone(sessionId);
    await server.restart();
    await server.restart();
    await clockDone(sessionId);
    expect(await counts(sessionId, 'session-reminder-24h')).toEqual([1, 1, 1, 0]);

    // The 15-minute one falls due while the server is down: it is sent when it starts, once.
    await moveClockTo(startsAt - 20 * MINUTE);
    await server.app.close();
    await moveClockTo(startsAt - 14 * MINUTE, false);
    await server.restart();
    await clockDone(sessionId);
    await server.restart();
    await clockDone(sessionId);
    expect(await counts(sessionId, 'session-reminder-15m')).toEqual([1, 1, 1, 0]);
    expect(await counts(sessionId, 'session-reminder-24h')).toEqual([1, 1, 1, 0]);
    const events = await server.app.services.store.collection<DomainEvent>(EVENTS).find({ type: 'session.reminder_due' });
    expect(events.filter((event) => event.subject.sessionId === sessionId).map((event) => event.subject.reminder).sort()).toEqual(['reminder-15m', 'reminder-24h']);

    // Mail: Anna at once (Swedish), Bertil too although he chose the digest (English), Cecilia none.
    const annas = await mailTo(server.dataDir, 'anna@paminn.example', /Påminnelse/);
    expect(annas.map((mail) => mail.subject).sort()).toEqual([
      'Påminnelse: ditt dialogmöte börjar om 15 minuter – Dialogforum',
      'Påminnelse: ditt dialogmöte börjar om ett dygn – Dialogforum',
    ]);
    expect(annas[0]?.text).toContain('«Påminnelsemötet»');
    expect(annas[0]?.text).toContain('(Europe/Stockholm)');
    expect((await mailTo(server.dataDir, 'bertil@paminn.example', /Reminder/)).length).toBe(2);
    expect(await mailTo(server.dataDir, 'cecilia@paminn.example', /Påminnelse|Reminder/, 300)).toEqual([]);
    expect(await mailTo(server.dataDir, 'david@paminn.example', /Påminnelse|Reminder/, 300)).toEqual([]);

    // At its start the session goes live by itself, at its end it ends.
    await moveClockTo(startsAt + 1000);
    await clockDone(sessionId);
    expect((await anna.api.sessions.get.query({ sessionId })).status).toBe('live');
    await moveClockTo(startsAt + HOUR + 1000);
    await clockDone(sessionId);
    expect((await anna.api.sessions.get.query({ sessionId })).status).toBe('ended');
  });

  it('move with the session when it is rescheduled', { timeout: 60_000 }, async () => {
    const { sessionId, startsAt } = await schedule('Flyttat möte', 30 * HOUR);
    await anna.api.sessions.register.mutate({ sessionId });
    const current = await buyer.api.sessions.get.query({ sessionId });
    // A day later; told as a move, not a reminder.
    await buyer.api.sessions.update.mutate({
      sessionId,
      title: current.title,
      startsAt: stockholm(startsAt - server.clock.now().getTime() + 24 * HOUR),
      endsAt: stockholm(startsAt - server.clock.now().getTime() + 25 * HOUR),
      timeZone: 'Europe/Stockholm',
      format: 'online',
      meetingLink: 'https://meet.example/paminnelse',
      capacity: 3,
    });
    await server.settled();
    expect((await reminders(anna, sessionId, 'session-rescheduled')).length).toBe(1);
    await moveClockTo(startsAt - 24 * HOUR + MINUTE);
    await clockDone(sessionId);
    expect((await reminders(anna, sessionId, 'session-reminder-24h')).length).toBe(0);
    await moveClockTo(startsAt + MINUTE);
    await clockDone(sessionId);
    const reminded = await reminders(anna, sessionId, 'session-reminder-24h');
    expect(reminded.length).toBe(1);
    expect(Date.parse(reminded[0]!.session!.startsAt)).toBe(startsAt + 24 * HOUR);
    expect((await anna.api.sessions.get.query({ sessionId })).status).toBe('scheduled');
  });

  it('are not sent for a cancelled session, whose clock stops', { timeout: 60_000 }, async () => {
    const { sessionId, startsAt } = await schedule('Inställt möte', 30 * HOUR);
    await anna.api.sessions.register.mutate({ sessionId });
    await buyer.api.sessions.cancel.mutate({ sessionId, reason: 'Lokalen brann.' });
    await server.settled();
    const told = await reminders(anna, sessionId, 'session-cancelled');
    expect(told.map((item) => item.note)).toEqual(['Lokalen brann.']);
    expect(await server.app.services.store.collection<SessionJobDocument>(SESSION_JOBS).countDocuments({ sessionId, state: 'pending' })).toBe(0);
    await moveClockTo(startsAt + 2 * HOUR);
    await clockDone(sessionId);
    expect((await reminders(anna, sessionId, 'session-reminder-24h')).length + (await reminders(anna, sessionId, 'session-reminder-15m')).length).toBe(0);
    expect((await anna.api.sessions.get.query({ sessionId })).status).toBe('cancelled');
  });
});

describe('going live by hand', () => {
  it('the host starts early and ends early; the clock then changes nothing', { timeout: 60_000 }, async () => {
    const { sessionId, startsAt } = await schedule('Handstyrt möte', 3 * HOUR);
    expect((await refusal(buyer.api.sessions.end.mutate({ sessionId })))?.appCode).toBe('SESSION_NOT_LIVE');
    expect((await refusal(anna.api.sessions.start.mutate({ sessionId })))?.appCode).toBe('FORBIDDEN');
    await moveClockTo(startsAt - 30 * MINUTE);
    await buyer.api.sessions.start.mutate({ sessionId });
    expect((await anna.api.sessions.get.query({ sessionId })).status).toBe('live');
    await moveClockTo(startsAt + 10 * MINUTE);
    await clockDone(sessionId);
    await buyer.api.sessions.end.mutate({ sessionId });
    await moveClockTo(startsAt + 2 * HOUR);
    await clockDone(sessionId);
    expect((await anna.api.sessions.get.query({ sessionId })).status).toBe('ended');
    const events = (await server.app.services.store.collection<DomainEvent>(EVENTS).find({ type: { $in: ['session.started', 'session.ended'] } })).filter(
      (event) => event.subject.sessionId === sessionId,
    );
    expect(events.map((event) => event.type)).toEqual(['session.started', 'session.ended']);
  });
});
