// An organisation invited to a consortium after it was formed finds the invitation among its own,
// and the consortium among its consortia once it confirms. Both lists are read by the consortia's
// index on `members.organisationId`, a path through an array: before the embedded store moved such
// keys on update (ordered-index.ts, `sameKeys`), both lists stayed empty for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('an invitation made after the consortium was formed', () => {
  it('is listed for the invited organisation, and the consortium once it confirms', async () => {
    const person = signUpPeople(server, 'later-invitation.example', 'inbjuden i efterhand');
    const buyer = await person('Berit', 'buyer', 'Forskningsanläggningen');
    const sune = await person('Sune', 'supplier', 'Magnetbolaget AB');
    const rita = await person('Rita', 'supplier', 'Kryobolaget AB');
    const { opportunityId } = await buyer.api.consortia.publishOpportunity.mutate({ title: 'Kryostater', facility: 'MAX IV', description: 'Upphandling av kryostater.' });
    const { consortiumId } = await sune.api.consortia.form.mutate({ opportunityId, name: 'Kryokonsortiet', visibility: 'public', invite: [] });
    await sune.api.consortia.invite.mutate({ consortiumId, organisationIds: [await organisationOf(rita)] });
    expect((await rita.api.consortia.mine.query()).invitations.map((summary) => summary.id)).toEqual([consortiumId]);
    await rita.api.consortia.confirm.mutate({ consortiumId, visibility: 'public' });
    const mine = await rita.api.consortia.mine.query();
    expect(mine.invitations).toEqual([]);
    expect(mine.consortia.map((summary) => [summary.id, summary.status])).toEqual([[consortiumId, 'confirmed']]);
  });
});
