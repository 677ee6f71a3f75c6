// Organisations: numbers checked, joining by request or e-mailed invitation, owners managing
// members (never leaving an organisation ownerless), and moderators verifying buyers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailTo } from '../support/mailbox.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';
import { refusal } from '../support/refusal.ts';

let server: TestServer;
let owner: Visitor;
let colleague: Visitor;
let outsider: Visitor;
let organisationId: string;

const account = (n: number) => ({
  name: `Medlem ${n}`,
  email: `medlem${n}@kommun.example`,
  password: 'ett tillräckligt långt lösenord',
  representation: 'supplier' as const,
  organisationName: `Eget bolag ${n}`,
});

async function invitationToken(email: string): Promise<string> {
  const mails = await mailTo(server.dataDir, email, /Inbjudan/);
  const token = /\/invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(mails.at(-1)?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return token;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = server.visitor();
  colleague = server.visitor();
  outsider = server.visitor();
  await owner.registerVerified(account(1));
  await colleague.registerVerified(account(2));
  await outsider.registerVerified(account(3));
  ({ organisationId } = await owner.api.organisations.create.mutate({ name: 'Exempelkommunen', kind: 'buyer', orgNumber: '212000-0142' }));
});

afterAll(async () => {
  await server?.stop();
});

describe('organisation numbers', () => {
  it('refuses a wrong format and a wrong check digit with their own field codes', async () => {
    const format = await refusal(owner.api.organisations.create.mutate({ name: 'Fel AB', kind: 'supplier', orgNumber: '55-1234' }));
    expect(format?.fieldIssues).toEqual([{ path: 'orgNumber', code: 'org_number_format', format: 'regex' }]);
    const check = await refusal(owner.api.organisations.create.mutate({ name: 'Fel AB', kind: 'supplier', orgNumber: '556036-0794' }));
    expect(check?.fieldIssues).toEqual([{ path: 'orgNumber', code: 'org_number_check_digit' }]);
  });

  it('stores the number as ten digits and refuses a second organisation with it', async () => {
    expect((await owner.api.organisations.get.query({ organisationId })).orgNumber).toBe('2120000142');
    const duplicate = await refusal(colleague.api.organisations.create.mutate({ name: 'Kopia', kind: 'buyer', orgNumber: '2120000142' }));
    expect(duplicate?.appCode).toBe('ORGANISATION_EXISTS');
  });

  it('accepts a foreign organisation without a number', async () => {
    const { organisationId: foreign } = await colleague.api.organisations.create.mutate({ name: 'Forschung GmbH', kind: 'research' });
    expect((await colleague.api.organisations.get.query({ organisationId: foreign })).orgNumber).toBeNull();
  });
});

describe('joining', () => {
  it('lets a person ask to join and an owner approve', async () => {
    await colleague.api.organisations.requestToJoin.mutate({ organisationId });
    expect((await colleague.api.organisations.get.query({ organisationId })).viewer).toMatchObject({ role: null, hasPendingRequest: true });
    // The member list and requests are for owners only.
    expect((await outsider.api.organisations.get.query({ organisationId })).members).toBeNull();
    const view = await owner.api.organisations.get.query({ organisationId });
    const [request] = view.joinRequests ?? [];
    expect(request).toMatchObject({ name: 'Medlem 2', email: 'medlem2@kommun.example' });
    expect((await refusal(outsider.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true })))?.appCode).toBe('NOT_FOUND');
    await owner.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true });
    expect((await colleague.api.organisations.get.query({ organisationId })).viewer.role).toBe('member');
    expect((await colleague.api.organisations.mine.query()).map((o) => o.name)).toContain('Exempelkommunen');
  });

  it('invites by a single-use e-mailed link that only the invited address can use', async () => {
    await owner.api.organisations.invite.mutate({ organisationId, email: 'medlem4@kommun.example' });
    const token = await invitationToken('medlem4@kommun.example');
    expect((await refusal(outsider.api.organisations.acceptInvitation.mutate({ token })))?.appCode).toBe('INVALID_TOKEN');
    const invitee = server.visitor();
    await invitee.registerVerified(account(4));
    expect(await invitee.api.organisations.acceptInvitation.mutate({ token })).toEqual({ organisationId });
    expect((await invitee.api.organisations.get.query({ organisationId })).viewer.role).toBe('member');
    expect((await refusal(invitee.api.organisations.acceptInvitation.mutate({ token })))?.appCode).toBe('INVALID_TOKEN');
  });

  it('lets an invitation expire after seven days', async () => {
    await owner.api.organisations.invite.mutate({ organisationId, email: 'medlem5@kommun.example' });
    const token = await invitationToken('medlem5@kommun.example');
    const late = server.visitor();
    await late.registerVerified(account(5));
    server.clock.advance(7 * 24 * 3_600_000 + 60_000);
    try {
      // Sign in again: a week of idleness ended the session too.
      await late.api.accounts.login.mutate({ email: 'medlem5@kommun.example', password: account(5).password });
      expect((await refusal(late.api.organisations.acceptInvitation.mutate({ token })))?.appCode).toBe('INVALID_TOKEN');
    } finally {
      server.clock.advance(-(7 * 24 * 3_600_000 + 60_000));
    }
  });
});

