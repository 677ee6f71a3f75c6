// Reaching a network session's live room: the session, its network and the room's record, for a
// person of a member organisation of the network (not dissolved) while the session is not
// cancelled. To anyone else — a supplier, another buyer, a moderator, a visitor, an organisation
// that left or was removed — it answers exactly as a missing session. Every call re-reads
// membership, so a right lost over HTTP is lost on the next call.
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayHostNetworkLiveRoom, mayWatchNetworkLiveRoom, type NetworkAccessFacts } from '../../platform/policy/network-policy.ts';
import type { MemberActor } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { NETWORK_SESSIONS, type NetworkSessionDocument } from './documents.ts';
import { NETWORK_LIVE_ROOMS, type NetworkLiveRoomDocument } from './live-room-documents.ts';
import { networkForCommand, type VisibleNetwork } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export const NO_SESSION = 'No such session';

export type NetworkLiveFacts = { networkId: string; cancelled: boolean; network: NetworkAccessFacts | null };

export type NetworkLiveRoom = VisibleNetwork & { session: NetworkSessionDocument; room: NetworkLiveRoomDocument | null; actor: MemberActor };

/** What the policy asks of a session: whether it was cancelled, and who scheduled it. */
function heldFacts(session: NetworkSessionDocument): { cancelled: boolean; scheduledBy: string } {
  return { cancelled: Boolean(session.cancelled), scheduledBy: session.scheduledBy };
}

/** The session's room for a member's person now; NOT_FOUND otherwise, as for a missing session. */
export async function networkLiveRoomOf(store: Readable, actor: Actor | null, sessionId: string): Promise<NetworkLiveRoom> {
  const session = await store.collection<NetworkSessionDocument>(NETWORK_SESSIONS).findOne({ _id: sessionId });
  const found = session ? await networkForCommand(store, session.networkId) : null;
  if (!session || !found || !mayWatchNetworkLiveRoom(actor, found.facts, heldFacts(session))) throw new AppError('NOT_FOUND', NO_SESSION);
  const room = await store.collection<NetworkLiveRoomDocument>(NETWORK_LIVE_ROOMS).findOne({ _id: sessionId });
  return { ...found, session, room, actor };
}

export function isNetworkLiveHost(room: NetworkLiveRoom): boolean {
  return mayHostNetworkLiveRoom(room.actor, room.facts, heldFacts(room.session));
}

/** For the live layer's re-checks: the session's network and its facts, whether it was cancelled; null when there is no such session. */
export async function networkLiveFacts(store: Readable, sessionId: string): Promise<NetworkLiveFacts | null> {
  const session = await store.collection<NetworkSessionDocument>(NETWORK_SESSIONS).findOne({ _id: sessionId });
  if (!session) return null;
  const found = await networkForCommand(store, session.networkId);
  return { networkId: session.networkId, cancelled: heldFacts(session).cancelled, network: found?.facts ?? null };
}
