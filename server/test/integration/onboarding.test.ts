// Before the first question: registration makes an account and nothing else. Once the address is
// confirmed the newcomer joins an organisation (accepting an invitation waiting for their address,
// or asking to join one they found) or creates one, and acts for it. An invited colleague never gets
// a stray organisation of their own. Registration still tells nobody who has an account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailedToken, mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let owner: Visitor;
let organisationId: string;
const PASSWORD = 'ett konto men ingen organisation';

const organisationCount = () => server.app.services.store.collection('organisations').countDocuments({});

/** Registers and opens the mailed confirmation link, which signs the newcomer in; nothing more. */
async function newcomer(email: string, representation: 'buyer' | 'supplier' = 'supplier'): Promise<Visitor> {
  const visitor = server.visitor();
  await visitor.api.accounts.register.mutate({ name: `Ny ${email.split('@')[0]}`, email, password: PASSWORD, representation });
  await visitor.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, email, 'verify-email') });
  return visitor;
}

beforeAll(async () => {
  server = await startTestServer();
  owner = server.visitor();
  await owner.registerVerified({ name: 'Olle Ägare', email: 'olle@region.example', password: PASSWORD, representation: 'buyer', organisationName: 'Region Exempel' });
  organisationId = (await owner.api.accounts.me.query())?.organisation?.id ?? '';
});

afterAll(async () => {
  await server?.stop();
});

describe('registration', () => {
  it('creates an account and no organisation, whether or not the address is taken', async () => {
    const before = await organisationCount();
    const fresh = await newcomer('nora@startup.example');
    expect((await fresh.api.accounts.me.query())?.organisation).toBeNull();
    expect(await fresh.api.organisations.mine.query()).toEqual([]);
    // Registering the taken address again answers alike and makes nothing either.
    expect(await server.visitor().api.accounts.register.mutate({ name: 'Nora Igen', email: 'nora@startup.example', password: PASSWORD, representation: 'buyer' })).toEqual({ ok: true });
    expect(await organisationCount()).toBe(before);
  });

  it('leaves a newcomer without an organisation unable to ask until they join or create one', async () => {
    const fresh = await newcomer('utan@organisation.example');
    const { dialogueId } = await owner.api.dialogues.create.mutate({
      title: 'Frågor kräver en organisation',
      description: 'x',
      arenaId: 'ict',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      visibility: 'public',
    });
    expect((await fresh.api.dialogues.get.query({ dialogueId })).viewer.canAsk).toBe(false);
    expect((await refusal(fresh.api.threads.ask.mutate({ dialogueId, title: 'Får jag fråga?', body: 'Utan organisation?' })))?.appCode).toBe('FORBIDDEN');
    await fresh.api.organisations.create.mutate({ name: 'Nystartat AB', kind: 'supplier' });
    expect((await fresh.api.accounts.me.query())?.organisation?.name).toBe('Nystartat AB');
    expect((await fresh.api.dialogues.get.query({ dialogueId })).viewer.canAsk).toBe(true);
  });
});

describe('joining', () => {
  it('offers an invited colleague the invitation once their address is confirmed; accepting, they act for it and have no other', async () => {
    await owner.api.organisations.invite.mutate({ organisationId, email: 'cecilia@region.example' });
    const visitor = server.visitor();
    await visitor.api.accounts.register.mutate({ name: 'Cecilia Kollega', email: 'cecilia@region.example', password: PASSWORD, representation: 'buyer' });
    await visitor.api.accounts.login.mutate({ email: 'cecilia@region.example', password: PASSWORD });
    // Unconfirmed, the account may have been registered by someone else: no invitations are shown.
    expect((await refusal(visitor.api.organisations.invitationsForMe.query()))?.appCode).toBe('EMAIL_NOT_VERIFIED');
    await visitor.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'cecilia@region.example', 'verify-email') });

    const [invitation, ...others] = await visitor.api.organisations.invitationsForMe.query();
    expect(others).toEqual([]);
    expect(invitation?.organisation).toMatchObject({ id: organisationId, name: 'Region Exempel', kind: 'buyer' });
    expect(invitation?.invitedBy).toBe('Olle Ägare');
    // Someone else's invitation is not theirs to accept.
    const stranger = await newcomer('inte.cecilia@annan.example');
    expect(await stranger.api.organisations.invitationsForMe.query()).toEqual([]);
    expect((await refusal(stranger.api.organisations.acceptInvitationFor.mutate({ invitationId: invitation?.id ?? '' })))?.appCode).toBe('INVALID_TOKEN');

    await visitor.api.organisations.acceptInvitationFor.mutate({ invitationId: invitation?.id ?? '' });
    expect((await visitor.api.accounts.me.query())?.organisation).toMatchObject({ id: organisationId, verified: true });
    expect((await visitor.api.organisations.mine.query()).map((organisation) => organisation.id)).toEqual([organisationId]);
    expect(await visitor.api.organisations.invitationsForMe.query()).toEqual([]);
  });

  it('makes someone who already acts for an organisation act for the one whose invitation they accept', async () => {
    const visitor = await newcomer('dubbel@konsult.example');
    await visitor.api.organisations.create.mutate({ name: 'Egen konsultfirma', kind: 'supplier' });
    await owner.api.organisations.invite.mutate({ organisationId, email: 'dubbel@konsult.example' });
    const token = await mailedTokenOfInvitation('dubbel@konsult.example');
    await visitor.api.organisations.acceptInvitation.mutate({ token });
    expect((await visitor.api.accounts.me.query())?.organisation?.id).toBe(organisationId);
    expect((await visitor.api.organisations.mine.query()).length).toBe(2);
  });

  it('lets a newcomer find an organisation and ask to join; once an owner approves, they act for it', async () => {
    const visitor = await newcomer('sam@region.example');
    const [found] = await visitor.api.organisations.find.query({ q: 'Region Exempel' });
    expect(found?.id).toBe(organisationId);
    await visitor.api.organisations.requestToJoin.mutate({ organisationId });
    const request = (await owner.api.organisations.get.query({ organisationId })).joinRequests?.find((candidate) => candidate.name === 'Ny sam');
    await owner.api.organisations.decideJoinRequest.mutate({ requestId: request?.id ?? '', approve: true });
    expect((await visitor.api.accounts.me.query())?.organisation?.id).toBe(organisationId);
  });
});

/** The token of the invitation link mailed to `address`. */
async function mailedTokenOfInvitation(address: string): Promise<string> {
  const [mail] = await mailTo(server.dataDir, address, /Inbjudan|Invitation/);
  const token = /\/invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation mailed to ${address}`);
  return token;
}
