// The one-to-one meetings' part of a dialogue's archive package (modules/archive-package): every
// round with its slots, who booked each for which organisation, and the minutes the buyers recorded.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { MEETING_ROUNDS, MEETING_SLOTS, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';

export async function meetingsArchiveRecord(store: Pick<DocumentStore, 'collection'>, dialogueId: string) {
  const rounds = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).find({ dialogueId }, { sort: { startsAt: 1, _id: 1 } });
  const slots = rounds.length
    ? await store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId: { $in: rounds.map((round) => round._id) } }, { sort: { index: 1 } })
    : [];
  return {
    rounds: rounds.map((round) => ({
      id: round._id,
      title: round.title,
      agenda: round.agenda,
      timeZone: round.timeZone,
      slotMinutes: round.slotMinutes,
      place: round.place,
      meetingLink: round.meetingLink,
      address: round.address,
      status: round.status,
      startsAt: round.startsAt,
      endsAt: round.endsAt,
      createdBy: round.createdBy,
      createdAt: round.createdAt,
      closedAt: round.closedAt,
      closedBy: round.closedBy,
      meetings: slots
        .filter((slot) => slot.roundId === round._id)
        .map((slot) => ({
          slotId: slot._id,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          bookedBy: slot.bookedBy,
          organisationId: slot.organisationId,
          bookedAt: slot.bookedAt,
          minutes: slot.minutes,
          minutesBy: slot.minutesBy,
          minutesAt: slot.minutesAt,
        })),
    })),
    people: [
      ...rounds.flatMap((round) => [round.createdBy, ...(round.closedBy ? [round.closedBy] : [])]),
      ...slots.flatMap((slot) => [slot.bookedBy, slot.minutesBy].filter((id): id is string => id !== null)),
    ],
    organisations: slots.flatMap((slot) => (slot.organisationId ? [slot.organisationId] : [])),
  };
}
