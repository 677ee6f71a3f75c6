// A buyers' network's sessions in a member's personal calendar feed (issue 11 §4), over the real
// server and read back with ical.js as a calendar app would. The feed is fetched by its token alone,
// so the membership is asked again on every fetch: a session the person registered for or scheduled
// is there while their organisation is a verified member, with the meeting link only where the
// session's page would show it; it is gone — title and link — once the organisation leaves, is
// removed, or loses its verification, and the feed itself is gone for a blocked or erased person.
// No public reader carries it: not a session's calendar file, a dialogue's feed, or open data.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalendar } from '../support/icalendar.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
const PASSWORD = 'nätverkets möten i min kalender';
const DOMAIN = 'network-session-calendar.example';
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, DOMAIN, PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // Region Norr, who forms the network (its admin) and schedules the main session
let bengt: Visitor; // Kommun Syd, registered; his organisation loses its verification
let cilla: Visitor; // Stad Väst, who schedules a session of her own, then her organisation leaves
let dan: Visitor; // Region Öst, who schedules a session of his own, then his organisation is removed
let erik: Visitor; // Kommun Norr, registered, later blocked
let frida: Visitor; // Kommun Öst, registered, later erases herself
let sune: Visitor; // a supplier
const NETWORK = 'Kalendernätverket för vårdsensorer';
const MAIN = 'Sensorgenomgång i nätverket';
const LINK = 'https://meet.example/natverk-hemlig-kalender';
const OTHER_LINK = 'https://meet.example/natverk-annan-lank';
const org = { syd: '', vast: '', ost: '' };
let networkId = '';
const ids = { main: '', cillas: '', dans: '', unregistered: '' };
const feeds = new Map<Visitor, string>();
const year = new Date().getUTCFullYear() + 1;

const schedule = (title: string, day: number, link = LINK) => ({
  networkId,
  title,
  agenda: 'Vi går igenom kravbilden.',
  startsAt: `${year}-05-${String(day).padStart(2, '0')}T10:00`,
  endsAt: `${year}-05-${String(day).padStart(2, '0')}T11:30`,
  timeZone: 'Europe/Stockholm',
  format: 'online' as const,
  meetingLink: link,
  capacity: 10,
});
/** The feed's path at the test server (PUBLIC_URL in tests names no port). */
const fetchFeed = (visitor: Visitor) => fetch(`${server.url}${new URL(feeds.get(visitor) ?? '').pathname}`);
async function feedOf(visitor: Visitor): Promise<{ text: string; events: ReturnType<typeof parseCalendar>['events'] }> {
  const response = await fetchFeed(visitor);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, events: parseCalendar(text).events };
}
const titlesIn = async (visitor: Visitor) => (await feedOf(visitor)).events.map((event) => event.summary).sort();

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  cilla = await person('Cilla', 'buyer', 'Stad Väst');
  dan = await person('Dan', 'buyer', 'Region Öst');
  erik = await person('Erik', 'buyer', 'Kommun Norr');
  frida = await person('Frida', 'buyer', 'Kommun Öst');
  sune = await person('Sune', 'supplier', 'Sensorbolaget AB');
  org.syd = await organisationOf(bengt);
  org.vast = await organisationOf(cilla);
  org.ost = await organisationOf(dan);
  await verifyOrganisations(moderator, [anna, bengt, cilla, dan, erik, frida]);
  networkId = await networkOf(anna, [bengt, cilla, dan, erik, frida], { name: NETWORK, joining: 'invitation' });
  ids.main = (await anna.api.networks.scheduleSession.mutate(schedule(MAIN, 10))).sessionId;
  ids.cillas = (await cilla.api.networks.scheduleSession.mutate(schedule('Cillas planeringsmöte', 11, OTHER_LINK))).sessionId;
  ids.dans = (await dan.api.networks.scheduleSession.mutate(schedule('Dans planeringsmöte', 12, OTHER_LINK))).sessionId;
  ids.unregistered = (await anna.api.networks.scheduleSession.mutate(schedule('Ett möte ingen anmält sig till', 13, OTHER_LINK))).sessionId;
  for (const visitor of [bengt, cilla, dan, erik, frida]) await visitor.api.networks.registerForSession.mutate({ sessionId: ids.main });
  for (const visitor of [anna, bengt, cilla, dan, erik, frida, sune]) feeds.set(visitor, (await visitor.api.calendar.createFeed.mutate({ scope: 'person' })).url);
});

afterAll(async () => {
  await server?.stop();
});

