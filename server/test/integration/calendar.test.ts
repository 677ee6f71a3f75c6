// Calendars over the real server, read back with ical.js as a calendar app would: a session's .ics
// with its zone resolved right on both sides of a daylight-saving change (and across one), a UID
// that never changes and a SEQUENCE that rises with every change, STATUS:CANCELLED, the meeting
// link only in the file of someone entitled to it; feeds reached by a secret token alone, kept
// only as a hash, replaced and revoked (then 404), rate limited.
import type { CreateSessionInput } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDAR_FEEDS, type CalendarFeedDocument } from '../../src/modules/calendar/documents.ts';
import { parseCalendar } from '../support/icalendar.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
let other: Visitor;
let dialogueId: string;
let registeredOnlyDialogueId: string;
const PASSWORD = 'kalendrar som alltid stämmer';
const LINK = 'https://meet.example/hemlig-lank';

const year = new Date().getUTCFullYear() + 1;
/** The last Sunday of October: in Stockholm the clocks go back from 03:00 to 02:00. */
const fallBack = (() => {
  const day = new Date(Date.UTC(year, 9, 31));
  day.setUTCDate(31 - day.getUTCDay());
  return day.toISOString().slice(0, 10);
})();
const dayBefore = new Date(Date.parse(fallBack) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = new Date(Date.parse(fallBack) + 86_400_000).toISOString().slice(0, 10);

const session = (over: Partial<CreateSessionInput> = {}): CreateSessionInput => ({
  dialogueId,
  title: 'Dialogmöte; frågor, svar och mer',
  agenda: '1. Behovet – varför vi upphandlar\n2. Frågor från leverantörerna, med en mycket lång rad som måste vikas i filen eftersom den är längre än 75 oktetter',
  startsAt: `${dayBefore}T10:00`,
  endsAt: `${dayBefore}T11:30`,
  timeZone: 'Europe/Stockholm',
  format: 'online',
  meetingLink: LINK,
  capacity: 1,
  questionsNeedApproval: false,
  ...over,
});

async function download(visitor: Visitor | null, sessionId: string, query = ''): Promise<Response> {
  const cookie = visitor?.cookie();
  return fetch(`${server.url}/calendar/sessions/${sessionId}.ics${query}`, { headers: cookie ? { cookie } : {} });
}

async function parsedDownload(visitor: Visitor | null, sessionId: string) {
  const response = await download(visitor, sessionId);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  const text = await response.text();
  expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  const { events, timezones } = parseCalendar(text);
  expect(events).toHaveLength(1);
  return { event: events[0]!, timezones, text };
}

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  await buyer.registerVerified({ name: 'Kalle Köpare', email: 'kalle@kalender.example', password: PASSWORD, representation: 'buyer', organisationName: 'Kalenderkommunen' });
  supplier = server.visitor();
  await supplier.registerVerified({ name: 'Sara Säljare', email: 'sara@kalender.example', password: PASSWORD, representation: 'supplier', organisationName: 'Sara AB' });
  other = server.visitor();
  await other.registerVerified({ name: 'Olle Övrig', email: 'olle@kalender.example', password: PASSWORD, representation: 'supplier', organisationName: 'Olle AB' });
  const dialogue = (visibility: 'public' | 'registered') => ({
    title: visibility === 'public' ? 'Smarta kalendrar' : 'Slutna kalendrar',
    description: 'Vi söker lösningar.',
    arenaId: 'healthcare' as const,
    phase: 'market-dialogue' as const,
    questionDeadline: new Date(Date.now() + 400 * 24 * 3_600_000).toISOString(),
    visibility,
  });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate(dialogue('public')));
  ({ dialogueId: registeredOnlyDialogueId } = await buyer.api.dialogues.create.mutate(dialogue('registered')));
});

afterAll(async () => {
  await server?.stop();
});

