// A moderator merges duplicate supplier organisations, and what they held in consortia follows
// (consortia/merge-processor.ts), over the real server. Givarbolaget was registered twice (Alice's
// record stays, Anna's is the duplicate): both published a capability profile, both declared
// interest in the same procurement, both are members of Bob's consortium (Alice chose public, Anna
// the buyer only), Anna's record leads a consortium Alice's record is a member of, and only Anna's
// record is invited to another of Bob's. Cora's record is a duplicate of
// Carl's, and only Cora's had a profile. After the merges one organisation stands wherever two did,
// by the rules in the processor's comment, and nothing is lost: superseded profiles and closed
// interests stay readable, and the consortium's history keeps the duplicate's id.
import type { SaveCapabilityProfileInput } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERESTS, interestId, type InterestDocument } from '../../src/modules/consortia/documents.ts';
import { CONSORTIA_MERGE } from '../../src/modules/consortia/merge-processor.ts';
import { CHECKPOINTS, type CheckpointDocument } from '../../src/platform/events/checkpoints.ts';
import { EVENTS, type DomainEvent } from '../../src/platform/events/event-log.ts';
import { openStore } from '../../src/platform/store/open-store.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let alice: Visitor; // Givarbolaget AB, which stays
let anna: Visitor; // Givarbolaget, its duplicate
let bob: Visitor; // another supplier, lead of the first consortium
let carl: Visitor; // Kabelbolaget AB, which stays (no profile)
let cora: Visitor; // Kabelbolaget, its duplicate (with a profile)
const PASSWORD = 'konsortier slås samman';
const ids = { alices: '', annas: '', bobs: '', carls: '', coras: '', first: '', second: '', bobsConsortium: '', annasConsortium: '', invitation: '' };

const profile = (competences: string[], reference: string): SaveCapabilityProfileInput => ({
  summary: `Vi kan ${competences.join(' och ')}.`,
  competences,
  references: [{ title: reference, customer: 'Brolabbet', year: 2023, description: '' }],
  arenaIds: ['big-science'],
});

async function eventsOf(type: DomainEvent['type']): Promise<DomainEvent[]> {
  return server.app.services.store.collection<DomainEvent>(EVENTS).find({ type });
}

