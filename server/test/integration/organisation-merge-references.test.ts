// A moderator merges duplicate organisations (issue 8 §1): what the duplicate held is the survivor's
// from then on, and nothing of it is lost. Here a supplier organisation registered twice (each record
// booked a one-to-one meeting in the same open round, and both were minuted) and a buyer organisation
// registered twice (the duplicate co-owns the dialogue, runs a relay project for it and published a
// library guide). After the
// merges the duplicate's people, members of the survivor now, still see their meeting, its link and
// its minutes on the round page and in search, the survivor's people see them too, the merged
// buyer's people still manage the dialogue, the relay project and the guide, and the other supplier's minutes
// reach none of them. The log keeps what happened as it happened (`meeting.booked` by the
// duplicate's person) and records each move once, even when the server restarts and the reactions
// to the merge run again.
import type { SearchResultsView } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSORTIA_MERGE } from '../../src/modules/consortia/merge-processor.ts';
import { LIBRARY_MERGE } from '../../src/modules/library/merge-processor.ts';
import { MEETING_SLOTS, type MeetingSlotDocument } from '../../src/modules/meetings/documents.ts';
import { MEETINGS_MERGE } from '../../src/modules/meetings/merge-processor.ts';
import { NETWORKS_MERGE } from '../../src/modules/networks/merge-processor.ts';
import { RELAY_MERGE } from '../../src/modules/relay/merge-processor.ts';
import { SEARCH_INDEXER } from '../../src/modules/search/indexer-processor.ts';
import { CHECKPOINTS, type CheckpointDocument } from '../../src/platform/events/checkpoints.ts';
import { EVENTS, type DomainEvent } from '../../src/platform/events/event-log.ts';
import { openStore } from '../../src/platform/store/open-store.ts';
import { hitIds, settledSearch } from '../support/settled-search.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let greta: Visitor; // the buyer organisation that stays
let dan: Visitor; // its duplicate, co-owner of the dialogue
let owner: Visitor; // the dialogue's first owner
let alice: Visitor; // the supplier organisation that stays
let anna: Visitor; // its duplicate
let bob: Visitor; // another supplier
const PASSWORD = 'sammanslagna organisationer';
const year = new Date().getUTCFullYear() + 1;
const ids = { dialogue: '', round: '', relayProject: '', libraryItem: '', network: '', opportunity: '', annaSlot: '', aliceSlot: '', bobSlot: '', alices: '', annas: '', gretas: '', dans: '' };
const ANNA_SECRET = 'brokabelvakt';
const ALICE_SECRET = 'isbildningsradar';
const BOB_SECRET = 'saltspridarlarm';
const COMMON = 'halkvarning';

const search = (visitor: Visitor, q: string) => settledSearch(server, visitor, q);
const meeting = (slotId: string) => `meeting:${slotId}`;

async function findsNothingOf(visitor: Visitor, word: string): Promise<void> {
  const results = await search(visitor, word);
  expect(results.total).toBe(0);
  expect(results.hits).toEqual([]);
  expect(JSON.stringify(results)).not.toContain(word);
}

async function organisationOf(visitor: Visitor): Promise<string> {
  return (await visitor.api.accounts.me.query())!.organisation!.id;
}

async function eventsOf(type: DomainEvent['type']): Promise<DomainEvent[]> {
  return server.app.services.store.collection<DomainEvent>(EVENTS).find({ type });
}

/** What a member of the merged supplier organisation sees of the round: their two meetings, nothing of Bob's. */
async function seesOwnMeetings(visitor: Visitor): Promise<void> {
  const round = await visitor.api.meetings.round.query({ roundId: ids.round });
  const slot = (id: string) => round.slots.find((candidate) => candidate.id === id)!;
  expect(slot(ids.annaSlot)).toMatchObject({ booked: true, mine: true, minutes: expect.stringContaining(ANNA_SECRET) });
  expect(slot(ids.aliceSlot)).toMatchObject({ booked: true, mine: true, minutes: expect.stringContaining(ALICE_SECRET) });
  expect(slot(ids.bobSlot)).toMatchObject({ booked: true, mine: false, minutes: null, supplier: null });
  expect(round.meetingLink).toBe('https://meet.example/halka');
  expect(JSON.stringify(round)).not.toContain(BOB_SECRET);
  expect(hitIds(await search(visitor, ANNA_SECRET))).toEqual([meeting(ids.annaSlot)]);
  expect(hitIds(await search(visitor, COMMON))).toEqual([meeting(ids.annaSlot), meeting(ids.aliceSlot)].sort());
  await findsNothingOf(visitor, BOB_SECRET);
}

