import type { Actor } from '../policy/actor.ts';
import type { Services } from '../services.ts';

/** What every procedure gets: who is asking, the product's services and the session cookie. */
export type RequestContext = {
  actor: Actor | null;
  services: Services;
  session: {
    start(token: string): void;
    end(): void;
  };
};
