// Consortia (issue 11 §5), over the real server: a supplier and a research institute publish
// capability profiles and find each other through an opportunity a buyer published; the supplier
// forms a consortium kept to the buyer and invites the institute, which counts only once it
// confirms; a third supplier probing the consortium finds nothing — not its page, not a list entry,
// not a count — until every confirmed member chooses public; leaving and removal stay on record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaveCapabilityProfileInput } from '@dialogforum/contracts';
import { lastEventSeq, readEventsAfter } from '../../src/platform/events/event-log.ts';
import { mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { organisationOf, signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
/** Signs up one of this file's people (their addresses at consortia.example). */
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'consortia.example', PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // buyer at the research facility's procuring organisation
let sune: Visitor; // owner of Magnetbolaget AB, a supplier, who leads
let rita: Visitor; // owner of Acceleratorinstitutet, a research organisation
let tor: Visitor; // owner of a third supplier, outside the consortium
let kalle: Visitor; // a plain member (not an admin) of Magnetbolaget
let anonymous: Visitor;
const PASSWORD = 'konsortiet bygger acceleratorn';
const ids = { magnet: '', institute: '', third: '', opportunity: '', consortium: '' };
const NAME = 'Magnetkonsortiet Kvarnbacken';

const profile = (over: Partial<SaveCapabilityProfileInput> = {}): SaveCapabilityProfileInput => ({
  summary: 'Vi konstruerar och tillverkar magneter för acceleratorer.',
  competences: ['Supraledande magneter', 'Precisionsmekanik'],
  references: [{ title: 'Korrektionsmagneter', customer: 'ESS', year: 2022, description: '' }],
  arenaIds: ['big-science'],
  ...over,
});

/** A raw GET of a query, so answers can be compared byte for byte. */
async function rawQuery(visitor: Visitor | null, procedure: string, input: unknown): Promise<{ status: number; body: string }> {
  const cookie = visitor?.cookie();
  const response = await fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: await response.text() };
}

/** Everything the visitor can reach about consortia, as text, to look for the hidden consortium in. */
async function everythingSeenBy(visitor: Visitor): Promise<string> {
  const answers = await Promise.all([
    visitor.api.consortia.opportunity.query({ opportunityId: ids.opportunity }),
    visitor.api.consortia.arena.query({ arenaId: 'big-science' }),
    visitor.api.consortia.mine.query(),
    visitor.api.search.query.query({ q: 'Magnetkonsortiet' }),
    fetch(`${server.url}/api/open/v1/dialogues`).then((response) => response.text()),
  ]);
  return JSON.stringify(answers);
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  anna = await person('Anna', 'buyer', 'Forskningsanläggningen AB');
  sune = await person('Sune', 'supplier', 'Magnetbolaget AB');
  tor = await person('Tor', 'supplier', 'Tredje leverantören AB');
  rita = await person('Rita', 'supplier', 'Ritas konsultfirma');
  anonymous = server.visitor();
  // Rita's institute is a research organisation, which she creates and acts for.
  ({ organisationId: ids.institute } = await rita.api.organisations.create.mutate({ name: 'Acceleratorinstitutet', kind: 'research' }));
  await rita.api.organisations.actFor.mutate({ organisationId: ids.institute });
  ids.magnet = await organisationOf(sune);
  ids.third = await organisationOf(tor);
  // Kalle joins Magnetbolaget as a plain member.
  kalle = await person('Kalle', 'supplier', 'Kalles firma');
  await kalle.api.organisations.requestToJoin.mutate({ organisationId: ids.magnet });
  const request = (await sune.api.organisations.get.query({ organisationId: ids.magnet })).joinRequests?.[0];
  if (!request) throw new Error('no join request');
  await sune.api.organisations.decideJoinRequest.mutate({ requestId: request.id, approve: true });
  await kalle.api.organisations.actFor.mutate({ organisationId: ids.magnet });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

describe('capability profiles', () => {
  it('are kept by an organisation’s admin, as versions, and found by competence and arena', async () => {
    expect(await sune.api.consortia.saveProfile.mutate(profile())).toEqual({ version: 1 });
    expect(await sune.api.consortia.saveProfile.mutate(profile({ competences: ['Supraledande magneter', 'Precisionsmekanik', 'Vakuumteknik'] }))).toEqual({ version: 2 });
    await rita.api.consortia.saveProfile.mutate(profile({ summary: 'Forskning om acceleratorfysik och mätteknik.', competences: ['Strålmätning', 'Supraledning'], arenaIds: ['big-science', 'space'] }));
    await tor.api.consortia.saveProfile.mutate(profile({ summary: 'Vi bygger styrsystem för vården.', competences: ['Styrsystem'], arenaIds: ['healthcare'] }));

    const shown = await anonymous.api.consortia.profile.query({ organisationId: ids.magnet });
    expect(shown.competences).toContain('Vakuumteknik');
    expect(shown.versions.map((entry) => entry.version)).toEqual([2, 1]);
    expect(shown.viewer.canEdit).toBe(false);
    const first = await anonymous.api.consortia.profile.query({ organisationId: ids.magnet, version: 1 });
    expect(first.competences).not.toContain('Vakuumteknik');

    const found = await anonymous.api.consortia.profiles.query({ competence: 'supraled', arenaId: 'big-science' });
    expect(found.map((entry) => entry.organisation.name).sort()).toEqual(['Acceleratorinstitutet', 'Magnetbolaget AB']);
    const vacuum = await anonymous.api.consortia.profiles.query({ competence: 'VAKUUM' });
    expect(vacuum.map((entry) => entry.organisation.id)).toEqual([ids.magnet]);
    // A typed pattern is a word, never a pattern or an operator.
    expect(await anonymous.api.consortia.profiles.query({ competence: '.*' })).toEqual([]);
  });

  it('are not kept by a plain member, a buyer or someone unconfirmed', async () => {
    expect((await refusal(kalle.api.consortia.saveProfile.mutate(profile())))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(anna.api.consortia.saveProfile.mutate(profile())))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(anonymous.api.consortia.saveProfile.mutate(profile())))?.appCode).toBe('UNAUTHENTICATED');
    expect((await anonymous.api.consortia.profile.query({ organisationId: ids.magnet })).version).toBe(2);
  });
});

