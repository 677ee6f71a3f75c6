// At most so many requests of one address are being answered at a time; one more is refused at once
// (429, Retry-After: 1) before anything is looked up. A browser opens at most six connections to a
// host, so a person never comes near the limit; it bounds what one flooding client can queue (with
// the batch limit: calls waiting in the fair queue) and so the memory it can take.
import type { MiddlewareHandler } from 'hono';
import { apiError } from './error-shape.ts';

export const MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS = 16;

/** `max` is MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS times RATE_LIMIT_SCALE. */
export function inFlightLimit(max: number): MiddlewareHandler {
  const inFlight = new Map<string, number>();
  return async (c, next) => {
    const address = c.get('clientAddress');
    const count = inFlight.get(address) ?? 0;
    if (count >= max) {
      const body = apiError('RATE_LIMITED', 'Too many requests at once from this address', { retryAfterSeconds: 1 });
      return c.json(body, 429, { 'Retry-After': '1', ...(c.req.method === 'GET' ? {} : { Connection: 'close' }) });
    }
    inFlight.set(address, count + 1);
    try {
      await next();
    } finally {
      const left = (inFlight.get(address) ?? 1) - 1;
      if (left === 0) inFlight.delete(address);
      else inFlight.set(address, left);
    }
  };
}
