// A merged organisation's people keep their places in its buyers' networks' sessions, and those
// places follow the survivor from then on (issue 11 §4, with the organisation merge): over the real
// server, a person registered through the duplicate is in the survivor's network standing after the
// merge, and when the survivor later leaves or is removed, their place in a session not yet begun is
// given back like every other of the survivor's people's, so a full session opens to the members
// again and the person's calendar feed no longer carries it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCalendar } from '../support/icalendar.ts';
import { networkOf, verifyOrganisations } from '../support/buyers-network.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let moderator: Visitor;
let anna: Visitor; // Region Norr: forms the network, schedules the session
let bengt: Visitor; // Kommun Syd (the duplicate): registered for the session
let carl: Visitor; // Syds kommun (the survivor): not in the network before the merge
let dora: Visitor; // Stad Väst: a member who finds the session full
const org = { duplicate: '', survivor: '' };
let networkId = '';
let sessionId = '';
let bengtsFeed = '';
const SESSION = 'Genomgång av sensorkraven';
const year = new Date().getUTCFullYear() + 1;

const feedTitles = async () => {
  const response = await fetch(`${server.url}${new URL(bengtsFeed).pathname}`);
  expect(response.status).toBe(200);
  return parseCalendar(await response.text()).events.map((event) => event.summary);
};

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  const person = signUpPeople(server, 'merge-network-sessions.example', 'platser följer sammanslagningen');
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  carl = await person('Carl', 'buyer', 'Syds kommun');
  dora = await person('Dora', 'buyer', 'Stad Väst');
  await verifyOrganisations(moderator, [anna, bengt, carl, dora]);
  org.duplicate = await organisationOf(bengt);
  org.survivor = await organisationOf(carl);
  networkId = await networkOf(anna, [bengt, dora], { name: 'Sensornätverket i söder', joining: 'invitation' });
  ({ sessionId } = await anna.api.networks.scheduleSession.mutate({
    networkId,
    title: SESSION,
    agenda: 'Vi går igenom kravbilden.',
    startsAt: `${year}-06-10T10:00`,
    endsAt: `${year}-06-10T11:00`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/sensorkraven',
    capacity: 1,
  }));
  await bengt.api.networks.registerForSession.mutate({ sessionId });
  bengtsFeed = (await bengt.api.calendar.createFeed.mutate({ scope: 'person' })).url;
  await moderator.api.organisations.merge.mutate({ organisationId: org.duplicate, intoOrganisationId: org.survivor });
  await server.settled();
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('a network session’s places after an organisation merge', () => {
  it('keeps the merged person’s place, now as the survivor’s', async () => {
    expect(await organisationOf(bengt)).toBe(org.survivor);
    expect((await bengt.api.networks.session.query({ sessionId })).viewer.registered).toBe(true);
    expect(await feedTitles()).toEqual([SESSION]);
    expect((await dora.api.networks.session.query({ sessionId })).viewer.cannotRegisterBecause).toBe('full');
  });

  it('gives the place back when the survivor is removed from the network, as for any of its people', async () => {
    await anna.api.networks.remove.mutate({ networkId, organisationId: org.survivor, reason: 'Inte längre med i samarbetet' });
    await server.settled();
    expect(await feedTitles()).toEqual([]);
    const seen = await dora.api.networks.session.query({ sessionId });
    expect(seen.registeredCount).toBe(0);
    await dora.api.networks.registerForSession.mutate({ sessionId });
    expect((await dora.api.networks.session.query({ sessionId })).viewer.registered).toBe(true);
  });
});
