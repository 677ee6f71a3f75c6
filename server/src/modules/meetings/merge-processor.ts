// When a moderator merges a duplicate organisation into the one it duplicates
// (organisations/merge-command.ts), the meetings booked for the duplicate are the survivor's: each
// slot and its booking name the survivor from then on, so the duplicate's people (its members now)
// keep their meeting, its link and its minutes, on the round page and in search. Who booked
// (`bookedBy`) stays the person who did, and `meeting.booked` in the log keeps the duplicate's id;
// the move is recorded as an event of its own per round, which the search indexer writes that
// round's reader lists (`org:<id>`) again from, and the live layer tells the round's pages.
//
// Had the survivor booked a meeting of its own in the same round, both meetings were booked by
// people of one organisation now and both are kept: nothing is given back behind anyone's back.
// The duplicate's booking then keeps its key, which only ever guarded against a second booking.
//
// Each round moves in one transaction that finds only what still names the duplicate, so an event
// handled again (after a restart) moves nothing and records nothing twice.
import { appendEvent } from '../../platform/events/event-log.ts';
import { organisationMergeReaction, type OrganisationMerge } from '../../platform/events/merge-reaction.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import { bookingId, MEETING_BOOKINGS, MEETING_ROUNDS, MEETING_SLOTS, type MeetingBookingDocument, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';
import type { MeetingDeps } from './round-commands.ts';

export const MEETINGS_MERGE = 'meetings-merge';

export function meetingsMergeProcessor(deps: MeetingDeps): EventProcessor {
  return organisationMergeReaction(MEETINGS_MERGE, (merge) => moveBookings(deps, merge), deps.onCommit);
}

async function moveBookings(deps: MeetingDeps, { from, into }: OrganisationMerge): Promise<boolean> {
  const booked = await deps.store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ organisationId: from });
  let moved = false;
  for (const roundId of new Set(booked.map((slot) => slot.roundId))) {
    if (await moveRoundBookings(deps, roundId, from, into)) moved = true;
  }
  return moved;
}

/** One round's slots and bookings of `from` now name `into`; false when nothing named `from` any more. */
async function moveRoundBookings(deps: MeetingDeps, roundId: string, from: string, into: string): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  return deps.store.withTransaction(async (scope) => {
    const slots = scope.collection<MeetingSlotDocument>(MEETING_SLOTS);
    const theirs = await slots.find({ roundId, organisationId: from });
    const round = await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: roundId });
    if (theirs.length === 0 || !round) return false;
    const bookings = scope.collection<MeetingBookingDocument>(MEETING_BOOKINGS);
    for (const slot of theirs) {
      await slots.updateOne({ _id: slot._id, organisationId: from }, { $set: { organisationId: into } });
      const booking = await bookings.findOne({ slotId: slot._id });
      if (!booking) continue;
      if (await bookings.findOne({ _id: bookingId(roundId, into) })) {
        await bookings.updateOne({ _id: booking._id }, { $set: { organisationId: into } });
      } else {
        await bookings.deleteMany({ _id: booking._id });
        await bookings.insertOne({ ...booking, _id: bookingId(roundId, into), organisationId: into });
      }
    }
    await appendEvent(scope, 'meeting.bookings_merged', round.dialogueId, { roundId, organisationId: from, intoOrganisationId: into }, at);
    return true;
  });
}