describe('an opportunity', () => {
  it('is published by a verified buyer, not by a supplier', async () => {
    const input = { title: 'Magneter till den nya strållinjen', facility: 'ESS', description: 'Upphandling av magneter under 2027.', arenaId: 'big-science' as const, expectedAt: '2027-03-01' };
    expect((await refusal(sune.api.consortia.publishOpportunity.mutate(input)))?.appCode).toBe('FORBIDDEN');
    ({ opportunityId: ids.opportunity } = await anna.api.consortia.publishOpportunity.mutate(input));
    const arena = await anonymous.api.consortia.arena.query({ arenaId: 'big-science' });
    expect(arena.opportunities.map((entry) => entry.id)).toContain(ids.opportunity);
  });

  it('takes declared interest from organisations and finds partners by capability among them', async () => {
    await sune.api.consortia.declareInterest.mutate({ opportunityId: ids.opportunity, interested: true, note: 'Magneter' });
    await rita.api.consortia.declareInterest.mutate({ opportunityId: ids.opportunity, interested: true, note: '' });
    expect((await refusal(kalle.api.consortia.declareInterest.mutate({ opportunityId: ids.opportunity, interested: true })))?.appCode).toBe('FORBIDDEN');
    const view = await sune.api.consortia.opportunity.query({ opportunityId: ids.opportunity });
    expect(view.interested.map((entry) => entry.organisation.id).sort()).toEqual([ids.magnet, ids.institute].sort());
    expect(view.viewer).toMatchObject({ interested: true, canFormConsortium: true });
    const partners = await sune.api.consortia.profiles.query({ opportunityId: ids.opportunity, interestedOnly: true, competence: 'strål' });
    expect(partners.map((entry) => [entry.organisation.id, entry.interested])).toEqual([[ids.institute, true]]);
  });

  it('can be any dialogue, once, seen as the dialogue is', async () => {
    const { dialogueId } = await anna.api.dialogues.create.mutate({
      title: 'Detektorer för neutronspridning',
      description: 'Vi söker detektorer.',
      arenaId: 'big-science',
      phase: 'market-dialogue',
      questionDeadline: new Date(server.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString(),
      visibility: 'registered',
    });
    const { opportunityId } = await sune.api.consortia.openForDialogue.mutate({ dialogueId });
    expect((await rita.api.consortia.openForDialogue.mutate({ dialogueId })).opportunityId).toBe(opportunityId);
    expect((await rita.api.consortia.opportunity.query({ opportunityId })).title).toBe('Detektorer för neutronspridning');
    expect((await refusal(anonymous.api.consortia.opportunity.query({ opportunityId })))?.appCode).toBe('NOT_FOUND');
  });
});

describe('a consortium kept to the buyer', () => {
  it('is formed by its lead; an invitation does not count until the invited organisation confirms', async () => {
    ({ consortiumId: ids.consortium } = await sune.api.consortia.form.mutate({ opportunityId: ids.opportunity, name: NAME, visibility: 'buyer', invite: [ids.institute] }));
    const formed = await sune.api.consortia.consortium.query({ consortiumId: ids.consortium });
    expect(formed).toMatchObject({ confirmedCount: 1, invitedCount: 1, visibility: 'buyer' });
    expect(formed.members.map((member) => [member.organisation.name, member.status])).toEqual([
      ['Magnetbolaget AB', 'confirmed'],
      ['Acceleratorinstitutet', 'invited'],
    ]);
    // Nobody confirms for the institute: not the lead, not a plain member.
    expect((await refusal(sune.api.consortia.confirm.mutate({ consortiumId: ids.consortium, visibility: 'public' })))?.appCode).toBe('FORBIDDEN');
    const invited = await rita.api.consortia.mine.query();
    expect(invited.invitations.map((entry) => entry.id)).toEqual([ids.consortium]);

    await rita.api.consortia.confirm.mutate({ consortiumId: ids.consortium, visibility: 'public' });
    const confirmed = await rita.api.consortia.consortium.query({ consortiumId: ids.consortium });
    // The lead still chooses "buyer only": one member's choice keeps it so.
    expect(confirmed).toMatchObject({ confirmedCount: 2, invitedCount: 0, visibility: 'buyer' });
    expect(confirmed.viewer).toMatchObject({ status: 'confirmed', canLeave: true, canRemove: false });
  });

  it('is seen by the buyer and its members, and by no third supplier anywhere', async () => {
    expect((await anna.api.consortia.consortium.query({ consortiumId: ids.consortium })).name).toBe(NAME);
    expect((await anna.api.consortia.opportunity.query({ opportunityId: ids.opportunity })).consortia.map((entry) => entry.id)).toEqual([ids.consortium]);

    const missing = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    for (const prober of [tor, anonymous]) {
      const probed = await rawQuery(prober, 'consortia.consortium', { consortiumId: ids.consortium });
      const absent = await rawQuery(prober, 'consortia.consortium', { consortiumId: missing });
      expect(probed.status).toBe(404);
      expect(probed.body.replaceAll(ids.consortium, missing)).toBe(absent.body);
      const seen = await everythingSeenBy(prober);
      expect(seen).not.toContain(NAME);
      expect(seen).not.toContain(ids.consortium);
    }
    // Nor can the third supplier act on it: every command answers as for a missing consortium.
    expect((await refusal(tor.api.consortia.confirm.mutate({ consortiumId: ids.consortium, visibility: 'buyer' })))?.appCode).toBe('NOT_FOUND');
    expect((await refusal(tor.api.consortia.leave.mutate({ consortiumId: ids.consortium })))?.appCode).toBe('NOT_FOUND');
    // The opportunity's count of consortia is what the prober may see: none.
    expect((await tor.api.consortia.opportunity.query({ opportunityId: ids.opportunity })).consortia).toEqual([]);
  });

  it('becomes public only when every confirmed member chooses so, and the third supplier then sees it', async () => {
    await sune.api.consortia.chooseVisibility.mutate({ consortiumId: ids.consortium, visibility: 'public' });
    expect((await tor.api.consortia.consortium.query({ consortiumId: ids.consortium })).visibility).toBe('public');
    expect((await anonymous.api.consortia.arena.query({ arenaId: 'big-science' })).consortia.map((entry) => entry.id)).toEqual([ids.consortium]);
    // One member going back to "buyer only" hides it again.
    await rita.api.consortia.chooseVisibility.mutate({ consortiumId: ids.consortium, visibility: 'buyer' });
    expect((await refusal(tor.api.consortia.consortium.query({ consortiumId: ids.consortium })))?.appCode).toBe('NOT_FOUND');
    await rita.api.consortia.chooseVisibility.mutate({ consortiumId: ids.consortium, visibility: 'public' });
  });

  it('keeps leaving and removal on record; the lead neither leaves nor is removed', async () => {
    const before = await lastEventSeq(server.app.services.store);
    await sune.api.consortia.invite.mutate({ consortiumId: ids.consortium, organisationIds: [ids.third] });
    expect((await tor.api.consortia.consortium.query({ consortiumId: ids.consortium })).viewer.canConfirm).toBe(true);
    await sune.api.consortia.remove.mutate({ consortiumId: ids.consortium, organisationId: ids.third, reason: 'Fel organisation inbjuden.' });
    await rita.api.consortia.leave.mutate({ consortiumId: ids.consortium, reason: 'Resurserna räcker inte.' });
    expect((await refusal(sune.api.consortia.leave.mutate({ consortiumId: ids.consortium })))?.appCode).toBe('CONSORTIUM_LEAD');
    expect((await refusal(sune.api.consortia.remove.mutate({ consortiumId: ids.consortium, organisationId: ids.magnet, reason: 'Försök.' })))?.appCode).toBe('CONSORTIUM_LEAD');
    expect((await refusal(kalle.api.consortia.remove.mutate({ consortiumId: ids.consortium, organisationId: ids.institute, reason: 'Försök.' })))?.appCode).toBe('FORBIDDEN');

    const view = await anna.api.consortia.consortium.query({ consortiumId: ids.consortium });
    expect(view.confirmedCount).toBe(1);
    expect(view.members.map((member) => [member.organisation.id, member.status])).toEqual([
      [ids.magnet, 'confirmed'],
      [ids.institute, 'left'],
      [ids.third, 'removed'],
    ]);
    expect(view.history.map((entry) => [entry.action, entry.organisation.id])).toEqual([
      ['formed', ids.magnet],
      ['invited', ids.institute],
      ['confirmed', ids.institute],
      ['visibility-chosen', ids.magnet],
      ['visibility-chosen', ids.institute],
      ['visibility-chosen', ids.institute],
      ['invited', ids.third],
      ['removed', ids.third],
      ['left', ids.institute],
    ]);
    expect(view.history.find((entry) => entry.action === 'removed')?.detail).toBe('Fel organisation inbjuden.');
    // The consortium's own events (the notifier adds its `notification.created` among them).
    const events = (await readEventsAfter(server.app.services.store, before, 50)).filter((event) => event.type.startsWith('consortium.'));
    expect(events.map((event) => event.type)).toEqual(['consortium.member_invited', 'consortium.member_removed', 'consortium.member_left']);
    // Events name ids only.
    expect(JSON.stringify(events)).not.toContain('Fel organisation');
  });

  it('appears in the personal data of those who acted', async () => {
    const exported = (await sune.api.accounts.exportMyData.query()) as { consortiumSteps?: { action: string }[]; capabilityProfileVersions?: unknown[] };
    expect(exported.capabilityProfileVersions).toHaveLength(2);
    expect(exported.consortiumSteps?.map((step) => step.action)).toContain('formed');
  });

  it('takes no invitee that is not a supplier or research organisation', async () => {
    const buyerOrganisation = await organisationOf(anna);
    expect((await refusal(sune.api.consortia.invite.mutate({ consortiumId: ids.consortium, organisationIds: [buyerOrganisation] })))?.appCode).toBe('NOT_FOUND');
  });
});

describe('notifications of invitations and answers', () => {
  type Told = { kind: string; consortium: { id: string; name: string } | null };
  /** The consortium notifications a person has, once the notifier has caught up, newest first. */
  async function told(visitor: Visitor): Promise<Told[]> {
    await server.settled();
    return (await visitor.api.notifications.list.query({ limit: 50 })).items
      .filter((item) => item.kind.startsWith('consortium-'))
      .map((item) => ({ kind: item.kind, consortium: item.consortium }));
  }
  /** Those told since `before` of them were there. */
  async function toldSince(visitor: Visitor, before: number): Promise<Told[]> {
    const all = await told(visitor);
    return all.slice(0, all.length - before);
  }

  it('tells the invited organisation of its invitation and the lead of each answer and leaving, and nobody else', async () => {
    await sune.api.notifications.setEmail.mutate({ email: 'immediately' });
    const people = { sune, kalle, rita, tor, anna };
    const before = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([name, visitor]) => [name, (await told(visitor)).length] as const)));
    const since = (name: keyof typeof people) => toldSince(people[name], before[name] ?? 0);

    // Invited as it is formed, kept to the buyer.
    const cryo = (await sune.api.consortia.form.mutate({ opportunityId: ids.opportunity, name: 'Kryokonsortiet', visibility: 'buyer', invite: [ids.institute] })).consortiumId;
    const cryoOne = { id: cryo, name: 'Kryokonsortiet' };
    expect(await since('rita')).toEqual([{ kind: 'consortium-invited', consortium: cryoOne }]);
    await rita.api.consortia.confirm.mutate({ consortiumId: cryo, visibility: 'buyer' });
    await rita.api.consortia.leave.mutate({ consortiumId: cryo, reason: 'Annat uppdrag.' });

    // Invited after it is formed, and declining.
    const vacuum = (await sune.api.consortia.form.mutate({ opportunityId: ids.opportunity, name: 'Vakuumkonsortiet', visibility: 'buyer', invite: [] })).consortiumId;
    const vacuumOne = { id: vacuum, name: 'Vakuumkonsortiet' };
    await sune.api.consortia.invite.mutate({ consortiumId: vacuum, organisationIds: [ids.institute] });
    expect((await since('rita'))[0]).toEqual({ kind: 'consortium-invited', consortium: vacuumOne });
    await rita.api.consortia.decline.mutate({ consortiumId: vacuum });
    // The lead's own acts (forming, inviting, removing, choosing) tell nobody of the lead anything.
    // Invited again, the institute is told (once the notifier has caught up) before it is removed.
    await sune.api.consortia.invite.mutate({ consortiumId: vacuum, organisationIds: [ids.institute] });
    await server.settled();
    await sune.api.consortia.remove.mutate({ consortiumId: vacuum, organisationId: ids.institute, reason: 'Inbjuden av misstag.' });
    await sune.api.consortia.chooseVisibility.mutate({ consortiumId: vacuum, visibility: 'public' });
    await sune.api.consortia.chooseVisibility.mutate({ consortiumId: vacuum, visibility: 'buyer' });

    // Everyone of the lead organisation is told, the plain member too; the lead of nothing it did.
    const toLead = [
      { kind: 'consortium-member-declined', consortium: vacuumOne },
      { kind: 'consortium-member-left', consortium: cryoOne },
      { kind: 'consortium-member-confirmed', consortium: cryoOne },
    ];
    expect(await since('sune')).toEqual(toLead);
    expect(await since('kalle')).toEqual(toLead);
    // Having left the one, declined the other and been removed from it, both kept to the buyer, the
    // institute no longer sees either: its invitations are still there, but no longer name them.
    expect(await since('rita')).toEqual([
      { kind: 'consortium-invited', consortium: null },
      { kind: 'consortium-invited', consortium: null },
      { kind: 'consortium-invited', consortium: null },
    ]);
    // The buyer sees both but is not concerned; the third supplier is told nothing, and nothing it
    // is told names them.
    expect(await since('anna')).toEqual([]);
    expect(await since('tor')).toEqual([]);
    const torsNotifications = JSON.stringify(await tor.api.notifications.list.query({ limit: 50 }));
    for (const secret of ['Kryokonsortiet', 'Vakuumkonsortiet', cryo, vacuum]) expect(torsNotifications).not.toContain(secret);

    // Mailed at once as the lead's owner chose, in Swedish, naming the consortium and linking to it.
    const [mail] = await mailTo(server.dataDir, 'sune@consortia.example', /bekräftat sin plats/, 20_000);
    expect(mail?.subject).toBe('En organisation har bekräftat sin plats i ert konsortium – Dialogforum');
    expect(mail?.text).toContain('«Kryokonsortiet»');
    expect(mail?.text).toContain(`/consortium/${cryo}`);
  });
});

