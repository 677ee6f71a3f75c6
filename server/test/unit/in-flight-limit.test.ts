import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiLimits } from '../../src/platform/http/api-limits.ts';
import { InFlightLimit } from '../../src/platform/http/in-flight-limit.ts';
import { createRateLimiters } from '../../src/platform/rate-limit/rate-limits.ts';

describe('the in-flight limit, among the limits before tRPC', () => {
  it('refuses one request more than the limit from one address at once, with 429 and Retry-After; others go on', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const app = new Hono();
    app.use(
      '*',
      apiLimits({
        guard: () => null,
        actorOf: async () => null,
        addressOf: (c) => c.req.header('x-address') ?? '',
        inFlight: new InFlightLimit(2),
        rateLimiters: createRateLimiters(1),
        bodyLimitBytes: 1024,
      }),
    );
    // A request being answered: it waits until the test lets it finish.
    app.get('*', async (c) => {
      await gate;
      return c.json({ ok: true });
    });
    const from = (address: string) => app.request('/trpc/x', { headers: { 'x-address': address } });

    const first = [from('a'), from('a')];
    const third = await from('a');
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(((await third.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe('RATE_LIMITED');
    const otherAddress = from('b');
    open();
    expect((await Promise.all([...first, otherAddress])).map((response) => response.status)).toEqual([200, 200, 200]);
    // Answered requests no longer count.
    expect((await from('a')).status).toBe(200);
  });
});
