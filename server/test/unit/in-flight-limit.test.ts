import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { inFlightLimit } from '../../src/platform/http/in-flight-limit.ts';
import type { CallerVariables } from '../../src/platform/http/request-context.ts';

describe('inFlightLimit', () => {
  it('refuses one request more than the limit from one address at once, with 429 and Retry-After; others go on', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const app = new Hono<{ Variables: CallerVariables }>();
    app.use('*', async (c, next) => {
      c.set('clientAddress', c.req.header('x-address') ?? '');
      await next();
    });
    app.use('*', inFlightLimit(2));
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
