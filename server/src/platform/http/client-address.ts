import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The caller's IP address, for per-address limits and the audit log. Behind a trusted proxy it is
 * the address the proxy saw, which the proxy *appends* to X-Forwarded-For: the entries before it are
 * whatever the client sent, so taking the first would let anyone name a fresh address per request
 * and slip past every per-address limit. One proxy hop is trusted (TRUST_PROXY); behind two, make
 * the outer one overwrite the header rather than append to it.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  return addressFrom(c.req.header('x-forwarded-for'), () => getConnInfo(c).remote.address, trustProxy);
}

/** The same from the request's parts: what the proxy appended, else the connection's own address. */
export function addressFrom(forwardedFor: string | undefined, connectionAddress: () => string | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = forwardedFor?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return connectionAddress() ?? 'unknown';
}
