import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/platform/rate-limit/rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows the limit per window, then tells how long to wait, then opens a new window', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 45_000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('peeks without counting, for limits on failures only', () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 }, () => 0);
    expect(limiter.peek('a').allowed).toBe(true);
    limiter.take('a');
    expect(limiter.peek('a').allowed).toBe(true);
    limiter.take('a');
    expect(limiter.peek('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});
