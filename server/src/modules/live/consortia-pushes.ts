// Live pushes of consortia (issue 11 §5): a change to a consortium goes to its room, and to its
// opportunity's room for those there who may see the consortium (everyone, if it is or was public
// until this change, so a consortium turning buyer-only leaves the opportunity's page of all who saw
// it); a change to an opportunity goes to its room. Each room is re-derived first, so a socket that
// lost the right (left, removed, turned buyer-only, logged out) is out before anything is sent.
// Pushes name what changed and nothing more: the page refetches it as its viewer may see it.
import type { DomainEvent } from '../../platform/events/event-log.ts';
import { canSeeConsortium } from '../../platform/policy/consortia-policy.ts';
import { consortiumRoom, opportunityRoom } from '../../platform/realtime/rooms.ts';
import type { SocketRights } from '../../platform/realtime/socket-rights.ts';
import type { LocalRooms } from '../../platform/realtime/socket-server.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { consortiumNoticeFacts } from '../consortia/queries.ts';

const OPPORTUNITY_CHANGES = new Set<DomainEvent['type']>([
  'consortium.opportunity_revised',
  'consortium.opportunity_withdrawn',
  'consortium.interest_declared',
  'consortium.interest_merged',
]);

export function isConsortiaEvent(event: DomainEvent): boolean {
  return event.type.startsWith('consortium.') && (event.subject.consortiumId !== undefined || OPPORTUNITY_CHANGES.has(event.type));
}

export async function pushConsortiaEvent(store: DocumentStore, io: LocalRooms, rights: SocketRights, event: DomainEvent): Promise<void> {
  const { consortiumId, opportunityId } = event.subject;
  if (consortiumId) {
    const room = consortiumRoom(consortiumId);
    await rights.beforeSendingToRoom(room);
    io.to(room).emit('consortium.changed', { seq: event.seq, consortiumId });
    const facts = await consortiumNoticeFacts(store, consortiumId);
    if (!facts) return;
    const opportunity = opportunityRoom(facts.consortium.opportunityId);
    await rights.beforeSendingToRoom(opportunity);
    const toAll = facts.consortium.visibility === 'public' || event.subject.wasPublic === 'true';
    for (const socket of rights.socketsInRoom(opportunity)) {
      if (toAll || canSeeConsortium(socket.data.actor, facts)) socket.emit('opportunity.changed', { seq: event.seq, opportunityId: facts.consortium.opportunityId });
    }
    return;
  }
  if (opportunityId && OPPORTUNITY_CHANGES.has(event.type)) {
    const room = opportunityRoom(opportunityId);
    await rights.beforeSendingToRoom(room);
    io.to(room).emit('opportunity.changed', { seq: event.seq, opportunityId });
  }
}
