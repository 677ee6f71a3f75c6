// The sign-in throttle's rules over time, on the real rate-limit counters with a clock the test moves:
// which address waits for which account, for how long, and that the account itself never locks.
import { describe, expect, it } from 'vitest';
import { recordSignInFailure, signInVerdict, type SignInAttempt } from '../../src/modules/accounts/sign-in-throttle.ts';
import { RateLimiter } from '../../src/platform/rate-limit/rate-limiter.ts';
import { createRateLimiters, RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';

const MINUTE = 60_000;

function throttle() {
  let now = Date.parse('2026-03-02T08:00:00Z');
  const limiters = createRateLimiters(1, (_name, rule) => new RateLimiter(rule, () => now));
  return {
    advance: (ms: number) => (now += ms),
    verdict: (attempt: SignInAttempt) => signInVerdict(limiters, attempt),
    fail: (attempt: SignInAttempt) => recordSignInFailure(limiters, attempt),
  };
}

const victim = (address: string): SignInAttempt => ({ email: 'offer@leverantor.example', address });

describe('the sign-in throttle', () => {
  it('makes one address wait after five wrong passwords for an account, until its quarter hour is over', async () => {
    const t = throttle();
    for (let i = 0; i < RATE_LIMIT_RULES.signInFailuresPerAccountAndAddress.limit; i++) {
      expect(await t.verdict(victim('203.0.113.1'))).toEqual({ allowed: true });
      await t.fail(victim('203.0.113.1'));
    }
    expect(await t.verdict(victim('203.0.113.1'))).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 });
    // The same address may still try another account, and another address this one.
    expect(await t.verdict({ email: 'annan@leverantor.example', address: '203.0.113.1' })).toEqual({ allowed: true });
    expect(await t.verdict(victim('198.51.100.7'))).toEqual({ allowed: true });
    t.advance(10 * MINUTE);
    expect(await t.verdict(victim('203.0.113.1'))).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 });
    t.advance(5 * MINUTE);
    expect(await t.verdict(victim('203.0.113.1'))).toEqual({ allowed: true });
  });

  it('makes an address wait for the rest of the day after twenty wrong passwords in it', async () => {
    const t = throttle();
    for (let quarter = 0; quarter < 4; quarter++) {
      for (let i = 0; i < 5; i++) await t.fail(victim('203.0.113.1'));
      t.advance(15 * MINUTE);
    }
    const verdict = await t.verdict(victim('203.0.113.1'));
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.retryAfterSeconds).toBe(24 * 3600 - 60 * 60);
  });

  it('gives each address one wrong password while the account is being guessed, and always lets a clean address try', async () => {
    const t = throttle();
    // Ten wrong passwords from two addresses: the account is being guessed.
    for (let i = 0; i < 5; i++) await t.fail(victim('203.0.113.1'));
    for (let i = 0; i < 5; i++) await t.fail(victim('203.0.113.2'));
    for (let n = 3; n < 40; n++) {
      const address = `203.0.113.${n}`;
      expect(await t.verdict(victim(address)), address).toEqual({ allowed: true });
      await t.fail(victim(address));
      expect((await t.verdict(victim(address))).allowed, address).toBe(false);
    }
    // The owner's address has no failures: through, however many others there were.
    expect(await t.verdict(victim('198.51.100.7'))).toEqual({ allowed: true });
    // Once the quarter hour is over, the account is no longer being guessed.
    t.advance(15 * MINUTE);
    expect(await t.verdict(victim('203.0.113.3'))).toEqual({ allowed: true });
  });
});