describe('a session as an iCalendar file', () => {
  it('places the times right on both sides of a daylight-saving change, and across one', async () => {
    const before = await buyer.api.sessions.create.mutate(session());
    const after = await buyer.api.sessions.create.mutate(session({ startsAt: `${dayAfter}T10:00`, endsAt: `${dayAfter}T11:30` }));
    // 01:30 summer time to 03:30 winter time: three hours, the clock shows two and a half.
    const across = await buyer.api.sessions.create.mutate(session({ startsAt: `${fallBack}T01:30`, endsAt: `${fallBack}T03:30` }));
    const a = await parsedDownload(buyer, before.sessionId);
    const b = await parsedDownload(buyer, after.sessionId);
    const c = await parsedDownload(buyer, across.sessionId);
    expect(a.timezones).toEqual(['Europe/Stockholm']);
    expect(a.event.tzid).toBe('Europe/Stockholm');
    expect(a.text).toContain(`DTSTART;TZID=Europe/Stockholm:${dayBefore.replaceAll('-', '')}T100000`);
    expect({ start: a.event.start, end: a.event.end }).toEqual({ start: `${dayBefore}T08:00:00.000Z`, end: `${dayBefore}T09:30:00.000Z` });
    expect({ start: b.event.start, end: b.event.end }).toEqual({ start: `${dayAfter}T09:00:00.000Z`, end: `${dayAfter}T10:30:00.000Z` });
    expect({ start: c.event.start, end: c.event.end }).toEqual({ start: `${dayBefore}T23:30:00.000Z`, end: `${fallBack}T02:30:00.000Z` });
    // Another zone's change (New York goes back a week later) comes with that zone's own rules.
    const firstSundayOfNovember = (() => {
      const day = new Date(Date.UTC(year, 10, 1));
      day.setUTCDate(1 + ((7 - day.getUTCDay()) % 7));
      return day.toISOString().slice(0, 10);
    })();
    const ny = await buyer.api.sessions.create.mutate(
      session({ startsAt: `${firstSundayOfNovember}T09:00`, endsAt: `${firstSundayOfNovember}T10:00`, timeZone: 'America/New_York' }),
    );
    const d = await parsedDownload(buyer, ny.sessionId);
    expect(d.timezones).toEqual(['America/New_York']);
    expect(d.event.start).toBe(`${firstSundayOfNovember}T14:00:00.000Z`);
  });

  it('keeps the UID, raises SEQUENCE with each change, and says CANCELLED when cancelled; text survives escaping and folding', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate(session({ startsAt: `${year}-05-04T10:00`, endsAt: `${year}-05-04T11:00` }));
    const first = (await parsedDownload(buyer, sessionId)).event;
    expect(first.sequence).toBe(0);
    expect(first.status).toBe('CONFIRMED');
    expect(first.summary).toBe(session().title);
    expect(first.description).toContain(session().agenda);
    expect(first.uid).toMatch(new RegExp(`^session-${sessionId}@`));

    await buyer.api.sessions.update.mutate({ ...session({ startsAt: `${year}-05-04T13:00`, endsAt: `${year}-05-04T14:00` }), sessionId, dialogueId: undefined } as never);
    const moved = (await parsedDownload(buyer, sessionId)).event;
    expect({ uid: moved.uid, sequence: moved.sequence, start: moved.start }).toEqual({ uid: first.uid, sequence: 1, start: `${year}-05-04T11:00:00.000Z` });

    await buyer.api.sessions.cancel.mutate({ sessionId, reason: 'Lokalen är inte ledig.' });
    const cancelled = (await parsedDownload(buyer, sessionId)).event;
    expect({ uid: cancelled.uid, sequence: cancelled.sequence, status: cancelled.status }).toEqual({ uid: first.uid, sequence: 2, status: 'CANCELLED' });
    expect(cancelled.description).toContain('Lokalen är inte ledig.');
  });

  it('carries the meeting link only for those registered and the hosts', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate(session({ startsAt: `${year}-05-06T10:00`, endsAt: `${year}-05-06T11:00` }));
    await supplier.api.sessions.register.mutate({ sessionId });
    // The one place is taken: the other supplier waits, and a waitlist place is no link.
    expect(await other.api.sessions.register.mutate({ sessionId })).toEqual({ state: 'waitlisted' });
    const file = async (visitor: Visitor | null) => (await parsedDownload(visitor, sessionId)).text;
    expect(await file(buyer)).toContain(LINK);
    expect(await file(supplier)).toContain(LINK);
    expect(await file(other)).not.toContain(LINK);
    expect((await parsedDownload(other, sessionId)).event.status).toBe('TENTATIVE');
    expect(await file(null)).not.toContain(LINK);
  });

  it('answers a session of a dialogue the caller may not see exactly as a missing one', async () => {
    const { sessionId } = await buyer.api.sessions.create.mutate(session({ dialogueId: registeredOnlyDialogueId, startsAt: `${year}-05-07T10:00`, endsAt: `${year}-05-07T11:00` }));
    expect((await download(supplier, sessionId)).status).toBe(200);
    const hidden = await download(null, sessionId);
    const missing = await download(null, 'aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe(await missing.text());
    expect((await download(null, '..%2F..%2Fetc')).status).toBe(404);
    expect((await download(buyer, sessionId, '?language=xx')).status).toBe(400);
  });
});

