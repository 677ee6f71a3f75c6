// The live layer (platform/realtime) derives a socket's rights from the same facts the API does:
// the session's actor as the accounts module reads it, and a dialogue's access facts as the
// dialogues module reads them, and a session's live room from the sessions module's facts. The
// rooms that belong to one thing each are checked as the thing's module says (its socket-rooms).
import type { RoomKinds } from '../../platform/realtime/room-kinds.ts';
import type { LiveAccess } from '../../platform/realtime/socket-rights.ts';
import type { Services } from '../../platform/services.ts';
import { sessionStanding } from '../accounts/queries.ts';
import { consortiumRoomKind, opportunityRoomKind } from '../consortia/socket-rooms.ts';
import { dialogueAccessFacts } from '../dialogues/queries.ts';
import { libraryItemRoomKind } from '../library/socket-room.ts';
import { networkLiveRoomKind, networkRoomKind } from '../networks/socket-rooms.ts';
import { liveSessionFacts } from '../sessions/queries.ts';

export function liveAccess(services: Pick<Services, 'store' | 'clock' | 'config'>): LiveAccess {
  const rules = { idleMinutes: services.config.sessionIdleMinutes };
  return {
    standing: (sessionId) => sessionStanding(services.store, services.clock, rules, sessionId, { touch: false }),
    dialogue: (dialogueId) => dialogueAccessFacts(services.store, dialogueId),
    liveSession: (sessionId) => liveSessionFacts(services.store, sessionId),
  };
}

export function roomKinds(services: Pick<Services, 'store'>): RoomKinds {
  return {
    network: networkRoomKind(services.store),
    networkLive: networkLiveRoomKind(services.store),
    consortium: consortiumRoomKind(services.store),
    opportunity: opportunityRoomKind(services.store),
    libraryItem: libraryItemRoomKind(services.store),
  };
}
