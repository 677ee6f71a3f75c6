// Organisations after they exist, over the real server: owners correct the name and number (a
// verified buyer's change goes back to the moderators without stopping its procurements);
// moderators see who asked for verification (name and the domain of their address, never the
// address), refuse with a reason the owners are told in their own language, and merge duplicates
// (members, requests, invitations and dialogues move; the duplicate stays, marked). Verification
// is a buyer matter: no other kind of organisation carries a verification status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let moderator: Visitor;
const PASSWORD = 'organisationer ändras ibland';
let counter = 0;

async function person(representation: 'buyer' | 'supplier' = 'supplier', language: 'sv' | 'en' = 'sv'): Promise<{ visitor: Visitor; email: string; userId: string; organisationId: string }> {
  counter += 1;
  const visitor = server.visitor();
  const email = `person${counter}@kommun${counter}.example`;
  await visitor.registerVerified({ name: `Person ${counter}`, email, password: PASSWORD, representation: 'supplier', organisationName: `Eget bolag ${counter}`, language });
  const me = await visitor.api.accounts.me.query();
  let organisationId = me?.organisation?.id ?? '';
  if (representation === 'buyer') {
    ({ organisationId } = await visitor.api.organisations.create.mutate({ name: `Exempelkommun ${counter}`, kind: 'buyer' }));
    await visitor.api.organisations.actFor.mutate({ organisationId });
  }
  return { visitor, email, userId: me?.id ?? '', organisationId };
}

/** The audit log's actions about the organisation, oldest first (it is projected from the events after the write: poll it). */
async function auditOf(organisationId: string): Promise<string[]> {
  const entries = await moderator.api.audit.list.query({ organisationId, limit: 100 });
  return entries.map((entry) => entry.action).reverse();
}

beforeAll(async () => {
  server = await startTestServer();
  moderator = await server.moderator();
});

afterAll(async () => {
  await server?.stop();
});

describe('verification', () => {
  it('shows moderators who asked, by name and domain only, and when', async () => {
    const asker = await person('buyer');
    const queue = await moderator.api.organisations.verificationQueue.query();
    const item = queue.find((candidate) => candidate.id === asker.organisationId);
    expect(item?.requestedBy).toEqual({ name: `Person ${counter}`, emailDomain: `kommun${counter}.example` });
    expect(Date.parse(item?.requestedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(queue)).not.toContain(asker.email);
  });

  it('tells the owners why it was refused, in their language, in the app and by mail; they ask again', async () => {
    const owner = await person('buyer', 'en');
    const reason = 'The organisation number belongs to another municipality.';
    await moderator.api.organisations.rejectVerification.mutate({ organisationId: owner.organisationId, reason });
    const [mail] = await mailTo(server.dataDir, owner.email, /was not verified on Dialogforum/);
    expect(mail?.text).toContain(reason);
    expect(mail?.text).toContain(`/organisations/${owner.organisationId}`);

    const view = await owner.visitor.api.organisations.get.query({ organisationId: owner.organisationId });
    expect(view.verified).toBe(false);
    expect(view.verification?.rejection?.reason).toBe(reason);
    expect((await moderator.api.organisations.verificationQueue.query()).map((item) => item.id)).not.toContain(owner.organisationId);
    // Someone who is not an owner does not learn the reason.
    const stranger = await person();
    expect((await stranger.visitor.api.organisations.get.query({ organisationId: owner.organisationId })).verification).toBeNull();

    await owner.visitor.api.organisations.update.mutate({ organisationId: owner.organisationId, orgNumber: '212000-0142' });
    await owner.visitor.api.organisations.requestVerification.mutate({ organisationId: owner.organisationId });
    expect((await moderator.api.organisations.verificationQueue.query()).map((item) => item.id)).toContain(owner.organisationId);
    await expect
      .poll(() => auditOf(owner.organisationId), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['organisation.verification_rejected', 'organisation.updated', 'organisation.verification_requested']));
  });

  it('keeps a renamed verified buyer verified but back in the queue, until a moderator confirms or withdraws', async () => {
    const owner = await person('buyer');
    await moderator.api.organisations.verify.mutate({ organisationId: owner.organisationId });
    const verifiedName = `Exempelkommun ${counter}`;
    await owner.visitor.api.organisations.update.mutate({ organisationId: owner.organisationId, name: 'Helt annan myndighet' });
    const renamed = await owner.visitor.api.organisations.get.query({ organisationId: owner.organisationId });
    expect(renamed).toMatchObject({ name: 'Helt annan myndighet', verified: true, verification: { changedSinceVerification: true } });
    const item = (await moderator.api.organisations.verificationQueue.query()).find((candidate) => candidate.id === owner.organisationId);
    expect(item?.verifiedAs).toEqual({ name: verifiedName, orgNumber: null });

    await moderator.api.organisations.verify.mutate({ organisationId: owner.organisationId });
    expect((await moderator.api.organisations.verificationQueue.query()).map((candidate) => candidate.id)).not.toContain(owner.organisationId);

    await owner.visitor.api.organisations.update.mutate({ organisationId: owner.organisationId, name: 'Ännu ett namn' });
    await moderator.api.organisations.rejectVerification.mutate({ organisationId: owner.organisationId, reason: 'Namnet hör inte till en upphandlande myndighet.' });
    // Withdrawn: the owner no longer publishes as a verified buyer.
    expect((await owner.visitor.api.accounts.me.query())?.organisation?.verified).toBe(false);
  });

  it('refuses a number another organisation has, and lets only owners edit', async () => {
    const first = await person('buyer');
    await first.visitor.api.organisations.update.mutate({ organisationId: first.organisationId, orgNumber: '556677-8899' });
    const second = await person('buyer');
    expect(await refusal(second.visitor.api.organisations.update.mutate({ organisationId: second.organisationId, orgNumber: '5566778899' }))).toMatchObject({
      appCode: 'ORGANISATION_EXISTS',
      fieldIssues: [{ path: 'orgNumber', code: 'org_number_taken' }],
    });
    expect((await refusal(second.visitor.api.organisations.update.mutate({ organisationId: first.organisationId, name: 'Kapad' })))?.appCode).toBe('NOT_FOUND');
    expect((await first.visitor.api.organisations.get.query({ organisationId: first.organisationId })).name).toBe(`Exempelkommun ${counter - 1}`);
  });

  it('gives supplier organisations no verification status at all', async () => {
    const supplier = await person();
    const view = await supplier.visitor.api.organisations.get.query({ organisationId: supplier.organisationId });
    expect(view.verification).toBeNull();
    expect(view.viewer.canVerify).toBe(false);
    expect((await moderator.api.organisations.get.query({ organisationId: supplier.organisationId })).viewer.canVerify).toBe(false);
  });
});

