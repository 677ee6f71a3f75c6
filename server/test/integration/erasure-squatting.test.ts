// Erasure squatting (issue 6, finding 2): erasure once gave the erased account the address
// `removed-user-N@erased.invalid` from a counter, so registering that address first made the next
// erasure fail on the duplicate key — and, the counter rolling back with it, every erasure after it.
// Replayed here: the squatter registers the addresses erasure used to hand out, then people erase
// their accounts, one after a refused erasure.
import { registerInput } from '@dialogforum/contracts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USERS, type UserDocument } from '../../src/modules/accounts/documents.ts';
import { releaseErasedAddresses } from '../../src/modules/accounts/personal-data.ts';
import { mailedToken, mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
const PASSWORD = 'raderingen får aldrig stoppas';

const person = (label: string) => ({
  name: `Person ${label}`,
  email: `${label}@erasure.example`,
  password: PASSWORD,
  representation: 'supplier' as const,
});

async function signedUp(label: string): Promise<{ visitor: Visitor; id: string }> {
  const visitor = server.visitor();
  await visitor.registerVerified(person(label));
  const me = await visitor.api.accounts.me.query();
  if (!me) throw new Error(`${label} is not signed in`);
  return { visitor, id: me.id };
}

const users = () => server.app.services.store.collection<UserDocument>(USERS);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('erasure squatting', () => {
  it('erases every account although the addresses erasure once used are registered, also after a refused erasure', async () => {
    const squatter = server.visitor();
    for (let n = 0; n <= 4; n++) {
      await squatter.api.accounts.register.mutate({ ...person(`squat${n}`), email: `removed-user-${n}@erased.invalid` });
    }

    // A refused erasure (the last owner of an organisation with members) first.
    const owner = await signedUp('owner');
    const member = await signedUp('member');
    const organisationId = (await owner.visitor.api.accounts.me.query())?.organisation?.id ?? '';
    await member.visitor.api.organisations.requestToJoin.mutate({ organisationId });
    const requestId = (await owner.visitor.api.organisations.get.query({ organisationId })).joinRequests?.[0]?.id ?? '';
    await owner.visitor.api.organisations.decideJoinRequest.mutate({ requestId, approve: true });
    expect((await refusal(owner.visitor.api.accounts.erase.mutate({ password: PASSWORD })))?.appCode).toBe('LAST_OWNER');
    expect((await refusal(owner.visitor.api.accounts.erase.mutate({ password: 'inte lösenordet alls' })))?.appCode).toBe('INVALID_CREDENTIALS');

    const erased: string[] = [];
    for (const label of ['first', 'second', 'third']) {
      const { visitor, id } = await signedUp(label);
      await visitor.api.accounts.erase.mutate({ password: PASSWORD });
      erased.push(id);
    }
    await member.visitor.api.accounts.erase.mutate({ password: PASSWORD });
    erased.push(member.id);

    const stored = await users().find({ _id: { $in: erased } });
    expect(stored.map((user) => user.erasedAt !== undefined)).toEqual([true, true, true, true]);
    // What an erased account keeps in place of its address is unique and is not an address anyone
    // can register (or sign in with, or be made moderator by).
    expect(new Set(stored.map((user) => user.email)).size).toBe(4);
    for (const user of stored) {
      expect(registerInput.shape.email.safeParse(user.email).success, user.email).toBe(false);
      expect(user.email).not.toMatch(/@/);
    }
    expect(new Set(stored.map((user) => user.name)).size).toBe(4);
    // The squatter's accounts are untouched.
    expect(await users().countDocuments({ email: { $regex: '^removed-user-\\d@erased\\.invalid$' } })).toBe(5);
  });

  it('refuses to register what an erased account holds instead of an address', async () => {
    const { visitor, id } = await signedUp('refused');
    await visitor.api.accounts.erase.mutate({ password: PASSWORD });
    const holds = (await users().findOne({ _id: id }))?.email ?? '';
    const data = await refusal(server.visitor().api.accounts.register.mutate({ ...person('copy'), email: holds }));
    expect(data?.appCode).toBe('VALIDATION');
    expect(data?.fieldIssues.map((issue) => issue.path)).toEqual(['email']);
  });

  it('frees the erased person’s own address for a new account, and their mailed links die with the account', async () => {
    const { visitor } = await signedUp('returning');
    await server.visitor().api.accounts.requestPasswordReset.mutate({ email: 'returning@erasure.example', language: 'sv' });
    const resetToken = await mailedToken(server.dataDir, 'returning@erasure.example', 'reset-password');
    await visitor.api.accounts.erase.mutate({ password: PASSWORD });
    expect((await refusal(server.visitor().api.accounts.resetPassword.mutate({ token: resetToken, newPassword: 'ett nytt långt lösenord' })))?.appCode).toBe(
      'INVALID_TOKEN',
    );
    // The erasure also deletes the mail that went to the erased account (issue 7 §4).
    await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
    expect(await mailTo(server.dataDir, 'returning@erasure.example', /./, 0)).toEqual([]);

    const again = server.visitor();
    await again.api.accounts.register.mutate({ ...person('returning'), name: 'Person Returning Again' });
    // The confirmation mail to the address now is the new account's.
    while ((await mailTo(server.dataDir, 'returning@erasure.example', /Bekräfta/)).length < 1) await new Promise((resolve) => setTimeout(resolve, 25));
    await again.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'returning@erasure.example', 'verify-email') });
    await again.api.accounts.login.mutate({ email: 'returning@erasure.example', password: PASSWORD });
    expect(await again.api.accounts.me.query()).toMatchObject({ email: 'returning@erasure.example', name: 'Person Returning Again', emailVerified: true });
  });

  it('releases the addresses of accounts erased before this fix when the server starts', async () => {
    await users().insertOne({
      _id: 'erasedbeforethefix01',
      name: 'Removed user 9',
      email: 'removed-user-9@erased.invalid',
      passwordHash: '',
      representation: 'supplier',
      organisationId: null,
      language: 'sv',
      emailVerifiedAt: null,
      platformRole: null,
      blockedAt: null,
      erasedAt: new Date().toISOString(),
      createdAt: new Date().toISOString(),
    });
    await releaseErasedAddresses(server.app.services.store);
    expect((await users().findOne({ _id: 'erasedbeforethefix01' }))?.email).not.toMatch(/@/);
    const squatter = server.visitor();
    await squatter.registerVerified({ ...person('late'), email: 'removed-user-9@erased.invalid' });
    expect((await squatter.api.accounts.me.query())?.email).toBe('removed-user-9@erased.invalid');
  });
});