describe('a member’s personal feed', () => {
  it('carries the network sessions the person registered for, with the link, the network’s name and the session’s page', async () => {
    const { events } = await feedOf(bengt);
    expect(events.map((event) => event.summary)).toEqual([MAIN]);
    const [event] = events;
    expect(event?.uid).toBe(`network-session-${ids.main}@${new URL(server.app.services.config.publicUrl).hostname}`);
    expect(event?.status).toBe('CONFIRMED');
    expect(event?.description).toContain(`Nätverk: ${NETWORK}`);
    expect(event?.description).toContain(`Möteslänk: ${LINK}`);
    expect(event?.description).toContain(`/networks/sessions/${ids.main}`);
    expect(event?.start).toBe(`${year}-05-10T08:00:00.000Z`);
  });

  it('carries the sessions the person scheduled, with their link, and none they neither scheduled nor registered for', async () => {
    expect(await titlesIn(cilla)).toEqual(['Cillas planeringsmöte', MAIN]);
    expect((await feedOf(cilla)).text).toContain(OTHER_LINK.slice(0, 30));
    expect(await titlesIn(anna)).toEqual(['Ett möte ingen anmält sig till', MAIN]);
    expect((await feedOf(bengt)).text).not.toContain('Ett möte ingen');
  });

  it('is never in a supplier’s feed, a session’s calendar file (even for a registered member), or open data', async () => {
    const { text } = await feedOf(sune);
    expect(text).not.toContain(MAIN);
    const missing = randomBytes(12).toString('hex');
    const hidden = await fetch(`${server.url}/calendar/sessions/${ids.main}.ics`, { headers: { cookie: bengt.cookie() ?? '' } });
    const absent = await fetch(`${server.url}/calendar/sessions/${missing}.ics`, { headers: { cookie: bengt.cookie() ?? '' } });
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe(await absent.text());
    for (const path of ['/api/open/v1/dialogues', '/api/open/v1/arenas/healthcare']) expect(await (await fetch(`${server.url}${path}`)).text()).not.toContain(MAIN);
  });

  it('strikes a cancelled session, with a raised SEQUENCE and the reason', async () => {
    await dan.api.networks.cancelSession.mutate({ sessionId: ids.dans, reason: 'Flyttas till hösten' });
    const event = (await feedOf(dan)).events.find((each) => each.uid.startsWith(`network-session-${ids.dans}@`));
    expect(event).toMatchObject({ status: 'CANCELLED', sequence: 1, summary: 'INSTÄLLT: Dans planeringsmöte' });
    expect(event?.description).toContain('INSTÄLLT: Flyttas till hösten');
  });
});

describe('losing the right, asked again on every fetch', () => {
  it('drops every network session, and its link, once the organisation leaves', async () => {
    expect(await titlesIn(cilla)).toContain('Cillas planeringsmöte');
    await cilla.api.networks.leave.mutate({ networkId, reason: 'Vi avvaktar.' });
    const { text, events } = await feedOf(cilla);
    expect(events).toEqual([]);
    expect(text).not.toContain('Cillas planeringsmöte');
    expect(text).not.toContain(OTHER_LINK.slice(0, 30));
    expect(text).not.toContain(NETWORK.slice(0, 20));
  });

  it('drops them once the organisation is removed, the session the person scheduled too', async () => {
    expect(await titlesIn(dan)).toEqual(['INSTÄLLT: Dans planeringsmöte', MAIN]);
    await anna.api.networks.remove.mutate({ networkId, organisationId: org.ost, reason: 'Har gått vidare.' });
    expect((await feedOf(dan)).events).toEqual([]);
    // The session stays on record for the network, who still see it.
    expect(await titlesIn(anna)).toContain(MAIN);
  });

  it('drops them while the organisation is not verified, though the registration stays, and brings them back when verified again', async () => {
    await moderator.api.organisations.rejectVerification.mutate({ organisationId: org.syd, reason: 'Organisationsnumret stämmer inte.' });
    const { text, events } = await feedOf(bengt);
    expect(events).toEqual([]);
    expect(text).not.toContain(LINK.slice(0, 30));
    // Bengt's place is still held (his, Erik's and Frida's): only the feed's check leaves it out.
    expect((await anna.api.networks.session.query({ sessionId: ids.main })).registeredCount).toBe(3);
    await moderator.api.organisations.verify.mutate({ organisationId: org.syd });
    expect(await titlesIn(bengt)).toEqual([MAIN]);
  });

  it('answers a blocked person’s feed as a feed that never was', async () => {
    expect(await titlesIn(erik)).toEqual([MAIN]);
    const erikId = (await erik.api.accounts.me.query())?.id ?? '';
    await moderator.api.accounts.block.mutate({ userId: erikId });
    const blocked = await fetchFeed(erik);
    const never = await fetch(`${server.url}/calendar/feeds/${'A'.repeat(43)}.ics`);
    expect(blocked.status).toBe(404);
    expect(await blocked.text()).toBe(await never.text());
  });

  it('answers an erased person’s feed as a feed that never was', async () => {
    expect(await titlesIn(frida)).toEqual([MAIN]);
    await frida.api.accounts.erase.mutate({ password: PASSWORD });
    const erased = await fetchFeed(frida);
    expect(erased.status).toBe(404);
    expect(await erased.text()).not.toContain(MAIN);
  });
});