describe('the audit log', () => {
  it('records the forming of a consortium and every change to who is in it and how it is seen, with who did it', async () => {
    await server.settled();
    const actions = ['consortium.formed', 'consortium.member_invited', 'consortium.member_confirmed', 'consortium.member_declined', 'consortium.member_left', 'consortium.member_removed', 'consortium.visibility_chosen'] as const;
    const pages = await Promise.all(actions.map((action) => moderator.api.audit.list.query({ action, limit: 200 })));
    const entries = pages
      .flat()
      .filter((entry) => entry.subject.consortiumId === ids.consortium)
      .sort((a, b) => a.seq - b.seq);
    expect(entries.map((entry) => [entry.action, entry.actor?.name, entry.subject.organisationId ?? entry.subject.organisationIds])).toEqual([
      ['consortium.formed', 'Sune', ids.magnet],
      ['consortium.member_confirmed', 'Rita', ids.institute],
      ['consortium.visibility_chosen', 'Sune', ids.magnet],
      ['consortium.visibility_chosen', 'Rita', ids.institute],
      ['consortium.visibility_chosen', 'Rita', ids.institute],
      ['consortium.member_invited', 'Sune', ids.third],
      ['consortium.member_removed', 'Sune', ids.third],
      ['consortium.member_left', 'Rita', ids.institute],
    ]);
    // Those invited as it was formed are on its entry; reasons given stay in the consortium's history.
    expect(entries[0]?.subject.organisationIds).toBe(ids.institute);
    expect(JSON.stringify(entries)).not.toContain('Resurserna räcker inte');
    // A declined invitation is on record too (the institute declined the Vakuumkonsortiet above).
    const declined = pages[actions.indexOf('consortium.member_declined')]?.[0];
    expect(declined).toMatchObject({ actor: { name: 'Rita' }, subject: { organisationId: ids.institute } });
  });

  it('finds an invitation by the organisation invited, when filtered by organisation', async () => {
    await server.settled();
    const invitedThird = await moderator.api.audit.list.query({ action: 'consortium.member_invited', organisationId: ids.third, limit: 200 });
    expect(invitedThird.filter((entry) => entry.subject.consortiumId === ids.consortium).map((entry) => [entry.actor?.name, entry.subject.organisationIds])).toEqual([['Sune', ids.third]]);
    // Invited as it was formed: the forming's entry is found by the invited organisation too, and by the lead.
    for (const organisationId of [ids.institute, ids.magnet]) {
      const formed = await moderator.api.audit.list.query({ action: 'consortium.formed', organisationId, limit: 200 });
      expect(formed.filter((entry) => entry.subject.consortiumId === ids.consortium)).toHaveLength(1);
    }
    // Another organisation's filter finds none of them.
    const other = await moderator.api.audit.list.query({ action: 'consortium.member_invited', organisationId: ids.magnet, limit: 200 });
    expect(other.filter((entry) => entry.subject.consortiumId === ids.consortium)).toEqual([]);
  });

  it('is not open to a supplier', async () => {
    expect((await refusal(tor.api.audit.list.query({ action: 'consortium.formed' })))?.appCode).toBe('FORBIDDEN');
  });
});
