// Rate limits inside tRPC: every mutation's (checkMutationLimits, run by the middleware in trpc.ts)
// and the stricter ones of single procedures (checkRateLimit, called by their routers). They run once
// per call, so the calls inside one HTTP batch are each counted.
import { TRPCError } from '@trpc/server';
import { AppError } from '../app-error.ts';
import type { RateLimitVerdict } from '../rate-limit/rate-limit-counter.ts';
import type { RateLimitName } from '../rate-limit/rate-limits.ts';
import type { RequestContext } from './request-context.ts';

export type RateLimitKey = (ctx: RequestContext) => string;

export const byAddress: RateLimitKey = (ctx) => `address:${ctx.clientAddress}`;
/** Signed-in calls count per person; anonymous ones (refused later anyway) per address. */
export const byUser: RateLimitKey = (ctx) => (ctx.actor ? `user:${ctx.actor.userId}` : byAddress(ctx));

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s`);
  }
}

/** Counts one call against `name` for `key`; over the limit, refuses it with 429 and Retry-After. */
export async function checkRateLimit(ctx: RequestContext, name: RateLimitName, key: RateLimitKey): Promise<void> {
  refuseIfLimited(ctx, await ctx.services.rateLimiters[name].take(key(ctx)));
}

/** Refuses the call with 429 and Retry-After when the verdict (of a limit counted elsewhere) says so. */
export function refuseIfLimited(ctx: RequestContext, verdict: RateLimitVerdict): void {
  if (!verdict.allowed) {
    ctx.responseHeaders.set('Retry-After', String(verdict.retryAfterSeconds));
    const cause = new RateLimitedError(verdict.retryAfterSeconds);
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: cause.message, cause });
  }
}

/** Every mutation counts per person (when signed in) and per address, before it runs. */
export async function checkMutationLimits(ctx: RequestContext): Promise<void> {
  if (ctx.actor) await checkRateLimit(ctx, 'mutationsPerPerson', byUser);
  await checkRateLimit(ctx, 'mutationsPerAddress', byAddress);
}
