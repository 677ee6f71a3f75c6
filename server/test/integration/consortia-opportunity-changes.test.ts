// Editing and withdrawing an opportunity (issue 11 §5), over the real server: the buyer that
// published it edits it (a new version; readers see that and what changed, field by field) and
// withdraws it with a reason (it stays readable as withdrawn, its consortia stay on record, it takes
// no new interest or consortium). The interested organisation and the consortium's lead are told, in
// the app and by mail; nobody else is, and nobody else may edit or withdraw it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
/** Signs up one of this file's people (their addresses at opportunity.example). */
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'opportunity.example', PASSWORD)(...args);
let moderator: Visitor;
let anna: Visitor; // verified buyer who publishes the opportunity
let bo: Visitor; // verified buyer of another organisation
let sune: Visitor; // owner of a supplier that leads a consortium for it
let rita: Visitor; // owner of a supplier that only declares interest
let tor: Visitor; // owner of a supplier with no part in it
const PASSWORD = 'möjligheten ändras och återkallas';
const ids = { opportunity: '', consortium: '' };

const opportunity = { title: 'Kryostater till strållinjen', facility: 'MAX IV', description: 'Upphandling av kryostater.', arenaId: 'big-science' as const, expectedAt: '2027-03-01' };

/** The opportunity notifications a person has, once the notifier has caught up, newest first. */
async function told(visitor: Visitor) {
  await server.settled();
  return (await visitor.api.notifications.list.query({ limit: 50 })).items
    .filter((item) => item.kind.startsWith('opportunity-'))
    .map((item) => ({ kind: item.kind, opportunity: item.opportunity, note: item.note }));
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  moderator = await server.moderator();
  [anna, bo, sune, rita, tor] = await Promise.all([
    person('Anna', 'buyer', 'Forskningsanläggningen AB'),
    person('Bo', 'buyer', 'Annan köpare AB'),
    person('Sune', 'supplier', 'Magnetbolaget AB'),
    person('Rita', 'supplier', 'Ritas kryoteknik AB'),
    person('Tor', 'supplier', 'Tredje leverantören AB'),
  ]);
  for (const buyer of [anna, bo]) {
    const organisationId = (await buyer.api.accounts.me.query())?.organisation?.id ?? '';
    await moderator.api.organisations.verify.mutate({ organisationId });
  }
  ({ opportunityId: ids.opportunity } = await anna.api.consortia.publishOpportunity.mutate(opportunity));
  ({ consortiumId: ids.consortium } = await sune.api.consortia.form.mutate({ opportunityId: ids.opportunity, name: 'Kryokonsortiet', visibility: 'public', invite: [] }));
  await rita.api.consortia.declareInterest.mutate({ opportunityId: ids.opportunity, interested: true, note: 'Kryoteknik' });
  await rita.api.notifications.setEmail.mutate({ email: 'immediately' });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('editing an opportunity', () => {
  it('keeps each edit as a version that says what changed, and tells the interested and the leads', async () => {
    const fresh = await anna.api.consortia.opportunity.query({ opportunityId: ids.opportunity });
    expect(fresh).toMatchObject({ version: 1, revisions: [], withdrawal: null, viewer: { canEdit: true } });

    const { version } = await anna.api.consortia.editOpportunity.mutate({ ...opportunity, opportunityId: ids.opportunity, title: 'Kryostater och kryoledningar', expectedAt: '2027-05-01', note: 'Kryoledningarna ingår nu.' });
    expect(version).toBe(2);
    // The same text again makes no version.
    expect((await anna.api.consortia.editOpportunity.mutate({ ...opportunity, opportunityId: ids.opportunity, title: 'Kryostater och kryoledningar', expectedAt: '2027-05-01' })).version).toBe(2);

    const seen = await tor.api.consortia.opportunity.query({ opportunityId: ids.opportunity });
    expect(seen).toMatchObject({ title: 'Kryostater och kryoledningar', expectedAt: '2027-05-01', version: 2, viewer: { canEdit: false } });
    expect(seen.revisions).toEqual([
      {
        version: 2,
        at: expect.any(String),
        note: 'Kryoledningarna ingår nu.',
        changes: [
          { field: 'title', before: 'Kryostater till strållinjen', after: 'Kryostater och kryoledningar' },
          { field: 'expectedAt', before: '2027-03-01', after: '2027-05-01' },
        ],
      },
    ]);

    const toldOfEdit = [{ kind: 'opportunity-revised', opportunity: { id: ids.opportunity, title: 'Kryostater och kryoledningar' }, note: null }];
    expect(await told(rita)).toEqual(toldOfEdit);
    expect(await told(sune)).toEqual(toldOfEdit);
    expect(await told(tor)).toEqual([]);
    expect(await told(anna)).toEqual([]);
  });

  it('is refused to another buyer, a supplier and a moderator, and changes nothing', async () => {
    const input = { ...opportunity, opportunityId: ids.opportunity, title: 'Kapad rubrik' };
    for (const visitor of [bo, sune, tor, moderator]) expect((await refusal(visitor.api.consortia.editOpportunity.mutate(input)))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(server.visitor().api.consortia.editOpportunity.mutate(input)))?.appCode).toBe('UNAUTHENTICATED');
    expect((await tor.api.consortia.opportunity.query({ opportunityId: ids.opportunity })).title).toBe('Kryostater och kryoledningar');
  });

  it('takes a moderator’s own opportunity from any moderator, but never one made of a dialogue', async () => {
    const { opportunityId } = await moderator.api.consortia.publishOpportunity.mutate(opportunity);
    expect((await moderator.api.consortia.editOpportunity.mutate({ ...opportunity, opportunityId, description: 'Upphandling av kryostater, reviderad.' })).version).toBe(2);
    expect((await refusal(anna.api.consortia.editOpportunity.mutate({ ...opportunity, opportunityId })))?.appCode).toBe('FORBIDDEN');
    const { dialogueId } = await anna.api.dialogues.create.mutate({
      title: 'Dialog om detektorer',
      description: 'Vi vill höra om detektorer.',
      arenaId: 'big-science',
      phase: 'market-dialogue',
      questionDeadline: new Date(server.clock.now().getTime() + 7 * 86_400_000).toISOString(),
      visibility: 'public',
    });
    const { opportunityId: ofDialogue } = await anna.api.consortia.openForDialogue.mutate({ dialogueId });
    expect((await refusal(anna.api.consortia.editOpportunity.mutate({ ...opportunity, opportunityId: ofDialogue })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(anna.api.consortia.withdrawOpportunity.mutate({ opportunityId: ofDialogue, reason: 'Inte här.' })))?.appCode).toBe('FORBIDDEN');
  });
});

describe('withdrawing an opportunity', () => {
  it('is refused to anyone but its buyer', async () => {
    for (const visitor of [bo, sune, tor, moderator]) {
      expect((await refusal(visitor.api.consortia.withdrawOpportunity.mutate({ opportunityId: ids.opportunity, reason: 'Kapad.' })))?.appCode).toBe('FORBIDDEN');
    }
    expect((await tor.api.consortia.opportunity.query({ opportunityId: ids.opportunity })).withdrawal).toBeNull();
  });

  it('keeps it readable as withdrawn with its reason and consortia, takes nothing new, and tells those concerned', async () => {
    await anna.api.consortia.withdrawOpportunity.mutate({ opportunityId: ids.opportunity, reason: 'Anslaget drogs in.' });

    const seen = await tor.api.consortia.opportunity.query({ opportunityId: ids.opportunity });
    expect(seen.withdrawal).toEqual({ at: expect.any(String), reason: 'Anslaget drogs in.' });
    expect(seen.consortia.map((consortium) => consortium.id)).toEqual([ids.consortium]);
    expect(seen.revisions).toHaveLength(1);
    expect(seen.viewer).toMatchObject({ canDeclareInterest: false, canFormConsortium: false });
    expect((await anna.api.consortia.opportunity.query({ opportunityId: ids.opportunity })).viewer.canEdit).toBe(false);
    expect((await tor.api.consortia.consortium.query({ consortiumId: ids.consortium })).name).toBe('Kryokonsortiet');
    // Still listed in its arena, marked withdrawn.
    const listed = (await tor.api.consortia.arena.query({ arenaId: 'big-science' })).opportunities.find((entry) => entry.id === ids.opportunity);
    expect(listed?.withdrawal?.reason).toBe('Anslaget drogs in.');

    // Nothing new is taken: no interest, no consortium, no edit, no second withdrawal.
    expect((await refusal(tor.api.consortia.declareInterest.mutate({ opportunityId: ids.opportunity, interested: true })))?.appCode).toBe('OPPORTUNITY_WITHDRAWN');
    expect((await refusal(tor.api.consortia.form.mutate({ opportunityId: ids.opportunity, name: 'För sent', visibility: 'public', invite: [] })))?.appCode).toBe('OPPORTUNITY_WITHDRAWN');
    expect((await refusal(anna.api.consortia.editOpportunity.mutate({ ...opportunity, opportunityId: ids.opportunity })))?.appCode).toBe('OPPORTUNITY_WITHDRAWN');
    expect((await refusal(anna.api.consortia.withdrawOpportunity.mutate({ opportunityId: ids.opportunity, reason: 'Igen.' })))?.appCode).toBe('OPPORTUNITY_WITHDRAWN');
    // Interest already declared may still be taken back (once the withdrawal was told, so Rita is still among the interested then).
    await server.settled();
    await rita.api.consortia.declareInterest.mutate({ opportunityId: ids.opportunity, interested: false });

    const toldOfWithdrawal = { kind: 'opportunity-withdrawn', opportunity: { id: ids.opportunity, title: 'Kryostater och kryoledningar' }, note: 'Anslaget drogs in.' };
    expect((await told(rita))[0]).toEqual(toldOfWithdrawal);
    expect((await told(sune))[0]).toEqual(toldOfWithdrawal);
    expect(await told(tor)).toEqual([]);
    expect(await told(bo)).toEqual([]);

    // Mailed at once as Rita chose, in Swedish, with the reason and the link.
    const [mail] = await mailTo(server.dataDir, 'rita@opportunity.example', /återkallats/, 20_000);
    expect(mail?.subject).toBe('En möjlighet ni följer har återkallats – Dialogforum');
    expect(mail?.text).toContain('«Kryostater och kryoledningar»');
    expect(mail?.text).toContain('Anslaget drogs in.');
    expect(mail?.text).toContain(`/consortia/opportunities/${ids.opportunity}`);
  });

  it('names the buyer’s edits and withdrawal in her own data export', async () => {
    const exported = (await anna.api.accounts.exportMyData.query()) as { opportunityEdits?: { opportunityId: string; version: number; note: string }[]; opportunityWithdrawals?: { opportunityId: string; reason: string }[] };
    expect(exported.opportunityEdits?.filter((edit) => edit.opportunityId === ids.opportunity)).toEqual([{ opportunityId: ids.opportunity, version: 2, at: expect.any(String), note: 'Kryoledningarna ingår nu.' }]);
    expect(exported.opportunityWithdrawals).toEqual([{ opportunityId: ids.opportunity, title: 'Kryostater och kryoledningar', at: expect.any(String), reason: 'Anslaget drogs in.' }]);
    expect(((await tor.api.accounts.exportMyData.query()) as { opportunityEdits?: unknown[] }).opportunityEdits).toEqual([]);
  });
});
