// Reads are paid for in server time. Every query's time is charged after it ran (at least 1 ms a
// call, which also covers what the request costs around it): an anonymous caller's to their
// address, a signed-in person's to them. Once the window's budget is spent, the caller's reads are
// refused with 429 and Retry-After until it ends — ahead of tRPC, so that a refusal costs
// microseconds and a flood of refused reads cannot take the event loop from everyone else.
// Time, not a count of calls: the thread page of a large dialogue costs more than a small one's.
import type { Context } from 'hono';
import type { Actor } from '../policy/actor.ts';
import type { RateLimitVerdict } from '../rate-limit/rate-limit-counter.ts';
import type { RateLimitName, RateLimiters } from '../rate-limit/rate-limits.ts';
import type { RequestContext } from './request-context.ts';
import { apiError } from './error-shape.ts';

type ReadBudget = { name: RateLimitName; key: string };

function readBudgetOf(actor: Actor | null, clientAddress: string): ReadBudget {
  return actor
    ? { name: 'signedInReadMsPerPerson', key: `user:${actor.userId}` }
    : { name: 'anonymousReadMsPerAddress', key: `address:${clientAddress}` };
}

/** The refusal of a GET (tRPC takes queries as GET) whose payer has spent the window's budget, or null. */
export async function readBudgetRefusal(rateLimiters: RateLimiters, c: Context): Promise<Response | null> {
  if (c.req.method !== 'GET') return null;
  const verdict = await readBudgetVerdict(rateLimiters, c.get('actor'), c.get('clientAddress'));
  if (verdict.allowed) return null;
  const { retryAfterSeconds } = verdict;
  const body = apiError('RATE_LIMITED', `Read budget spent; try again in ${retryAfterSeconds} s`, { retryAfterSeconds });
  return c.json(body, 429, { 'Retry-After': String(retryAfterSeconds) });
}

/** Whether the payer of a read has budget left, without charging anything. */
export function readBudgetVerdict(rateLimiters: RateLimiters, actor: Actor | null, clientAddress: string): Promise<RateLimitVerdict> {
  const { name, key } = readBudgetOf(actor, clientAddress);
  return rateLimiters[name].peek(key);
}

/** Charges one finished query's server time to its payer. */
export function chargeRead(ctx: RequestContext, ms: number): Promise<void> {
  return chargeReadTo(ctx.services.rateLimiters, ctx.actor, ctx.clientAddress, ms);
}

export async function chargeReadTo(rateLimiters: RateLimiters, actor: Actor | null, clientAddress: string, ms: number): Promise<void> {
  const { name, key } = readBudgetOf(actor, clientAddress);
  await rateLimiters[name].take(key, Math.max(1, Math.ceil(ms)));
}