describe('calendar feeds', () => {
  /** The feed's path at the test server (PUBLIC_URL in tests names no port). */
  const fetchFeed = (url: string) => fetch(`${server.url}${new URL(url).pathname}`);

  it('serves a person’s own sessions by token alone, as that person may see them; keeps only the token’s hash', async () => {
    const mine = await buyer.api.sessions.create.mutate(session({ title: 'Mitt möte', startsAt: `${year}-06-01T10:00`, endsAt: `${year}-06-01T11:00`, capacity: 5 }));
    const notMine = await buyer.api.sessions.create.mutate(session({ title: 'Inte mitt möte', startsAt: `${year}-06-02T10:00`, endsAt: `${year}-06-02T11:00` }));
    await supplier.api.sessions.register.mutate({ sessionId: mine.sessionId });
    const { url, feedId } = await supplier.api.calendar.createFeed.mutate({ scope: 'person' });
    const token = /\/calendar\/feeds\/([A-Za-z0-9_-]{43})\.ics$/.exec(url)?.[1] ?? '';
    expect(token).not.toBe('');

    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    const feed = parseCalendar(await response.text());
    expect(feed.name).toBe('Mina dialogmöten – Dialogforum');
    expect(feed.events.map((event) => event.summary)).toContain('Mitt möte');
    expect(feed.events.map((event) => event.summary)).not.toContain('Inte mitt möte');
    expect(feed.events.find((event) => event.summary === 'Mitt möte')?.description).toContain(LINK);
    expect(notMine.sessionId).toBeTruthy();

    const stored = await server.app.services.store.collection<CalendarFeedDocument>(CALENDAR_FEEDS).find({ userId: { $exists: true } });
    expect(stored.some((document) => JSON.stringify(document).includes(token))).toBe(false);
    expect(await supplier.api.calendar.feeds.query()).toEqual([{ id: feedId, scope: 'person', dialogue: null, createdAt: expect.any(String) }]);
    // The person's data export names the feed, never its token.
    const exported = JSON.stringify(await supplier.api.accounts.exportMyData.query());
    expect(exported).toContain('"calendarFeeds":[{"scope":"person"');
    expect(exported).not.toContain(token);
  });

  it('a new feed URL revokes the old one; a revoked one answers 404 like one that never was', async () => {
    const first = await other.api.calendar.createFeed.mutate({ scope: 'dialogue', dialogueId });
    expect((await fetchFeed(first.url)).status).toBe(200);
    const second = await other.api.calendar.createFeed.mutate({ scope: 'dialogue', dialogueId });
    const revoked = await fetchFeed(first.url);
    const never = await fetchFeed(`${server.url}/calendar/feeds/${'A'.repeat(43)}.ics`);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe(await never.text());
    const feed = parseCalendar(await (await fetchFeed(second.url)).text());
    expect(feed.name).toBe('Dialogmöten: Smarta kalendrar – Dialogforum');
    // Every session of the dialogue, the cancelled one as cancelled; no link where the person has no place.
    expect(feed.events.some((event) => event.status === 'CANCELLED')).toBe(true);
    expect(feed.events.filter((event) => event.status !== 'TENTATIVE').every((event) => !event.description.includes(LINK))).toBe(true);

    // Someone else cannot revoke it; its person can.
    await supplier.api.calendar.revokeFeed.mutate({ feedId: second.feedId });
    expect((await fetchFeed(second.url)).status).toBe(200);
    await other.api.calendar.revokeFeed.mutate({ feedId: second.feedId });
    expect((await fetchFeed(second.url)).status).toBe(404);
    expect(await other.api.calendar.feeds.query()).toEqual([]);
  });

  it('is refused for a dialogue its person may not see, and stops when they may no longer see it', async () => {
    const anonymous = server.visitor();
    await expect(anonymous.api.calendar.createFeed.mutate({ scope: 'dialogue', dialogueId: registeredOnlyDialogueId })).rejects.toThrow();
    const { url } = await supplier.api.calendar.createFeed.mutate({ scope: 'dialogue', dialogueId: registeredOnlyDialogueId });
    expect((await fetchFeed(url)).status).toBe(200);
    await server.app.services.store.collection('users').updateOne({ email: 'sara@kalender.example' }, { $set: { blockedAt: new Date().toISOString() } });
    expect((await fetchFeed(url)).status).toBe(404);
    await server.app.services.store.collection('users').updateOne({ email: 'sara@kalender.example' }, { $set: { blockedAt: null } });
    expect((await fetchFeed(url)).status).toBe(200);
  });

  it('is rate limited per feed', async () => {
    const { url } = await buyer.api.calendar.createFeed.mutate({ scope: 'person' });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await fetchFeed(url)).status);
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    const refused = await fetchFeed(url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
