// Checks every API request before tRPC sees it: in production it must be addressed to one of our
// names (see same-origin.ts); state-changing requests must come from our own pages and carry JSON;
// API answers are never cached, since many carry a signed-in person's data.
import type { Context } from 'hono';
import type { Config } from '../../config.ts';
import { apiError } from './error-shape.ts';
import { requestScheme } from './request-scheme.ts';
import { isSameOriginRequest, isTrustedHost, originPolicyFor, type OriginPolicy } from './same-origin.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** On every API answer that passes the guard. */
export const NEVER_CACHED = [['Cache-Control', 'no-store']] as const;

/** Whether a state-changing request comes from our own pages (same-origin.ts); uploads ask it too. */
export function fromOwnPages(c: Context, config: Config, policy: OriginPolicy): boolean {
  return isSameOriginRequest(
    {
      origin: c.req.header('origin'),
      secFetchSite: c.req.header('sec-fetch-site'),
      host: c.req.header('host'),
      scheme: requestScheme(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy),
    },
    policy,
  );
}

/** The guard's refusal of a request to the API, or null when it may go on (api-limits.ts runs it first). */
export function apiRequestGuard(config: Config): (c: Context) => Response | null {
  const policy = originPolicyFor(config);
  return (c) => {
    const scheme = requestScheme(c.req.url, c.req.header('x-forwarded-proto'), config.trustProxy);
    if (!isTrustedHost(c.req.header('host'), scheme, policy)) {
      return c.json(apiError('FORBIDDEN', 'Request for an unknown host refused'), 403);
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      if (!fromOwnPages(c, config, policy)) {
        return c.json(apiError('FORBIDDEN', 'Cross-site request refused'), 403);
      }
      const contentType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (contentType !== 'application/json') {
        return c.json(apiError('UNSUPPORTED_MEDIA_TYPE', 'Send application/json'), 415);
      }
    }
    return null;
  };
}
