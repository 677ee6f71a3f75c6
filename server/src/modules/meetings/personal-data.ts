// The one-to-one meetings a person booked, for their own data export. A booking stays after an
// erasure (who met the buyers is part of the procurement's record), under "Removed user" like posts.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { MEETING_ROUNDS, MEETING_SLOTS, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';

export async function meetingsPersonalData(store: DocumentStore, userId: string) {
  const slots = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ bookedBy: userId }, { sort: { startsAt: 1 } });
  const ids = [...new Set(slots.map((slot) => slot.roundId))];
  const rounds = new Map((ids.length ? await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).find({ _id: { $in: ids } }) : []).map((round) => [round._id, round]));
  return {
    meetingBookings: slots.map((slot) => ({ round: rounds.get(slot.roundId)?.title ?? slot.roundId, startsAt: slot.startsAt, bookedAt: slot.bookedAt, minutes: slot.minutes })),
  };
}
