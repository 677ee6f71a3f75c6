import type { Actor } from '../policy/actor.ts';
import type { Services } from '../services.ts';

/** What every procedure gets: who is asking, the product's services and the session cookie. */
export type RequestContext = {
  actor: Actor | null;
  services: Services;
  /** The caller's address, for per-address rate limits. */
  clientAddress: string;
  /** Headers added to the HTTP response (Retry-After). */
  responseHeaders: Headers;
  session: {
    start(token: string): void;
    end(): void;
  };
};
