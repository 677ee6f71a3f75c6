import { describe, expect, it } from 'vitest';
import { chargeRead } from '../../src/platform/http/read-budget.ts';
import type { RequestContext } from '../../src/platform/http/request-context.ts';
import { createRateLimiters, RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';
import type { Actor } from '../../src/platform/policy/actor.ts';

function caller(actor: Actor | null, clientAddress: string, rateLimiters = createRateLimiters(1)): RequestContext {
  return { actor, clientAddress, services: { rateLimiters } } as unknown as RequestContext;
}

describe('the read budget', () => {
  it('charges at least 1 ms a call, so cheap calls cannot be sent without end', async () => {
    const ctx = caller(null, '203.0.113.7');
    const { limit } = RATE_LIMIT_RULES.anonymousReadMsPerAddress;
    // A call timed at 0 ms (the clock's resolution) or a fraction of one costs 1 ms all the same.
    for (let i = 0; i < limit - 1; i++) await chargeRead(ctx, i % 2 === 0 ? 0 : 0.01);
    expect((await ctx.services.rateLimiters.anonymousReadMsPerAddress.peek('address:203.0.113.7')).allowed).toBe(true);
    await chargeRead(ctx, 0);
    expect((await ctx.services.rateLimiters.anonymousReadMsPerAddress.peek('address:203.0.113.7')).allowed).toBe(false);
  });

  it("charges a signed-in person's reads to the person, an anonymous caller's to the address", async () => {
    const rateLimiters = createRateLimiters(1);
    const spent = async (name: 'signedInReadMsPerPerson' | 'anonymousReadMsPerAddress', key: string) => !(await rateLimiters[name].peek(key)).allowed;
    await chargeRead(caller({ userId: 'u1' } as Actor, '203.0.113.8', rateLimiters), RATE_LIMIT_RULES.signedInReadMsPerPerson.limit);
    expect(await spent('signedInReadMsPerPerson', 'user:u1')).toBe(true);
    expect(await spent('anonymousReadMsPerAddress', 'address:203.0.113.8')).toBe(false);
    await chargeRead(caller(null, '203.0.113.8', rateLimiters), RATE_LIMIT_RULES.anonymousReadMsPerAddress.limit);
    expect(await spent('anonymousReadMsPerAddress', 'address:203.0.113.8')).toBe(true);
    expect(await spent('signedInReadMsPerPerson', 'user:u2')).toBe(false);
  });
});
