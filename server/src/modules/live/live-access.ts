// The live layer (platform/realtime) derives a socket's rights from the same facts the API does:
// the session's actor as the accounts module reads it, and a dialogue's access facts as the
// dialogues module reads them.
import type { LiveAccess } from '../../platform/realtime/socket-rights.ts';
import type { Services } from '../../platform/services.ts';
import { sessionStanding } from '../accounts/queries.ts';
import { dialogueAccessFacts } from '../dialogues/queries.ts';

export function liveAccess(services: Pick<Services, 'store' | 'clock' | 'config'>): LiveAccess {
  const rules = { idleMinutes: services.config.sessionIdleMinutes };
  return {
    standing: (sessionId) => sessionStanding(services.store, services.clock, rules, sessionId, { touch: false }),
    dialogue: (dialogueId) => dialogueAccessFacts(services.store, dialogueId),
  };
}
