// Accounts beyond sign-up: e-mail confirmation, breached passwords, reset and change of password,
// session expiry and rotation, and ending every session — including live sockets — on logout,
// password change and an admin's block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailTo, mailedToken } from '../support/mailbox.ts';
import { MODERATOR_EMAIL, startTestServer, type LiveSocket, type TestServer } from '../support/test-server.ts';
import { refusal } from '../support/refusal.ts';

let server: TestServer;
const PASSWORD = 'kallt kaffe i termosen';

const person = (n: number, representation: 'buyer' | 'supplier' = 'supplier') => ({
  name: `Person ${n}`,
  email: `person${n}@example.se`,
  password: PASSWORD,
  representation,
});

function disconnected(socket: LiveSocket, ms = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve();
    const timer = setTimeout(() => reject(new Error(`socket still connected after ${ms} ms`)), ms);
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

beforeAll(async () => {
  server = await startTestServer({ ADMIN_EMAILS: `admin@example.se,${MODERATOR_EMAIL}`, SESSION_TTL_HOURS: '3' });
});
afterAll(async () => {
  await server?.stop();
});

describe('e-mail confirmation', () => {
  it('lets nobody publish before confirming, then accepts the mailed link once', async () => {
    const buyer = server.visitor();
    await buyer.api.accounts.register.mutate({ ...person(1, 'buyer'), language: 'en' });
    // Registration signs nobody in; the password does, before the address is confirmed.
    expect(await buyer.api.accounts.me.query()).toBeNull();
    await buyer.api.accounts.login.mutate({ email: 'person1@example.se', password: PASSWORD });
    expect((await buyer.api.accounts.me.query())?.emailVerified).toBe(false);
    const dialogue = {
      title: 'Vätgasbussar',
      description: 'Behov av bussar.',
      arenaId: 'transport' as const,
      phase: 'needs-analysis' as const,
      questionDeadline: new Date(Date.now() + 3_600_000).toISOString(),
      visibility: 'public' as const,
    };
    expect((await refusal(buyer.api.dialogues.create.mutate(dialogue)))?.appCode).toBe('EMAIL_NOT_VERIFIED');
    expect(await buyer.api.dialogues.list.query({})).toEqual([]);

    const [mail] = await mailTo(server.dataDir, 'person1@example.se', /Confirm your e-mail address/);
    expect(mail?.text).toContain('Hello Person 1');
    const token = await mailedToken(server.dataDir, 'person1@example.se', 'verify-email');
    await buyer.api.accounts.verifyEmail.mutate({ token });
    expect((await buyer.api.accounts.me.query())?.emailVerified).toBe(true);
    // A confirmed address is not enough for a buyer: the organisation they create must be verified by a moderator too.
    const { organisationId } = await buyer.api.organisations.create.mutate({ name: 'Bussregionen', kind: 'buyer' });
    expect((await refusal(buyer.api.dialogues.create.mutate(dialogue)))?.appCode).toBe('FORBIDDEN');
    await (await server.moderator()).api.organisations.verify.mutate({ organisationId });
    await buyer.api.dialogues.create.mutate(dialogue);
    expect((await refusal(buyer.api.accounts.verifyEmail.mutate({ token })))?.appCode).toBe('INVALID_TOKEN');
  });

  it('refuses an expired link', async () => {
    const visitor = server.visitor();
    await visitor.api.accounts.register.mutate(person(2));
    const token = await mailedToken(server.dataDir, 'person2@example.se', 'verify-email');
    server.clock.advance(49 * 3_600_000);
    try {
      expect((await refusal(server.visitor().api.accounts.verifyEmail.mutate({ token })))?.appCode).toBe('INVALID_TOKEN');
    } finally {
      server.clock.advance(-49 * 3_600_000);
    }
  });
});

describe('passwords', () => {
  it.each(['password1234', 'qwertyuiop123', 'Sommar2024!!!', 'aaaaaaaaaaaaaaaa', '123456789012'])(
    'refuses the breached or trivial password %s and writes nothing',
    async (password) => {
      const before = await server.app.services.store.collection('users').countDocuments({});
      const data = await refusal(server.visitor().api.accounts.register.mutate({ ...person(3), password }));
      expect(data?.appCode).toBe('WEAK_PASSWORD');
      expect(data?.fieldIssues).toEqual([{ path: 'password', code: 'common_password' }]);
      expect(await server.app.services.store.collection('users').countDocuments({})).toBe(before);
    },
  );

  it('resets a forgotten password by a single-use mailed link, ending every session', async () => {
    const owner = server.visitor();
    await owner.registerVerified(person(4));
    const socket = await owner.connect();
    const stranger = server.visitor();
    await stranger.api.accounts.requestPasswordReset.mutate({ email: 'nobody@example.se', language: 'sv' });
    await stranger.api.accounts.requestPasswordReset.mutate({ email: 'person4@example.se', language: 'sv' });
    const token = await mailedToken(server.dataDir, 'person4@example.se', 'reset-password');
    expect(await mailTo(server.dataDir, 'nobody@example.se', /./, 200)).toEqual([]);

    await stranger.api.accounts.resetPassword.mutate({ token, newPassword: 'ett helt nytt lösenord' });
    await disconnected(socket);
    expect(await owner.api.accounts.me.query()).toBeNull();
    expect((await refusal(stranger.api.accounts.resetPassword.mutate({ token, newPassword: 'ett tredje lösenord här' })))?.appCode).toBe(
      'INVALID_TOKEN',
    );
    expect((await refusal(owner.api.accounts.login.mutate({ email: 'person4@example.se', password: PASSWORD })))?.appCode).toBe(
      'INVALID_CREDENTIALS',
    );
    await owner.api.accounts.login.mutate({ email: 'person4@example.se', password: 'ett helt nytt lösenord' });
  });

  it('changes the password: other sessions and their sockets end, this browser gets a new session', async () => {
    const laptop = server.visitor();
    const phone = server.visitor();
    await laptop.registerVerified(person(5));
    await phone.api.accounts.login.mutate({ email: 'person5@example.se', password: PASSWORD });
    const phoneSocket = await phone.connect();
    expect((await refusal(laptop.api.accounts.changePassword.mutate({ currentPassword: 'fel lösenord', newPassword: 'nytt fint lösenord' })))?.appCode).toBe(
      'INVALID_CREDENTIALS',
    );
    const before = laptop.cookie();
    await laptop.api.accounts.changePassword.mutate({ currentPassword: PASSWORD, newPassword: 'nytt fint lösenord' });
    await disconnected(phoneSocket);
    expect(await phone.api.accounts.me.query()).toBeNull();
    expect(laptop.cookie()).not.toBe(before);
    expect((await laptop.api.accounts.me.query())?.email).toBe('person5@example.se');
  });
});

describe('sessions', () => {
  it('gets a new session id at every login; the old one is dead', async () => {
    const visitor = server.visitor();
    await visitor.registerVerified(person(6));
    const first = visitor.cookie();
    await visitor.api.accounts.login.mutate({ email: 'person6@example.se', password: PASSWORD });
    expect(visitor.cookie()).not.toBe(first);
    const replay = await fetch(`${server.url}/trpc/accounts.me`, { headers: { cookie: first } });
    expect(((await replay.json()) as { result: { data: unknown } }).result.data).toBeNull();
  });

  it('ends after two idle hours, and after the absolute lifetime however active', async () => {
    const idle = server.visitor();
    await idle.registerVerified(person(7));
    const active = server.visitor();
    await active.api.accounts.login.mutate({ email: 'person7@example.se', password: PASSWORD });
    try {
      server.clock.advance(100 * 60_000);
      expect(await active.api.accounts.me.query()).not.toBeNull(); // refreshes its idle timer
      server.clock.advance(30 * 60_000);
      expect(await idle.api.accounts.me.query()).toBeNull(); // 130 minutes idle
      expect(await active.api.accounts.me.query()).not.toBeNull();
      server.clock.advance(55 * 60_000);
      expect(await active.api.accounts.me.query()).toBeNull(); // active, but 3 h 5 min old: past SESSION_TTL_HOURS
    } finally {
      server.clock.advance(-185 * 60_000);
    }
  });

  it('ends every session of the person at logout and closes their sockets', async () => {
    const first = server.visitor();
    const second = server.visitor();
    await first.registerVerified(person(8));
    await second.api.accounts.login.mutate({ email: 'person8@example.se', password: PASSWORD });
    const secondSocket = await second.connect();
    await first.api.accounts.logout.mutate();
    await disconnected(secondSocket);
    expect(await second.api.accounts.me.query()).toBeNull();
  });
});

describe('blocking', () => {
  it('lets an admin block a user: sockets close within seconds, sessions end, sign-in is refused', async () => {
    const admin = server.visitor();
    await admin.registerVerified({ ...person(9), email: 'admin@example.se' });
    await admin.api.accounts.login.mutate({ email: 'admin@example.se', password: PASSWORD });
    expect((await admin.api.accounts.me.query())?.platformRole).toBe('admin');

    const target = server.visitor();
    await target.registerVerified(person(10));
    const targetId = (await target.api.accounts.me.query())?.id ?? '';
    const socket = await target.connect();
    const bystander = server.visitor();
    await bystander.registerVerified(person(11));
    expect((await refusal(bystander.api.accounts.block.mutate({ userId: targetId })))?.appCode).toBe('FORBIDDEN');

    await admin.api.accounts.block.mutate({ userId: targetId });
    await disconnected(socket);
    expect(await target.api.accounts.me.query()).toBeNull();
    expect((await refusal(target.api.accounts.login.mutate({ email: 'person10@example.se', password: PASSWORD })))?.appCode).toBe(
      'INVALID_CREDENTIALS',
    );
  });
});
