// The live layer (platform/realtime) derives a socket's rights from the same facts the API does:
// the session's actor as the accounts module reads it, and a dialogue's access facts as the
// dialogues module reads them, and a session's live room from the sessions module's facts.
import type { LiveAccess } from '../../platform/realtime/socket-rights.ts';
import type { Services } from '../../platform/services.ts';
import { sessionStanding } from '../accounts/queries.ts';
import { consortiumNoticeFacts, opportunitySightFacts } from '../consortia/queries.ts';
import { dialogueAccessFacts } from '../dialogues/queries.ts';
import { libraryItemAccessFacts } from '../library/queries.ts';
import { networkLiveFacts } from '../networks/live-room-access.ts';
import { networkAccessFacts } from '../networks/queries.ts';
import { liveSessionFacts } from '../sessions/queries.ts';

export function liveAccess(services: Pick<Services, 'store' | 'clock' | 'config'>): LiveAccess {
  const rules = { idleMinutes: services.config.sessionIdleMinutes };
  return {
    standing: (sessionId) => sessionStanding(services.store, services.clock, rules, sessionId, { touch: false }),
    dialogue: (dialogueId) => dialogueAccessFacts(services.store, dialogueId),
    liveSession: (sessionId) => liveSessionFacts(services.store, sessionId),
    network: (networkId) => networkAccessFacts(services.store, networkId),
    networkSession: (sessionId) => networkLiveFacts(services.store, sessionId),
    consortium: (consortiumId) => consortiumNoticeFacts(services.store, consortiumId),
    opportunity: (opportunityId) => opportunitySightFacts(services.store, opportunityId),
    libraryItem: (itemId) => libraryItemAccessFacts(services.store, itemId),
  };
}