describe('merging duplicates', () => {
  it('moves members, requests, invitations and dialogues, keeps the duplicate marked, and records the merge', async () => {
    const original = await person('buyer');
    await moderator.api.organisations.verify.mutate({ organisationId: original.organisationId });
    const duplicate = await person('buyer');
    await moderator.api.organisations.verify.mutate({ organisationId: duplicate.organisationId });
    const { dialogueId } = await duplicate.visitor.api.dialogues.create.mutate({
      title: 'Dubblettens dialog',
      description: 'Skapad av dubbletten.',
      arenaId: 'ict',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      visibility: 'public',
    });
    const applicant = await person();
    await applicant.visitor.api.organisations.requestToJoin.mutate({ organisationId: duplicate.organisationId });

    expect((await refusal(duplicate.visitor.api.organisations.merge.mutate({ organisationId: duplicate.organisationId, intoOrganisationId: original.organisationId })))?.appCode).toBe('FORBIDDEN');
    expect((await refusal(moderator.api.organisations.merge.mutate({ organisationId: duplicate.organisationId, intoOrganisationId: applicant.organisationId })))?.fieldIssues).toEqual([
      { path: 'intoOrganisationId', code: 'merge_other_kind' },
    ]);
    await moderator.api.organisations.merge.mutate({ organisationId: duplicate.organisationId, intoOrganisationId: original.organisationId });

    const merged = await original.visitor.api.organisations.get.query({ organisationId: original.organisationId });
    expect(merged.members?.map((member) => [member.userId, member.role]).sort()).toEqual(
      [
        [original.userId, 'owner'],
        [duplicate.userId, 'owner'],
      ].sort(),
    );
    expect(merged.joinRequests?.map((request) => request.userId)).toEqual([applicant.userId]);
    // The duplicate's owner acts for the original now, and answers for the dialogue, which it owns.
    expect((await duplicate.visitor.api.accounts.me.query())?.organisation?.id).toBe(original.organisationId);
    expect((await duplicate.visitor.api.dialogues.get.query({ dialogueId })).owners.map((owner) => owner.id)).toEqual([original.organisationId]);
    expect((await original.visitor.api.dialogues.get.query({ dialogueId })).viewer.canAnswer).toBe(true);

    const old = await moderator.api.organisations.get.query({ organisationId: duplicate.organisationId });
    expect(old.mergedInto).toEqual({ id: original.organisationId, name: merged.name });
    expect(old.members).toEqual([]);
    expect((await moderator.api.organisations.find.query({ q: 'Exempelkommun' })).map((organisation) => organisation.id)).not.toContain(duplicate.organisationId);
    expect((await refusal(applicant.visitor.api.organisations.requestToJoin.mutate({ organisationId: duplicate.organisationId })))?.appCode).toBe('NOT_FOUND');
    await expect.poll(() => auditOf(duplicate.organisationId), { timeout: 15_000 }).toContain('organisation.merged');
  });
});