const foundBy = async (competence: string) => (await buyer.api.consortia.profiles.query({ competence })).map((found) => found.organisation.id);

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  const person = signUpPeople(server, 'merge-consortia.example', PASSWORD);
  buyer = await person('Berit', 'buyer', 'Brolabbet');
  alice = await person('Alice', 'supplier', 'Givarbolaget AB');
  anna = await person('Anna', 'supplier', 'Givarbolaget');
  bob = await person('Bob', 'supplier', 'Saltbolaget AB');
  carl = await person('Carl', 'supplier', 'Kabelbolaget AB');
  cora = await person('Cora', 'supplier', 'Kabelbolaget');
  [ids.alices, ids.annas, ids.bobs, ids.carls, ids.coras] = await Promise.all([organisationOf(alice), organisationOf(anna), organisationOf(bob), organisationOf(carl), organisationOf(cora)]);

  await alice.api.consortia.saveProfile.mutate(profile(['Isradar'], 'Isvarning på Öresundsbron'));
  await anna.api.consortia.saveProfile.mutate(profile(['Brokabelvakt'], 'Kabelvakt på Höga kusten'));
  await cora.api.consortia.saveProfile.mutate(profile(['Kabelskarvning'], 'Skarvar i Citytunneln'));

  const opportunity = { description: 'Upphandling av givare.', facility: 'Brolabbet' };
  ({ opportunityId: ids.first } = await buyer.api.consortia.publishOpportunity.mutate({ ...opportunity, title: 'Givare för broar' }));
  ({ opportunityId: ids.second } = await buyer.api.consortia.publishOpportunity.mutate({ ...opportunity, title: 'Givare för tunnlar' }));
  await alice.api.consortia.declareInterest.mutate({ opportunityId: ids.first, interested: true, note: 'Alice: vi har radarn.' });
  await anna.api.consortia.declareInterest.mutate({ opportunityId: ids.first, interested: true, note: 'Anna: vi har kabelvakten.' });
  await anna.api.consortia.declareInterest.mutate({ opportunityId: ids.second, interested: true, note: 'Anna: tunnlar också.' });

  // Bob's consortium: both records confirmed, Alice's for everyone, Anna's for the buyer only.
  ({ consortiumId: ids.bobsConsortium } = await bob.api.consortia.form.mutate({ opportunityId: ids.first, name: 'Brovakten', visibility: 'public', invite: [ids.alices, ids.annas] }));
  await alice.api.consortia.confirm.mutate({ consortiumId: ids.bobsConsortium, visibility: 'public' });
  await anna.api.consortia.confirm.mutate({ consortiumId: ids.bobsConsortium, visibility: 'buyer' });
  // Anna's record leads a consortium with Bob and Alice's record confirmed.
  ({ consortiumId: ids.annasConsortium } = await anna.api.consortia.form.mutate({ opportunityId: ids.second, name: 'Tunnelvakten', visibility: 'public', invite: [ids.bobs, ids.alices] }));
  await bob.api.consortia.confirm.mutate({ consortiumId: ids.annasConsortium, visibility: 'public' });
  await alice.api.consortia.confirm.mutate({ consortiumId: ids.annasConsortium, visibility: 'public' });
  // Bob invites only Anna's record to a third.
  ({ consortiumId: ids.invitation } = await bob.api.consortia.form.mutate({ opportunityId: ids.second, name: 'Kabelvakten', visibility: 'public', invite: [ids.annas] }));

  const moderator = await server.moderator();
  await moderator.api.organisations.merge.mutate({ organisationId: ids.annas, intoOrganisationId: ids.alices });
  await moderator.api.organisations.merge.mutate({ organisationId: ids.coras, intoOrganisationId: ids.carls });
  await server.settled();
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('capability profiles', () => {
  it('keeps the survivor’s profile where both had one, and the duplicate’s readable as history', async () => {
    const stands = await buyer.api.consortia.profile.query({ organisationId: ids.alices });
    expect(stands.competences).toEqual(['Isradar']);
    expect(stands.supersededBy).toBeNull();
    expect(stands.mergedProfiles).toEqual([{ id: ids.annas, name: 'Givarbolaget', kind: 'supplier' }]);
    const history = await buyer.api.consortia.profile.query({ organisationId: ids.annas });
    expect(history.supersededBy).toEqual({ id: ids.alices, name: 'Givarbolaget AB', kind: 'supplier' });
    expect(history.competences).toEqual(['Brokabelvakt']);
    expect(history.references.map((reference) => reference.title)).toEqual(['Kabelvakt på Höga kusten']);
    // Anna is one of the survivor's people now: she edits the survivor's profile, not the history.
    expect(history.viewer.canEdit).toBe(false);
    expect((await anna.api.consortia.profile.query({ organisationId: ids.alices })).viewer.canEdit).toBe(true);
    // Partner search finds the one organisation once, by the profile that stands.
    expect(await foundBy('isradar')).toEqual([ids.alices]);
    expect(await foundBy('brokabelvakt')).toEqual([]);
  });

  it('gives the survivor the duplicate’s profile where only the duplicate had one', async () => {
    const carried = await buyer.api.consortia.profile.query({ organisationId: ids.carls });
    expect(carried).toMatchObject({ competences: ['Kabelskarvning'], version: 1, supersededBy: null, mergedProfiles: [{ id: ids.coras }] });
    expect(carried.references.map((reference) => reference.title)).toEqual(['Skarvar i Citytunneln']);
    expect((await buyer.api.consortia.profile.query({ organisationId: ids.coras })).supersededBy?.id).toBe(ids.carls);
    expect(await foundBy('kabelskarvning')).toEqual([ids.carls]);
    expect((await cora.api.consortia.mine.query()).profile?.competences).toEqual(['Kabelskarvning']);
    expect((await eventsOf('consortium.profile_merged')).map((event) => event.subject)).toEqual([
      { organisationId: ids.annas, intoOrganisationId: ids.alices, carried: 'false', by: expect.any(String) },
      { organisationId: ids.coras, intoOrganisationId: ids.carls, carried: 'true', by: expect.any(String) },
    ]);
  });
});

describe('declared interest', () => {
  it('moves the duplicate’s interest, keeps the survivor’s where both declared, and closes the other with its reason', async () => {
    const first = await buyer.api.consortia.opportunity.query({ opportunityId: ids.first });
    expect(first.interested.map((interest) => [interest.organisation.id, interest.note])).toEqual([[ids.alices, 'Alice: vi har radarn.']]);
    expect(first.interestedCount).toBe(1);
    const second = await buyer.api.consortia.opportunity.query({ opportunityId: ids.second });
    expect(second.interested.map((interest) => [interest.organisation.id, interest.note])).toEqual([[ids.alices, 'Anna: tunnlar också.']]);
    expect((await anna.api.consortia.opportunity.query({ opportunityId: ids.second })).viewer.interested).toBe(true);
    const closed = await server.app.services.store.collection<InterestDocument>(INTERESTS).findOne({ _id: interestId(ids.first, ids.annas) });
    expect(closed).toMatchObject({ interested: false, note: 'Anna: vi har kabelvakten.', closed: { reason: 'merged', intoOrganisationId: ids.alices } });
    expect((await eventsOf('consortium.interest_merged')).map((event) => [event.subject.opportunityId, event.subject.kept])).toEqual([
      [ids.first, 'survivor'],
      [ids.second, 'duplicate'],
    ]);
  });
});

