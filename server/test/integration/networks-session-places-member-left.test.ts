// A person who leaves (or is removed from) a member organisation gives back their places in the
// network's sessions that have not begun (issue 11 §4), as the organisation's leaving does for all of
// its people: over the real server, the person can no longer open the session to unregister (it is
// a missing session to them), so a place kept would stay taken by nobody the network knows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkOf } from '../support/buyers-network.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let anna: Visitor; // Region Norr: forms the network, schedules the session
let bengt: Visitor; // Kommun Syd's owner, a member organisation
let berit: Visitor; // joins Kommun Syd, registers, then leaves it
let dora: Visitor; // Stad Väst: a member who finds the session full
let networkId = '';
let sessionId = '';
let kommunSyd = '';
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  const person = signUpPeople(server, 'network-places-left.example', 'platsen lämnas tillbaka');
  anna = await person('Anna', 'buyer', 'Region Norr');
  bengt = await person('Bengt', 'buyer', 'Kommun Syd');
  berit = await person('Berit', 'buyer', 'Berits kontor');
  dora = await person('Dora', 'buyer', 'Stad Väst');
  kommunSyd = await organisationOf(bengt);
  await berit.api.organisations.requestToJoin.mutate({ organisationId: kommunSyd });
  const request = (await bengt.api.organisations.get.query({ organisationId: kommunSyd })).joinRequests?.[0];
  if (!request) throw new Error('no join request');
  await bengt.api.organisations.decideJoinRequest.mutate({ requestId: request.id, approve: true });
  await berit.api.organisations.actFor.mutate({ organisationId: kommunSyd });
  networkId = await networkOf(anna, [bengt, dora], { name: 'Nätverket för hjälpmedel', joining: 'invitation' });
  ({ sessionId } = await anna.api.networks.scheduleSession.mutate({
    networkId,
    title: 'Genomgång av hjälpmedelskraven',
    agenda: 'Vi går igenom kravbilden.',
    startsAt: `${year}-06-10T10:00`,
    endsAt: `${year}-06-10T11:00`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/hjalpmedel',
    capacity: 1,
  }));
  await berit.api.networks.registerForSession.mutate({ sessionId });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('a network session’s place of a person who left the member organisation', () => {
  it('is given back, so a member can take it', async () => {
    expect((await dora.api.networks.session.query({ sessionId })).viewer.cannotRegisterBecause).toBe('full');
    const me = await berit.api.accounts.me.query();
    await berit.api.organisations.removeMember.mutate({ organisationId: kommunSyd, userId: me?.id ?? '' });
    await server.settled();
    expect((await dora.api.networks.session.query({ sessionId })).registeredCount).toBe(0);
    await dora.api.networks.registerForSession.mutate({ sessionId });
    expect((await dora.api.networks.session.query({ sessionId })).viewer.registered).toBe(true);
  });
});
