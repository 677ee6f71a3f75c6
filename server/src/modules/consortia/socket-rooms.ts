// How the live layer checks a consortium's and an opportunity's socket rooms (platform/realtime/
// room-kinds.ts): each is for whoever may see the consortium or the opportunity now. Who sees an
// opportunity made of a dialogue follows the dialogue, so these rooms are derived again in full
// before each push to them (beforeSendingToRoom); a consortium's own change concerns its room.
import { canSeeConsortium, canSeeOpportunity } from '../../platform/policy/consortia-policy.ts';
import { rightFrom, type RoomKind } from '../../platform/realtime/room-kinds.ts';
import { consortiumRoom, opportunityRoom, parseConsortiumRoom, parseOpportunityRoom } from '../../platform/realtime/rooms.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { consortiumNoticeFacts, opportunitySightFacts } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export function consortiumRoomKind(store: Readable): RoomKind {
  return {
    room: consortiumRoom,
    parse: parseConsortiumRoom,
    rightTo: rightFrom((consortiumId) => consortiumNoticeFacts(store, consortiumId), canSeeConsortium),
    accessChanged: (socket, consortiumId) => socket.emit('consortium.access_changed', { consortiumId }),
    concerned: (scope) => (scope.consortiumId === undefined ? [] : [consortiumRoom(scope.consortiumId)]),
  };
}

export function opportunityRoomKind(store: Readable): RoomKind {
  return {
    room: opportunityRoom,
    parse: parseOpportunityRoom,
    rightTo: rightFrom((opportunityId) => opportunitySightFacts(store, opportunityId), canSeeOpportunity),
    accessChanged: (socket, opportunityId) => socket.emit('opportunity.access_changed', { opportunityId }),
    concerned: () => [],
  };
}
