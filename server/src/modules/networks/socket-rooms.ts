// How the live layer checks a buyers' network's socket rooms (platform/realtime/room-kinds.ts):
// the network's room is for people acting for a member organisation now (a dissolved network's
// record stays theirs); a network session's live room is for those of the live network while the
// session is not cancelled. A network's change (an organisation left or was removed, the network
// dissolved) concerns both, so the live rooms joined here are remembered by their network.
import { isNetworkMember, mayWatchNetworkLiveRoom } from '../../platform/policy/network-policy.ts';
import { rightFrom, type RoomKind } from '../../platform/realtime/room-kinds.ts';
import { networkLiveRoom, networkRoom, parseNetworkLiveRoom, parseNetworkRoom } from '../../platform/realtime/rooms.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { networkLiveFacts } from './live-room-access.ts';
import { networkAccessFacts } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export function networkRoomKind(store: Readable): RoomKind {
  return {
    room: networkRoom,
    parse: parseNetworkRoom,
    rightTo: rightFrom((networkId) => networkAccessFacts(store, networkId), isNetworkMember),
    accessChanged: (socket, networkId) => socket.emit('network.access_changed', { networkId }),
    concerned: (scope) => (scope.networkId === undefined ? [] : [networkRoom(scope.networkId)]),
  };
}

export function networkLiveRoomKind(store: Readable): RoomKind {
  /** The sessions whose live rooms have been joined on this node, by network. */
  const sessionsOf = new Map<string, Set<string>>();
  return {
    room: networkLiveRoom,
    parse: parseNetworkLiveRoom,
    rightTo: async (sessionId) => {
      const facts = await networkLiveFacts(store, sessionId);
      if (facts === null) return () => false;
      const sessions = sessionsOf.get(facts.networkId) ?? new Set<string>();
      sessionsOf.set(facts.networkId, sessions.add(sessionId));
      const { network } = facts;
      return (actor) => network !== null && mayWatchNetworkLiveRoom(actor, network, facts);
    },
    accessChanged: (socket, sessionId) => socket.emit('networkLive.access_changed', { sessionId }),
    concerned: (scope) => (scope.networkId === undefined ? [] : [...(sessionsOf.get(scope.networkId) ?? [])].map(networkLiveRoom)),
  };
}