describe('consortium membership and lead', () => {
  it('keeps one membership where both were members, with the choice that shows less', async () => {
    const consortium = await bob.api.consortia.consortium.query({ consortiumId: ids.bobsConsortium });
    expect(consortium.members.map((member) => [member.organisation.id, member.role, member.status, member.choice])).toEqual([
      [ids.bobs, 'lead', 'confirmed', 'public'],
      [ids.alices, 'member', 'confirmed', 'buyer'],
    ]);
    // Anna's "buyer only" still holds: nobody outside sees the consortium.
    expect(consortium.visibility).toBe('buyer');
    await expect(carl.api.consortia.consortium.query({ consortiumId: ids.bobsConsortium })).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    // The history keeps what each record did, under its own id, and records the merge.
    expect(consortium.history.map((entry) => [entry.organisation.id, entry.action, entry.detail])).toEqual([
      [ids.bobs, 'formed', 'public'],
      [ids.alices, 'invited', ''],
      [ids.annas, 'invited', ''],
      [ids.alices, 'confirmed', 'public'],
      [ids.annas, 'confirmed', 'buyer'],
      [ids.annas, 'merged', 'Givarbolaget AB'],
    ]);
  });

  it('gives the survivor the lead the duplicate held, where both were confirmed members', async () => {
    for (const lead of [anna, alice]) {
      const consortium = await lead.api.consortia.consortium.query({ consortiumId: ids.annasConsortium });
      expect(consortium.lead.id).toBe(ids.alices);
      expect(consortium.members.map((member) => [member.organisation.id, member.role, member.status])).toEqual([
        [ids.alices, 'lead', 'confirmed'],
        [ids.bobs, 'member', 'confirmed'],
      ]);
      expect(consortium.viewer).toMatchObject({ isLead: true, canInvite: true, canConfirm: false });
      expect(consortium.visibility).toBe('public');
    }
    expect((await alice.api.consortia.mine.query()).consortia.map((summary) => summary.id).sort()).toEqual([ids.bobsConsortium, ids.annasConsortium].sort());
  });

  it('moves an invitation only the duplicate had, for the survivor to answer', async () => {
    const consortium = await alice.api.consortia.consortium.query({ consortiumId: ids.invitation });
    expect(consortium.members.map((member) => [member.organisation.id, member.status])).toEqual([
      [ids.bobs, 'confirmed'],
      [ids.alices, 'invited'],
    ]);
    expect(consortium.viewer.canConfirm).toBe(true);
    expect((await alice.api.consortia.mine.query()).invitations.map((summary) => summary.id)).toEqual([ids.invitation]);
    const events = (await eventsOf('consortium.member_merged')).map((event) => event.subject.consortiumId);
    expect(events.sort()).toEqual([ids.bobsConsortium, ids.annasConsortium, ids.invitation].sort());
  });
});

describe('a restart while the reaction to the merge runs', () => {
  it('handles the merge again without moving or recording anything twice', async () => {
    const merges = (await eventsOf('organisation.merged')).map((event) => event.seq);
    const consortiaBefore = await bob.api.consortia.consortium.query({ consortiumId: ids.bobsConsortium });
    await server.app.close();
    const store = await openStore({ dataDir: server.dataDir });
    await store.collection<CheckpointDocument>(CHECKPOINTS).updateOne({ _id: CONSORTIA_MERGE }, { $set: { seq: Math.min(...merges) - 1 } });
    await store.close();
    await server.restart();
    await server.settled();
    expect(await eventsOf('consortium.profile_merged')).toHaveLength(2);
    expect(await eventsOf('consortium.interest_merged')).toHaveLength(2);
    expect(await eventsOf('consortium.member_merged')).toHaveLength(3);
    expect(await bob.api.consortia.consortium.query({ consortiumId: ids.bobsConsortium })).toEqual(consortiaBefore);
    expect((await buyer.api.consortia.profile.query({ organisationId: ids.carls })).versions).toHaveLength(1);
  });
});
