// The minutes of a one-to-one meeting are found by search by everyone who may read them, and by
// nobody else: while the round is open, the dialogue's buyers and the organisation that booked the
// meeting (each of its members, as long as they are one); once it is closed, everyone who may see
// the dialogue. Nobody else meets them as a hit, in a snippet or in a facet count — neither another
// supplier (who has minutes of their own in the same round), a researcher, nor an anonymous
// visitor. The engine filters by each document's reader list; the search route then reads every
// hit again against the store and the searcher's standing now, and that is the guard even when the
// index says otherwise.
import type { SearchResultsView } from '@dialogforum/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostReader, organisationReader } from '../../src/platform/policy/search-readers.ts';
import type { SearchDocument } from '../../src/platform/search/search-index.ts';
import { mailedToken } from '../support/mailbox.ts';
import { hitIds, settledSearch } from '../support/settled-search.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let alice: Visitor;
let kalle: Visitor;
let klara: Visitor;
let kurt: Visitor;
let bob: Visitor;
let rita: Visitor;
let anonymous: Visitor;
const PASSWORD = 'enskilda möten i sökningen';
const year = new Date().getUTCFullYear() + 1;
const ids = { dialogue: '', round: '', aliceSlot: '', bobSlot: '', aliceOrganisation: '', buyerOrganisation: '', kalle: '', klara: '', kurt: '', coOwner: '' };
/** Said only in Alice's meeting, and only in Bob's: a word of one must never reach the other. */
const ALICE_SECRET = 'vägbanegivare';
const BOB_SECRET = 'saltspridarlarm';
/** Said in both meetings. */
const COMMON = 'halkvarning';

const search = (visitor: Visitor, q: string) => settledSearch(server, visitor, q);

const minutesCount = (results: SearchResultsView) => results.facets?.kind.find((value) => value.value === 'meeting-minutes')?.count ?? 0;

/** Neither as a hit, a count, a snippet nor anywhere else in the answer. */
async function findsNothingOf(visitor: Visitor, word: string): Promise<void> {
  const results = await search(visitor, word);
  expect(results.total).toBe(0);
  expect(results.hits).toEqual([]);
  expect(minutesCount(results)).toBe(0);
  expect(JSON.stringify(results)).not.toContain(word);
}

async function newcomer(name: string, email: string): Promise<Visitor> {
  const visitor = server.visitor();
  await visitor.api.accounts.register.mutate({ name, email, password: PASSWORD, representation: 'supplier', language: 'sv' });
  await visitor.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, email, 'verify-email') });
  return visitor;
}

