// Everything an API request passes before tRPC, in the order it meets them, cheapest first, so that
// a refused flood costs microseconds a request (docs/architecture.md, "Limits"): the request guard
// (host, origin, content type), calls per request, who calls and from where, requests in flight per
// address, the read budget, the body's size. One link of Hono's chain, not six: each link is a
// promise chain of its own, which together cost more than the cached thread page behind them
// (`BENCH_CPU_PROFILE=<dir> pnpm bench http`, docs/benchmarks.md).
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Actor } from '../policy/actor.ts';
import type { RateLimiters } from '../rate-limit/rate-limits.ts';
import { batchRefusal } from './batch-limit.ts';
import { apiError } from './error-shape.ts';
import type { InFlightLimit } from './in-flight-limit.ts';
import { readBudgetRefusal } from './read-budget.ts';
import { presetHeaders, setResponseHeaders } from './security-headers.ts';
import { NEVER_CACHED } from './request-guard.ts';

export type ApiLimitDeps = {
  /** The request guard's refusal, or null (request-guard.ts). */
  guard: (c: Context) => Response | null;
  /** Who calls: the person behind a valid session, or null. */
  actorOf: (c: Context) => Promise<Actor | null>;
  /** From where (client-address.ts). */
  addressOf: (c: Context) => string;
  inFlight: InFlightLimit;
  rateLimiters: RateLimiters;
  bodyLimitBytes: number;
};

export function apiLimits(deps: ApiLimitDeps): MiddlewareHandler {
  const limitBody = bodyLimit({
    maxSize: deps.bodyLimitBytes,
    // The rest of the body is not read, so the connection cannot carry another request: say so,
    // rather than have the client's next request on it fail as a network error.
    onError: (c) => c.json(apiError('PAYLOAD_TOO_LARGE', 'Request body too large'), 413, { Connection: 'close' }),
  });
  /** After the guard: a refusal, or undefined once the request has been answered downstream. */
  const limited = async (c: Context, next: () => Promise<void>): Promise<Response | undefined> => {
    const tooMany = batchRefusal(c);
    if (tooMany) return tooMany;
    c.set('clientAddress', deps.addressOf(c));
    c.set('actor', await deps.actorOf(c));
    const crowded = deps.inFlight.enter(c);
    if (crowded) return crowded;
    try {
      const spent = await readBudgetRefusal(deps.rateLimiters, c);
      if (spent) return spent;
      // Queries come as GET without a body; checking one would make the adapter build a full Request.
      if (c.req.method === 'GET') await next();
      else return (await limitBody(c, next)) ?? undefined;
    } finally {
      deps.inFlight.leave(c);
    }
    return undefined;
  };
  return async (c, next) => {
    const refused = deps.guard(c);
    if (refused) return refused;
    // Whatever answers from here on, refusals included.
    if (presetHeaders(c, NEVER_CACHED)) return limited(c, next);
    const response = await limited(c, next);
    setResponseHeaders(response ?? c.res, NEVER_CACHED);
    return response;
  };
}
