import type { Actor } from '../policy/actor.ts';
import type { Services } from '../services.ts';
import type { FairQueue } from './fair-queue.ts';

/** Who is calling, learnt once per /trpc request before the limits that run ahead of tRPC. */
export type CallerVariables = {
  /** Every request's id (request-log.ts), for the lines logged about it. */
  requestId: string;
  actor: Actor | null;
  /** The caller's address, for per-address limits. */
  clientAddress: string;
};

// Hono's app-wide context variables (`c.set`, `c.var`), so every middleware reads the caller typed.
declare module 'hono' {
  interface ContextVariableMap extends CallerVariables {}
}

/** What every procedure gets: who is asking, the product's services and the session cookie. */
export type RequestContext = {
  /** The HTTP request's id, for the lines logged about the call. */
  requestId: string;
  actor: Actor | null;
  services: Services;
  /** The caller's address, for per-address rate limits. */
  clientAddress: string;
  /** Headers added to the HTTP response (Retry-After). */
  responseHeaders: Headers;
  /** Where every call waits for its turn (fair-queue.ts). */
  callQueue: FairQueue;
  session: {
    start(token: string): void;
    end(): void;
  };
};
