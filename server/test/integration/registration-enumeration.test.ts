// Account enumeration at registration (issue 6, finding 6): registering an address that had an
// account answered 409 EMAIL_TAKEN, so a competitor could check which of a rival's employees are on
// the platform. Replayed: the same registration for a taken and a new address, compared as the
// attacker sees them (status, headers, body, time); the owner of the taken address hears of it by
// mail instead, in their own language, and their account is left exactly as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USERS, type UserDocument } from '../../src/modules/accounts/documents.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';
import { requestFrom, type Answer } from '../support/from-address.ts';
import { mailedToken, mailTo } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
const OWNER_PASSWORD = 'ägarens eget långa lösenord';
const ATTACKER_PASSWORD = 'angriparens gissade lösenord';

const registration = (email: string, language: 'sv' | 'en' = 'sv') => ({
  name: 'Nyfiken Konkurrent',
  email,
  password: ATTACKER_PASSWORD,
  representation: 'supplier' as const,
  language,
});

let source = 10;
/** A registration as a script would send it, each from another loopback address (per-address limits stay out of it). */
function register(body: unknown): Promise<Answer> {
  source += 1;
  return requestFrom(`127.0.0.${source}`, `${server.url}/trpc/accounts.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify(body),
  });
}

/** What the attacker can compare: the status, the headers and the body, but for the clock and the per-request id. */
function visible(answer: Answer) {
  const { date: _date, 'x-request-id': _requestId, ...headers } = answer.headers;
  return { status: answer.status, headers, body: answer.body };
}

const users = () => server.app.services.store.collection<UserDocument>(USERS);

beforeAll(async () => {
  server = await startTestServer();
  await server.visitor().registerVerified({
    name: 'Olga Ägare',
    email: 'olga@leverantor.example',
    password: OWNER_PASSWORD,
    representation: 'supplier',
    organisationName: 'Leverantören AB',
    language: 'en',
  });
  await server.visitor().registerVerified({
    name: 'Sven Svensson',
    email: 'sven@leverantor.example',
    password: OWNER_PASSWORD,
    representation: 'supplier',
    organisationName: 'Leverantören AB',
    language: 'sv',
  });
});
afterAll(async () => {
  await server?.stop();
});

describe('registering a taken address', () => {
  it('answers exactly as registering a new address: same status, headers and body, no session', async () => {
    const organisationsBefore = await server.app.services.store.collection('organisations').countDocuments({});
    const taken = await register(registration('olga@leverantor.example'));
    const fresh = await register(registration('ny.person@leverantor.example'));
    expect(visible(taken)).toEqual(visible(fresh));
    expect(taken.status).toBe(200);
    expect(taken.body).toEqual({ result: { data: { ok: true } } });
    expect(taken.headers['set-cookie']).toBeUndefined();
    // Registration makes no organisation, for a new address or a taken one.
    expect(await server.app.services.store.collection('organisations').countDocuments({})).toBe(organisationsBefore);
    expect(await users().countDocuments({ email: 'olga@leverantor.example' })).toBe(1);
  });

  it('mails the owner in the owner’s language, with what to do and no link that changes anything', async () => {
    await register(registration('olga@leverantor.example', 'sv'));
    const [mail] = await mailTo(server.dataDir, 'olga@leverantor.example', /Someone tried to register/);
    expect(mail?.text).toContain('Hello Olga Ägare');
    expect(mail?.text).toContain('no new one was created');
    expect(mail?.text).toMatch(/https?:\/\/\S+\/login\b/);
    expect(mail?.text).toMatch(/https?:\/\/\S+\/forgot-password\b/);
    expect(mail?.text).not.toMatch(/token=/);

    await register(registration('sven@leverantor.example', 'en'));
    const [swedish] = await mailTo(server.dataDir, 'sven@leverantor.example', /Någon försökte registrera sig/);
    expect(swedish?.text).toContain('Hej Sven Svensson');
    expect(swedish?.text).toContain('inget nytt konto skapades');
  });

  it('leaves the account as it was: the owner’s name and password stay, the registrant’s password opens nothing', async () => {
    await register({ ...registration('olga@leverantor.example'), name: 'Kapad Profil' });
    expect((await users().findOne({ email: 'olga@leverantor.example' }))?.name).toBe('Olga Ägare');
    const attacker = server.visitor();
    expect((await refusal(attacker.api.accounts.login.mutate({ email: 'olga@leverantor.example', password: ATTACKER_PASSWORD })))?.appCode).toBe(
      'INVALID_CREDENTIALS',
    );
    const owner = server.visitor();
    await owner.api.accounts.login.mutate({ email: 'olga@leverantor.example', password: OWNER_PASSWORD });
    expect((await owner.api.accounts.me.query())?.name).toBe('Olga Ägare');
  });

  it('cannot fill the owner’s inbox: mails are limited per address, answers stay the same', async () => {
    const limit = RATE_LIMIT_RULES.accountMailPerUser.limit;
    const subject = /Någon försökte registrera sig/;
    const answers = [];
    for (let i = 0; i < limit + 3; i++) answers.push(visible(await register(registration('flood.target@leverantor.example'))));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    // Every registration of the address counts, the first (which made the account) too.
    await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
    expect(await mailTo(server.dataDir, 'flood.target@leverantor.example', subject)).toHaveLength(limit - 1);
  });

  it('takes as long as registering a new address: the password is hashed and one write made either way', async () => {
    // Not a performance claim: a taken address answered without hashing, or without the durable write
    // of the owner's mail, is several times faster, which a script measures at once. Each taken
    // address is tried once, as an attacker's first (and only telling) try would be. Interleaved,
    // medians, and a wide margin for a busy machine.
    for (let i = 0; i < 9; i++) await register(registration(`known-${i}@leverantor.example`));
    await server.app.dispatcher.drained(await lastEventSeq(server.app.services.store));
    const taken: number[] = [];
    const fresh: number[] = [];
    const timed = async (email: string) => {
      const started = performance.now();
      await register(registration(email));
      return performance.now() - started;
    };
    for (let i = 0; i < 9; i++) {
      taken.push(await timed(`known-${i}@leverantor.example`));
      fresh.push(await timed(`timing-${i}@leverantor.example`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const ratio = median(taken) / median(fresh);
    expect(ratio, `taken ${median(taken).toFixed(1)} ms, new ${median(fresh).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio, `taken ${median(taken).toFixed(1)} ms, new ${median(fresh).toFixed(1)} ms`).toBeLessThan(2);
  });
});

