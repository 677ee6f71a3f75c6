// Which events may change what someone's open sockets may see, and whose. The realtime processor
// re-derives those sockets before it sends anything later in the log, so a right lost over HTTP is
// lost on the socket before the next live message goes out.
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { RightsScope } from '../../platform/realtime/socket-rights.ts';

/** The person's sessions, role, organisations or confirmed address changed. */
const PERSON_CHANGES = new Set<EventType>([
  'account.sessions_ended',
  'account.password_changed',
  'account.blocked',
  'account.erased',
  'account.role_granted',
  'account.role_revoked',
  'account.email_verified',
  'account.organisation_switched',
  'organisation.member_added',
  'organisation.member_removed',
  'organisation.role_changed',
]);

/**
 * Something every member acting for the organisation relies on changed: its verification (given or
 * withdrawn), or the organisation itself (merged into another, which they now act for).
 */
const ORGANISATION_CHANGES = new Set<EventType>(['organisation.verified', 'organisation.verification_rejected', 'organisation.merged']);

/** Who may see the dialogue, or who sees its askers, changed. */
const DIALOGUE_ACCESS_CHANGES = new Set<EventType>(['dialogue.owner_added', 'dialogue.visibility_changed']);

/**
 * An organisation left or was removed, or the network was dissolved: its room and its sessions'
 * live rooms are re-checked; a cancelled session's live room closes the same way.
 */
const NETWORK_ACCESS_CHANGES = new Set<EventType>(['network.member_left', 'network.member_removed', 'network.dissolved', 'network.session_cancelled']);

/**
 * A member left, declined or was removed, or a choice (or an organisation merge joining two
 * members' choices) may have made the consortium buyer-only: its room is re-checked.
 */
const CONSORTIUM_ACCESS_CHANGES = new Set<EventType>([
  'consortium.member_left',
  'consortium.member_removed',
  'consortium.member_declined',
  'consortium.visibility_chosen',
  'consortium.member_merged',
]);

/** A cancelled session's live room closes: its sockets are taken out. */
const SESSION_ACCESS_CHANGES = new Set<EventType>(['session.cancelled']);

export function rightsScopeOf(event: DomainEvent): RightsScope | null {
  if (NETWORK_ACCESS_CHANGES.has(event.type) && event.subject.networkId) return { networkId: event.subject.networkId };
  if (CONSORTIUM_ACCESS_CHANGES.has(event.type) && event.subject.consortiumId) return { consortiumId: event.subject.consortiumId };
  if (SESSION_ACCESS_CHANGES.has(event.type) && event.subject.sessionId) return { sessionId: event.subject.sessionId };
  if (PERSON_CHANGES.has(event.type) && event.subject.userId) return { userId: event.subject.userId };
  if (ORGANISATION_CHANGES.has(event.type) && event.subject.organisationId) return { organisationId: event.subject.organisationId };
  if (DIALOGUE_ACCESS_CHANGES.has(event.type) && event.dialogueId) return { dialogueId: event.dialogueId };
  return null;
}
