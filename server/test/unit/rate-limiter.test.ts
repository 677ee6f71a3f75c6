import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/platform/rate-limit/rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows the limit per window, then tells how long to wait, then opens a new window', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) expect((await limiter.take('a')).allowed).toBe(true);
    now += 15_000;
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await limiter.take('b')).allowed).toBe(true);
    now += 45_000;
    expect((await limiter.take('a')).allowed).toBe(true);
  });

  it('peeks without counting, for limits on failures only', async () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000 }, () => 0);
    expect((await limiter.peek('a')).allowed).toBe(true);
    await limiter.take('a');
    expect((await limiter.peek('a')).allowed).toBe(true);
    await limiter.take('a');
    expect(await limiter.peek('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('counts a cost larger than one, for budgets charged in server time', async () => {
    const limiter = new RateLimiter({ limit: 100, windowMs: 60_000 }, () => 0);
    expect((await limiter.take('a', 60)).allowed).toBe(true);
    expect((await limiter.peek('a')).allowed).toBe(true);
    expect(await limiter.take('a', 41)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await limiter.peek('a')).allowed).toBe(false);
    expect((await limiter.peek('b')).allowed).toBe(true);
  });
});