/** A newcomer who asks to join Alice's organisation, is let in, and acts for it. */
async function aliceColleague(name: string, email: string): Promise<{ visitor: Visitor; userId: string }> {
  const visitor = await newcomer(name, email);
  await visitor.api.organisations.requestToJoin.mutate({ organisationId: ids.aliceOrganisation });
  const requestId = (await alice.api.organisations.get.query({ organisationId: ids.aliceOrganisation })).joinRequests?.[0]?.id ?? '';
  await alice.api.organisations.decideJoinRequest.mutate({ requestId, approve: true });
  const me = await visitor.api.accounts.me.query();
  expect(me?.organisation?.id).toBe(ids.aliceOrganisation);
  return { visitor, userId: me!.id };
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  [buyer, alice, bob, anonymous] = [server.visitor(), server.visitor(), server.visitor(), server.visitor()];
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@vag.example', password: PASSWORD, representation: 'buyer', organisationName: 'Vägkommunen' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: 'alice@givare.example', password: PASSWORD, representation: 'supplier', organisationName: 'Givarbolaget AB' });
  await bob.registerVerified({ name: 'Bob Konkurrent', email: 'bob@salt.example', password: PASSWORD, representation: 'supplier', organisationName: 'Saltbolaget AB' });
  ids.aliceOrganisation = (await alice.api.accounts.me.query())!.organisation!.id;
  ids.buyerOrganisation = (await buyer.api.accounts.me.query())!.organisation!.id;
  // Three colleagues join Alice's organisation as plain members: one will be removed, one will leave, one will be blocked.
  ({ visitor: kalle, userId: ids.kalle } = await aliceColleague('Kalle Kollega', 'kalle@givare.example'));
  ({ visitor: klara, userId: ids.klara } = await aliceColleague('Klara Kollega', 'klara@givare.example'));
  ({ visitor: kurt, userId: ids.kurt } = await aliceColleague('Kurt Kollega', 'kurt@givare.example'));
  // Rita acts for a research institute.
  rita = await newcomer('Rita Forskare', 'rita@institut.example');
  await rita.api.organisations.create.mutate({ name: 'Vägforskningsinstitutet', kind: 'research' });

  ({ dialogueId: ids.dialogue } = await buyer.api.dialogues.create.mutate({
    title: 'Halkbekämpning på broar',
    description: 'Vi söker sätt att varna för halka.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(server.clock.now().getTime() + 30 * 86_400_000).toISOString(),
    visibility: 'public',
  }));
  ({ roundId: ids.round } = await buyer.api.meetings.openRound.mutate({
    dialogueId: ids.dialogue,
    title: 'Enskilda möten om halka',
    agenda: '1. Er lösning',
    timeZone: 'Europe/Stockholm',
    firstStartsAt: `${year}-03-10T09:00`,
    slotMinutes: 45,
    breakMinutes: 15,
    slotCount: 3,
    place: 'online',
    meetingLink: 'https://meet.example/halka',
  }));
  const slots = (await buyer.api.meetings.round.query({ roundId: ids.round })).slots;
  ids.aliceSlot = slots[0]!.id;
  ids.bobSlot = slots[1]!.id;
  await alice.api.meetings.book.mutate({ slotId: ids.aliceSlot });
  await bob.api.meetings.book.mutate({ slotId: ids.bobSlot });
  await buyer.api.meetings.recordMinutes.mutate({ slotId: ids.aliceSlot, minutes: `Givarbolaget visade ${ALICE_SECRET} för ${COMMON} på broar.` });
  await buyer.api.meetings.recordMinutes.mutate({ slotId: ids.bobSlot, minutes: `Saltbolaget visade ${BOB_SECRET} och ${COMMON} vid påfarter.` });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('minutes of a round that is still open', () => {
  it('are found by the booking organisation’s members, with the matched word highlighted, and only their own', async () => {
    for (const member of [alice, kalle, klara, kurt]) {
      const own = await search(member, ALICE_SECRET);
      expect(hitIds(own)).toEqual([`meeting:${ids.aliceSlot}`]);
      expect(own.hits[0]).toMatchObject({ kind: 'meeting-minutes', subjectId: ids.round, dialogueId: ids.dialogue });
      expect(own.hits[0]?.snippet.filter((part) => part.match).map((part) => part.text.toLowerCase())).toContain(ALICE_SECRET);
      // The word both meetings share: their own minutes, counted once; the other supplier's neither found nor counted.
      const common = await search(member, COMMON);
      expect(hitIds(common)).toEqual([`meeting:${ids.aliceSlot}`]);
      expect(common.total).toBe(1);
      expect(minutesCount(common)).toBe(1);
      expect(JSON.stringify(common)).not.toContain(BOB_SECRET);
      await findsNothingOf(member, BOB_SECRET);
    }
  });

  it('are found by the dialogue’s buyer, every meeting’s', async () => {
    const common = await search(buyer, COMMON);
    expect(hitIds(common)).toEqual([`meeting:${ids.aliceSlot}`, `meeting:${ids.bobSlot}`].sort());
    expect(minutesCount(common)).toBe(2);
  });

  it('are found by a buyer organisation made co-owner of the dialogue: the change writes their readers again', async () => {
    const doris = server.visitor();
    await doris.registerVerified({ name: 'Doris Delägare', email: 'doris@granne.example', password: PASSWORD, representation: 'buyer', organisationName: 'Grannkommunen' });
    await findsNothingOf(doris, COMMON);
    ids.coOwner = (await doris.api.accounts.me.query())!.organisation!.id;
    await buyer.api.dialogues.addOwner.mutate({ dialogueId: ids.dialogue, organisationId: ids.coOwner });
    const common = await search(doris, COMMON);
    expect(hitIds(common)).toEqual([`meeting:${ids.aliceSlot}`, `meeting:${ids.bobSlot}`].sort());
    expect(minutesCount(common)).toBe(2);
  });

  it('are kept from another supplier, a researcher and an anonymous visitor: no hit, snippet or count', async () => {
    const bobsCommon = await search(bob, COMMON);
    expect(hitIds(bobsCommon)).toEqual([`meeting:${ids.bobSlot}`]);
    expect(bobsCommon.total).toBe(1);
    expect(minutesCount(bobsCommon)).toBe(1);
    await findsNothingOf(bob, ALICE_SECRET);
    for (const outsider of [rita, anonymous]) {
      await findsNothingOf(outsider, ALICE_SECRET);
      await findsNothingOf(outsider, BOB_SECRET);
      await findsNothingOf(outsider, COMMON);
    }
  });

  it('are lost at once by a member removed from the booking organisation, one who leaves it, and one who is blocked', async () => {
    await alice.api.organisations.removeMember.mutate({ organisationId: ids.aliceOrganisation, userId: ids.kalle });
    expect((await kalle.api.accounts.me.query())?.organisation).toBeNull();
    await klara.api.organisations.removeMember.mutate({ organisationId: ids.aliceOrganisation, userId: ids.klara });
    await (await server.moderator()).api.accounts.block.mutate({ userId: ids.kurt });
    for (const former of [kalle, klara, kurt]) {
      await findsNothingOf(former, ALICE_SECRET);
      await findsNothingOf(former, COMMON);
    }
    // Alice, still a member, still finds them.
    expect(hitIds(await search(alice, ALICE_SECRET))).toEqual([`meeting:${ids.aliceSlot}`]);
  });

  it('are read again for each hit: an index that holds them for everyone still shows them to nobody else', async () => {
    // As if the index lagged behind or had been written by a node with another rule: Alice's
    // minutes are in it with no reader list. The engine finds them for anyone now; the route must not show them.
    const index = server.app.services.search;
    const id = `meeting:${ids.aliceSlot}`;
    const minutes = (readers: string[]): SearchDocument => ({
      id,
      kind: 'meeting-minutes',
      group: id,
      dialogueId: ids.dialogue,
      threadId: null,
      arenaId: 'transport',
      visibility: 'public',
      readers,
      buyerOrganisationIds: [ids.buyerOrganisation, ids.coOwner],
      phase: 'market-dialogue',
      answered: false,
      title: 'Enskilda möten om halka',
      body: `Givarbolaget visade ${ALICE_SECRET} för ${COMMON} på broar.`,
      createdAt: server.clock.now().toISOString(),
    });
    await index.upsert([minutes([])], 0);
    try {
      for (const outsider of [bob, rita, anonymous, kalle, klara]) {
        const results = await search(outsider, ALICE_SECRET);
        // The engine did find it (so the store's answer is what keeps it out), and it is not shown.
        expect(results.total).toBe(1);
        expect(results.hits).toEqual([]);
        expect(JSON.stringify(results.hits)).not.toContain(ALICE_SECRET);
      }
      expect(hitIds(await search(alice, ALICE_SECRET))).toEqual([id]);
    } finally {
      // Back to what the indexer wrote, so the round's closing below is what widens it.
      await index.upsert([minutes([hostReader(ids.buyerOrganisation), hostReader(ids.coOwner), organisationReader(ids.aliceOrganisation)])], 0);
    }
    expect((await search(bob, ALICE_SECRET)).total).toBe(0);
  });
});

describe('minutes of a closed round', () => {
  it('are found by everyone who may see the dialogue, each meeting’s, once the round closes', async () => {
    await buyer.api.meetings.closeRound.mutate({ roundId: ids.round });
    const both = [`meeting:${ids.aliceSlot}`, `meeting:${ids.bobSlot}`].sort();
    for (const participant of [anonymous, bob, rita, alice, kalle, buyer]) {
      const common = await search(participant, COMMON);
      expect(hitIds(common)).toEqual(both);
      expect(minutesCount(common)).toBe(2);
    }
    expect(hitIds(await search(bob, ALICE_SECRET))).toEqual([`meeting:${ids.aliceSlot}`]);
    expect(hitIds(await search(anonymous, BOB_SECRET))).toEqual([`meeting:${ids.bobSlot}`]);
  });
});
