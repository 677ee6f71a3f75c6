// At most so many requests of one address are being answered at a time; one more is refused at once
// (429, Retry-After: 1) before anything is looked up. A browser opens at most six connections to a
// host, so a person never comes near the limit; it bounds what one flooding client can queue (with
// the batch limit: calls waiting in the fair queue) and so the memory it can take.
import type { Context } from 'hono';
import { apiError } from './error-shape.ts';

export const MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS = 16;

/** Requests being answered, per address. `max` is MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS times RATE_LIMIT_SCALE. */
export class InFlightLimit {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts the caller's request in, or answers the refusal (then nothing is counted). */
  enter(c: Context): Response | null {
    if (this.enterFrom(c.get('clientAddress'))) return null;
    const body = apiError('RATE_LIMITED', 'Too many requests at once from this address', { retryAfterSeconds: 1 });
    return c.json(body, 429, { 'Retry-After': '1', ...(c.req.method === 'GET' ? {} : { Connection: 'close' }) });
  }

  /** The request `enter` counted is answered. */
  leave(c: Context): void {
    this.leaveFrom(c.get('clientAddress'));
  }

  /** Counts a request of `address` in and says so, or says it is one too many (then nothing is counted). */
  enterFrom(address: string): boolean {
    const count = this.inFlight.get(address) ?? 0;
    if (count >= this.max) return false;
    this.inFlight.set(address, count + 1);
    return true;
  }

  leaveFrom(address: string): void {
    const left = (this.inFlight.get(address) ?? 1) - 1;
    if (left === 0) this.inFlight.delete(address);
    else this.inFlight.set(address, left);
  }
}