describe('the confirmation link', () => {
  it('signs in a browser that is signed in as nobody, since registration no longer does', async () => {
    const newcomer = server.visitor();
    await newcomer.api.accounts.register.mutate({ ...registration('nykomling@leverantor.example'), name: 'Nora Nykomling' });
    expect(await newcomer.api.accounts.me.query()).toBeNull();
    await newcomer.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'nykomling@leverantor.example', 'verify-email') });
    expect(await newcomer.api.accounts.me.query()).toMatchObject({ name: 'Nora Nykomling', emailVerified: true });
  });

  it('leaves a browser signed in as someone else signed in as them', async () => {
    const olga = server.visitor();
    await olga.api.accounts.login.mutate({ email: 'olga@leverantor.example', password: OWNER_PASSWORD });
    await server.visitor().api.accounts.register.mutate(registration('annan@leverantor.example'));
    await olga.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'annan@leverantor.example', 'verify-email') });
    expect((await olga.api.accounts.me.query())?.name).toBe('Olga Ägare');
    expect((await users().findOne({ email: 'annan@leverantor.example' }))?.emailVerifiedAt).toEqual(expect.any(String));
  });

  it('confirms a blocked person’s address but signs nobody in', async () => {
    await server.visitor().api.accounts.register.mutate({ ...registration('blockerad@leverantor.example'), name: 'Bo Blockerad' });
    const blocked = await users().findOne({ email: 'blockerad@leverantor.example' });
    await (await server.moderator()).api.accounts.block.mutate({ userId: blocked?._id ?? '' });
    const browser = server.visitor();
    await browser.api.accounts.verifyEmail.mutate({ token: await mailedToken(server.dataDir, 'blockerad@leverantor.example', 'verify-email') });
    expect(await browser.api.accounts.me.query()).toBeNull();
    expect(browser.cookie()).toBe('');
  });
});
