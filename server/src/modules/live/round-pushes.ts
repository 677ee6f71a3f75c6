// Who is told that a round of one-to-one meetings changed. The push names the round and nothing
// else; the page refetches the round and gets the view the policy gives its viewer (who booked a
// slot: the buyers and that organisation; other suppliers see it taken). So no room can be sent a
// supplier's identity through it, and the rules of who sees what stay in one place (the meetings
// module's queries). A view pushed per audience could not say "your slot" to the booking
// organisation, nor whether this viewer may still book.
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { Audience } from '../../platform/policy/viewer.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { slotOrganisation } from '../meetings/queries.ts';

/** Changes everyone who may see the round sees: which slots are free, and whether it is closed. */
const ROUND_CHANGES = new Set<EventType>(['meeting.round_opened', 'meeting.booked', 'meeting.booking_cancelled', 'meeting.bookings_merged', 'meeting.round_closed']);

export type RoundChangeTargets = { roundId: string; audiences: Audience[]; organisationId: string | null };

/** The rooms told of the event, or null when it is not about a round. */
export async function roundChangeTargets(store: Pick<DocumentStore, 'collection'>, event: DomainEvent): Promise<RoundChangeTargets | null> {
  const roundId = event.subject.roundId;
  if (!roundId) return null;
  if (ROUND_CHANGES.has(event.type)) return { roundId, audiences: ['buyers', 'public'], organisationId: null };
  // Minutes of an open round are for the buyers and the meeting's own organisation: so is the news of them.
  if (event.type === 'meeting.minutes_recorded' && event.subject.slotId) {
    return { roundId, audiences: ['buyers'], organisationId: await slotOrganisation(store, event.subject.slotId) };
  }
  return null;
}
