// Targeted lockout (issue 6, finding 3): ten wrong passwords for a victim's address, from any
// addresses, locked the victim out for 15 minutes, right password or not. Replayed against the real
// server, each party from its own loopback address: the attacker hammers the victim's account from
// many addresses; the owner, from theirs, signs in; the attacker is still held off, right password
// or not. Behind a trusted proxy, an address forged in X-Forwarded-For buys no fresh tries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';
import { requestFrom, type Answer } from '../support/from-address.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let proxied: TestServer;
const VICTIM = 'offert@leverantor.example';
const PASSWORD = 'leverantörens riktiga lösenord';
const OWNER_ADDRESS = '127.0.0.200';

function signIn(on: TestServer, from: string, password: string, email = VICTIM, headers: Record<string, string> = {}): Promise<Answer> {
  return requestFrom(from, `${on.url}/trpc/accounts.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

const appCode = (answer: Answer) => (answer.body as { error?: { data?: { appCode?: string } } }).error?.data?.appCode;

beforeAll(async () => {
  server = await startTestServer();
  proxied = await startTestServer({ TRUST_PROXY: 'true' });
  for (const on of [server, proxied]) {
    await on.visitor().registerVerified({ name: 'Olle Offert', email: VICTIM, password: PASSWORD, representation: 'supplier', organisationName: 'Offertbolaget AB' });
  }
});
afterAll(async () => {
  await server?.stop();
  await proxied?.stop();
});

describe('a competitor guessing a supplier’s password from many addresses', () => {
  it('cannot lock the owner out, and stays held off itself', async () => {
    const attackers = Array.from({ length: 12 }, (_, i) => `127.0.0.${20 + i}`);
    let wrongAnswered = 0;
    for (const address of attackers) {
      // Each address guesses until it is told to wait.
      for (;;) {
        const answer = await signIn(server, address, `gissning ${wrongAnswered}`);
        if (answer.status === 429) {
          expect(appCode(answer)).toBe('RATE_LIMITED');
          const retryAfter = Number(answer.headers['retry-after']);
          expect(retryAfter).toBeGreaterThan(0);
          expect(retryAfter).toBeLessThanOrEqual(15 * 60);
          break;
        }
        expect(answer.status).toBe(401);
        expect(appCode(answer)).toBe('INVALID_CREDENTIALS');
        wrongAnswered += 1;
      }
    }
    // Five tries each for the first two addresses; then the account is being guessed and every
    // further address gets one.
    const perPair = RATE_LIMIT_RULES.signInFailuresPerAccountAndAddress.limit;
    expect(wrongAnswered).toBe(2 * perPair + (attackers.length - 2));

    // The owner, from an address that has not guessed, signs in at once.
    const owner = await signIn(server, OWNER_ADDRESS, PASSWORD);
    expect(owner.status).toBe(200);
    expect((owner.body as { result: { data: { email: string } } }).result.data.email).toBe(VICTIM);
    const cookie = String(owner.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const me = await requestFrom(OWNER_ADDRESS, `${server.url}/trpc/accounts.me`, { headers: { cookie } });
    expect((me.body as { result: { data: { email: string } } }).result.data.email).toBe(VICTIM);

    // The attacker is still held off, from every address it used — even with the right password,
    // so a refused address cannot learn that a guess was right.
    for (const address of attackers) {
      const answer = await signIn(server, address, PASSWORD);
      expect(answer.status, address).toBe(429);
    }
    // A fresh address gets one guess while the account is being guessed.
    expect((await signIn(server, '127.0.0.99', 'en gissning till')).status).toBe(401);
    expect((await signIn(server, '127.0.0.99', 'och en till')).status).toBe(429);
  });

  it('lets the owner mistype a few times from their own address and still sign in', async () => {
    const email = 'slarvig@leverantor.example';
    await server.visitor().registerVerified({ name: 'Sara Slarvig', email, password: PASSWORD, representation: 'supplier', organisationName: 'Slarvbolaget AB' });
    for (let i = 0; i < RATE_LIMIT_RULES.signInFailuresPerAccountAndAddress.limit - 1; i++) {
      expect((await signIn(server, '127.0.0.150', `nästan rätt ${i}`, email)).status).toBe(401);
    }
    expect((await signIn(server, '127.0.0.150', PASSWORD, email)).status).toBe(200);
  });
});

describe('behind a trusted proxy', () => {
  it('counts the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    // The proxy appends the address it saw (127.0.0.60) to whatever the client sent.
    let wrong = 0;
    for (let i = 1; i <= 40; i++) {
      const forged = { 'x-forwarded-for': `198.51.100.${i}, 127.0.0.60` };
      const answer = await signIn(proxied, '127.0.0.1', `gissning ${i}`, VICTIM, forged);
      if (answer.status === 429) break;
      wrong += 1;
    }
    expect(wrong).toBe(RATE_LIMIT_RULES.signInFailuresPerAccountAndAddress.limit);
    // The owner, behind the same proxy from their own address, signs in.
    expect((await signIn(proxied, '127.0.0.1', PASSWORD, VICTIM, { 'x-forwarded-for': '127.0.0.61' })).status).toBe(200);
  });
});