/** What the merged buyer organisation's people see: every meeting's minutes, found and readable. */
async function hostsTheRound(visitor: Visitor): Promise<void> {
  expect(hitIds(await search(visitor, COMMON))).toEqual([meeting(ids.annaSlot), meeting(ids.aliceSlot), meeting(ids.bobSlot)].sort());
  const round = await visitor.api.meetings.round.query({ roundId: ids.round });
  expect(round.viewer.isHost).toBe(true);
  expect(round.slots.find((slot) => slot.id === ids.bobSlot)?.minutes).toContain(BOB_SECRET);
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  [owner, greta, dan, alice, anna, bob] = [server.visitor(), server.visitor(), server.visitor(), server.visitor(), server.visitor(), server.visitor()];
  await owner.registerVerified({ name: 'Olle Ägare', email: 'olle@vag.example', password: PASSWORD, representation: 'buyer', organisationName: 'Vägkommunen' });
  await greta.registerVerified({ name: 'Greta Granne', email: 'greta@granne.example', password: PASSWORD, representation: 'buyer', organisationName: 'Grannkommunen' });
  await dan.registerVerified({ name: 'Dan Dubblett', email: 'dan@granne.example', password: PASSWORD, representation: 'buyer', organisationName: 'Grannkommunen (igen)' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: 'alice@givare.example', password: PASSWORD, representation: 'supplier', organisationName: 'Givarbolaget AB' });
  await anna.registerVerified({ name: 'Anna Andra', email: 'anna@givare.example', password: PASSWORD, representation: 'supplier', organisationName: 'Givarbolaget' });
  await bob.registerVerified({ name: 'Bob Konkurrent', email: 'bob@salt.example', password: PASSWORD, representation: 'supplier', organisationName: 'Saltbolaget AB' });
  [ids.alices, ids.annas, ids.gretas, ids.dans] = await Promise.all([organisationOf(alice), organisationOf(anna), organisationOf(greta), organisationOf(dan)]);

  ({ dialogueId: ids.dialogue } = await owner.api.dialogues.create.mutate({
    title: 'Halkbekämpning på broar',
    description: 'Vi söker sätt att varna för halka.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(server.clock.now().getTime() + 30 * 86_400_000).toISOString(),
    visibility: 'public',
  }));
  await owner.api.dialogues.addOwner.mutate({ dialogueId: ids.dialogue, organisationId: ids.dans });
  ({ roundId: ids.round } = await owner.api.meetings.openRound.mutate({
    dialogueId: ids.dialogue,
    title: 'Enskilda möten om halka',
    agenda: '1. Er lösning',
    timeZone: 'Europe/Stockholm',
    firstStartsAt: `${year}-03-10T09:00`,
    slotMinutes: 45,
    breakMinutes: 15,
    slotCount: 4,
    place: 'online',
    meetingLink: 'https://meet.example/halka',
  }));
  const slots = (await owner.api.meetings.round.query({ roundId: ids.round })).slots;
  [ids.annaSlot, ids.aliceSlot, ids.bobSlot] = [slots[0]!.id, slots[1]!.id, slots[2]!.id];
  await anna.api.meetings.book.mutate({ slotId: ids.annaSlot });
  await alice.api.meetings.book.mutate({ slotId: ids.aliceSlot });
  await bob.api.meetings.book.mutate({ slotId: ids.bobSlot });
  await dan.api.meetings.recordMinutes.mutate({ slotId: ids.annaSlot, minutes: `Givarbolaget visade ${ANNA_SECRET} för ${COMMON}.` });
  await dan.api.meetings.recordMinutes.mutate({ slotId: ids.aliceSlot, minutes: `Givarbolaget AB visade ${ALICE_SECRET} för ${COMMON}.` });
  await dan.api.meetings.recordMinutes.mutate({ slotId: ids.bobSlot, minutes: `Saltbolaget visade ${BOB_SECRET} och ${COMMON}.` });
  // The duplicate buyer runs a relay project for the dialogue, and Dan offers help in it,
  ({ projectId: ids.relayProject } = await dan.api.relay.create.mutate({ title: 'Halka på broar', arenaId: 'transport', dialogueIds: [ids.dialogue] }));
  await dan.api.relay.setContact.mutate({ projectId: ids.relayProject, offering: true, role: 'Projektledare' });
  // and publishes a guide in the library for it.
  const guide = { kind: 'guide', arenaIds: ['transport'], audiences: ['buyers'], language: 'sv', visibility: 'public', title: 'Vägledning om broar', summary: 'Så gjorde vi.', body: 'Börja med behovet.' } as const;
  ({ itemId: ids.libraryItem } = await dan.api.library.publish.mutate({ ...guide, arenaIds: [...guide.arenaIds], audiences: [...guide.audiences] }));
  // Dan founds a buyers' network (his organisation its admin); Greta's organisation asks to join it.
  ({ networkId: ids.network } = await dan.api.networks.create.mutate({ name: 'Brokommunerna', arenaId: 'transport', joining: 'on-request' }));
  await greta.api.networks.requestToJoin.mutate({ networkId: ids.network });
  // And he publishes a facility's procurement for suppliers to form consortia around.
  ({ opportunityId: ids.opportunity } = await dan.api.consortia.publishOpportunity.mutate({ title: 'Givare för broar', facility: 'Brolabbet', description: 'Upphandling av givare.' }));
  // Before the merges: each record of Givarbolaget sees only its own meeting; Greta's organisation owns nothing.
  expect(hitIds(await search(alice, COMMON))).toEqual([meeting(ids.aliceSlot)]);
  expect(hitIds(await search(anna, COMMON))).toEqual([meeting(ids.annaSlot)]);
  await findsNothingOf(greta, COMMON);

  const moderator = await server.moderator();
  // The buyer organisations are merged later (below): their merge writes every document of the
  // dialogue again, which would hide whether the supplier merge's own move reached the index.
  await moderator.api.organisations.merge.mutate({ organisationId: ids.annas, intoOrganisationId: ids.alices });
  await server.settled();
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('merging a supplier organisation that booked a meeting', () => {
  it('leaves its people (members of the survivor now) their meeting and its minutes, and gives the survivor’s people theirs', async () => {
    expect(await organisationOf(anna)).toBe(ids.alices);
    await seesOwnMeetings(anna);
    await seesOwnMeetings(alice);
  });

  it('shows the other supplier nothing of either meeting', async () => {
    const round = await bob.api.meetings.round.query({ roundId: ids.round });
    expect(round.slots.filter((slot) => slot.mine).map((slot) => slot.id)).toEqual([ids.bobSlot]);
    expect(round.slots.filter((slot) => slot.id !== ids.bobSlot).every((slot) => slot.minutes === null && slot.supplier === null)).toBe(true);
    expect(hitIds(await search(bob, COMMON))).toEqual([meeting(ids.bobSlot)]);
    await findsNothingOf(bob, ANNA_SECRET);
    await findsNothingOf(bob, ALICE_SECRET);
  });

  it('keeps the history as it happened and records the move once', async () => {
    const booked = await eventsOf('meeting.booked');
    expect(booked.find((event) => event.subject.slotId === ids.annaSlot)?.subject.by).toBe((await anna.api.accounts.me.query())!.id);
    const moved = await eventsOf('meeting.bookings_merged');
    expect(moved.map((event) => event.subject)).toEqual([{ roundId: ids.round, organisationId: ids.annas, intoOrganisationId: ids.alices }]);
    expect((await eventsOf('organisation.merged')).map((event) => event.subject)).toEqual([
      { organisationId: ids.annas, intoOrganisationId: ids.alices, by: expect.any(String) },
    ]);
  });
});

describe('merging a buyer organisation that co-owns the dialogue', () => {
  it('leaves its people managing the dialogue, and gives the survivor’s people the same rights', async () => {
    await (await server.moderator()).api.organisations.merge.mutate({ organisationId: ids.dans, intoOrganisationId: ids.gretas });
    expect((await owner.api.dialogues.get.query({ dialogueId: ids.dialogue })).owners.map((owner) => owner.id)).toEqual([await organisationOf(owner), ids.gretas]);
    await hostsTheRound(dan);
    await hostsTheRound(greta);
    await dan.api.dialogues.update.mutate({ dialogueId: ids.dialogue, title: 'Halkbekämpning på broar och viadukter' });
    await greta.api.meetings.recordMinutes.mutate({ slotId: ids.bobSlot, minutes: `Saltbolaget visade ${BOB_SECRET} och ${COMMON} igen.` });
    // The relay project the duplicate ran is the survivor's: its people manage it, the first owner's do not.
    for (const manager of [dan, greta]) {
      const project = await manager.api.relay.get.query({ projectId: ids.relayProject });
      expect(project.organisation.id).toBe(ids.gretas);
      expect(project.viewer).toMatchObject({ canManage: true, canPublish: true });
      expect((await manager.api.relay.mine.query({})).map((summary) => summary.id)).toEqual([ids.relayProject]);
    }
    expect((await dan.api.relay.get.query({ projectId: ids.relayProject })).viewer.myContact).toMatchObject({ offering: true, role: 'Projektledare' });
    expect((await owner.api.relay.get.query({ projectId: ids.relayProject })).viewer.canManage).toBe(false);
    expect((await eventsOf('relay.project_owner_merged')).map((event) => event.subject)).toEqual([
      { projectId: ids.relayProject, organisationId: ids.dans, intoOrganisationId: ids.gretas },
    ]);
    // So is the library item it published: its people and the survivor's revise it, the first owner's do not.
    for (const publisher of [dan, greta]) {
      const item = await publisher.api.library.get.query({ itemId: ids.libraryItem });
      expect(item.publisher).toEqual({ id: ids.gretas, name: 'Grannkommunen' });
      expect(item.viewer).toMatchObject({ canRevise: true, canWithdraw: true });
    }
    expect((await owner.api.library.get.query({ itemId: ids.libraryItem })).viewer).toMatchObject({ canRevise: false, canWithdraw: false });
    await greta.api.library.withdraw.mutate({ itemId: ids.libraryItem, reason: 'Ersatt av en nyare vägledning.' });
    // So is its standing in the network, the stronger of the two (admin member over a request):
    // both organisations' people are its admins, and the record shows the merge.
    for (const admin of [dan, greta]) {
      const network = await admin.api.networks.get.query({ networkId: ids.network });
      expect(network.viewer).toMatchObject({ isMember: true, isAdmin: true });
      expect(network.members.map((member) => [member.organisationId, member.role])).toEqual([[ids.gretas, 'admin']]);
      expect(network.record.filter((entry) => entry.organisationId === ids.dans).map((entry) => entry.what)).toEqual(['created', 'left']);
    }
    expect((await owner.api.networks.get.query({ networkId: ids.network })).viewer.isAdmin).toBe(false);
    // And the procurement it published: its people and the survivor's edit it, the first owner's do not.
    for (const buyer of [dan, greta]) expect((await buyer.api.consortia.opportunity.query({ opportunityId: ids.opportunity })).viewer.canEdit).toBe(true);
    expect((await owner.api.consortia.opportunity.query({ opportunityId: ids.opportunity })).viewer.canEdit).toBe(false);
    const history = await owner.api.dialogues.history.query({ dialogueId: ids.dialogue });
    expect(history.flatMap((entry) => entry.changes).filter((change) => change.field === 'owners').map((change) => change.to)).toEqual(
      expect.arrayContaining([['Grannkommunen']]),
    );
  });
});

describe('a restart while the reactions to the merge run', () => {
  it('handles the merge again without moving or recording anything twice', async () => {
    const [merged] = (await eventsOf('organisation.merged')).filter((event) => event.subject.organisationId === ids.annas);
    const slotsBefore = await server.app.services.store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId: ids.round }, { sort: { index: 1 } });
    // As a crash leaves it: the meetings' and the search index's checkpoints before the merge (saved at most once a second).
    await server.app.close();
    const store = await openStore({ dataDir: server.dataDir });
    for (const name of [MEETINGS_MERGE, RELAY_MERGE, LIBRARY_MERGE, NETWORKS_MERGE, CONSORTIA_MERGE, SEARCH_INDEXER]) {
      await store.collection<CheckpointDocument>(CHECKPOINTS).updateOne({ _id: name }, { $set: { seq: merged!.seq - 1 } });
    }
    await store.close();
    await server.restart();
    await server.settled();
    expect(await server.app.services.store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId: ids.round }, { sort: { index: 1 } })).toEqual(slotsBefore);
    expect(await eventsOf('meeting.bookings_merged')).toHaveLength(1);
    expect(await eventsOf('relay.project_owner_merged')).toHaveLength(1);
    expect(await eventsOf('library.item_publisher_merged')).toHaveLength(1);
    expect(await eventsOf('network.membership_merged')).toHaveLength(1);
    expect(await eventsOf('consortium.opportunity_buyer_merged')).toHaveLength(1);
    expect((await greta.api.networks.get.query({ networkId: ids.network })).members.map((member) => [member.organisationId, member.role])).toEqual([[ids.gretas, 'admin']]);
    expect((await greta.api.relay.get.query({ projectId: ids.relayProject })).viewer.canManage).toBe(true);
    await seesOwnMeetings(anna);
    await findsNothingOf(bob, ANNA_SECRET);
  });
});