describe('owners', () => {
  it('keeps at least one owner: the last owner cannot leave or step down', async () => {
    const ownerId = (await owner.api.accounts.me.query())?.id ?? '';
    expect((await refusal(owner.api.organisations.removeMember.mutate({ organisationId, userId: ownerId })))?.appCode).toBe('LAST_OWNER');
    expect((await refusal(owner.api.organisations.setMemberRole.mutate({ organisationId, userId: ownerId, role: 'member' })))?.appCode).toBe(
      'LAST_OWNER',
    );
    expect((await owner.api.organisations.get.query({ organisationId })).members?.find((m) => m.userId === ownerId)?.role).toBe('owner');
  });

  it('hands over ownership, after which the former owner may leave', async () => {
    const ownerId = (await owner.api.accounts.me.query())?.id ?? '';
    const colleagueId = (await colleague.api.accounts.me.query())?.id ?? '';
    expect((await refusal(colleague.api.organisations.setMemberRole.mutate({ organisationId, userId: colleagueId, role: 'owner' })))?.appCode).toBe(
      'NOT_FOUND',
    );
    await owner.api.organisations.setMemberRole.mutate({ organisationId, userId: colleagueId, role: 'owner' });
    await owner.api.organisations.removeMember.mutate({ organisationId, userId: ownerId });
    expect((await owner.api.organisations.get.query({ organisationId })).viewer.role).toBeNull();
    expect((await colleague.api.organisations.get.query({ organisationId })).members?.map((m) => m.role)).toEqual(['owner', 'member']);
  });
});

describe('verification', () => {
  it('shows the queue to moderators only; a verified buyer organisation may publish', async () => {
    expect((await refusal(outsider.api.organisations.verificationQueue.query()))?.appCode).toBe('FORBIDDEN');
    const moderator = await server.moderator();
    expect((await moderator.api.organisations.verificationQueue.query()).map((o) => o.id)).toContain(organisationId);
    expect((await refusal(colleague.api.organisations.verify.mutate({ organisationId })))?.appCode).toBe('FORBIDDEN');

    await colleague.api.organisations.actFor.mutate({ organisationId });
    const dialogue = {
      title: 'Smarta trygghetslarm',
      description: 'Behov.',
      arenaId: 'healthcare' as const,
      phase: 'needs-analysis' as const,
      questionDeadline: new Date(Date.now() + 3_600_000).toISOString(),
      visibility: 'public' as const,
    };
    expect((await refusal(colleague.api.dialogues.create.mutate(dialogue)))?.appCode).toBe('FORBIDDEN');
    await moderator.api.organisations.verify.mutate({ organisationId });
    expect((await moderator.api.organisations.verificationQueue.query()).map((o) => o.id)).not.toContain(organisationId);
    const { dialogueId } = await colleague.api.dialogues.create.mutate(dialogue);
    expect((await server.visitor().api.dialogues.get.query({ dialogueId })).owners).toEqual([{ id: organisationId, name: 'Exempelkommunen' }]);
  });
});
