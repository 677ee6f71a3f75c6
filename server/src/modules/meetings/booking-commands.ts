// A supplier books one slot of a round for their organisation, and may give it back before it
// starts. Two guarantees hold under any concurrency: a slot is taken by a conditional update on
// `bookedBy: null`, so two bookings of one slot cannot both succeed; and the organisation's booking
// is a document whose id is (round, organisation), so two colleagues booking different slots at
// once cannot give their organisation two (the second insert is a duplicate; on the embedded store
// transactions are serialised, on MongoDB the losing transaction aborts).
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayHostSessions, registrationRefusal } from '../../platform/policy/session-policy.ts';
import { DuplicateKeyError } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { ensurePseudonym } from '../threads/thread-writes.ts';
import { bookingId, MEETING_BOOKINGS, MEETING_ROUNDS, MEETING_SLOTS, type MeetingBookingDocument, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';
import type { MeetingDeps } from './round-commands.ts';

export async function bookSlot(deps: MeetingDeps, actor: Actor, slotId: string): Promise<void> {
  const now = deps.clock.now();
  try {
    await deps.store.withTransaction(async (scope) => {
      const slots = scope.collection<MeetingSlotDocument>(MEETING_SLOTS);
      const slot = await slots.findOne({ _id: slotId });
      if (!slot) throw new AppError('NOT_FOUND', 'No such slot');
      const dialogue = await visibleDialogue(scope, actor, slot.dialogueId, 'No such slot');
      if (registrationRefusal(actor, dialogue) !== null || !actor.organisationId) throw new AppError('FORBIDDEN', 'Members of supplier organisations book one-to-one meetings');
      const round = await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: slot.roundId });
      if (!round || round.status !== 'open') throw new AppError('ROUND_CLOSED', 'The round is closed');
      const bookings = scope.collection<MeetingBookingDocument>(MEETING_BOOKINGS);
      if (await bookings.findOne({ _id: bookingId(round._id, actor.organisationId) })) throw new AppError('ALREADY_BOOKED', 'Your organisation already has a meeting in this round');
      const at = now.toISOString();
      const { matchedCount } = await slots.updateOne(
        { _id: slotId, bookedBy: null, startsAt: { $gt: at } },
        { $set: { bookedBy: actor.userId, organisationId: actor.organisationId, bookedAt: at } },
      );
      if (matchedCount === 0) throw new AppError('SLOT_TAKEN', 'The slot is taken or has started');
      await bookings.insertOne({ _id: bookingId(round._id, actor.organisationId), roundId: round._id, slotId, organisationId: actor.organisationId, userId: actor.userId, at });
      await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).updateOne({ _id: round._id }, { $inc: { bookedCount: 1 } });
      // The supplier appears in the published minutes under the dialogue's pseudonym for them.
      await ensurePseudonym(scope, dialogue._id, actor.userId);
      await appendEvent(scope, 'meeting.booked', dialogue._id, { roundId: round._id, slotId, by: actor.userId }, at);
    });
  } catch (error) {
    // A colleague's booking committed between our check and our insert.
    if (error instanceof DuplicateKeyError) throw new AppError('ALREADY_BOOKED', 'Your organisation already has a meeting in this round');
    throw error;
  }
  deps.onCommit();
}

/** The booking organisation gives the slot back before it starts, or the buyers release it (a meeting that will not be held). */
export async function cancelBooking(deps: MeetingDeps, actor: Actor, slotId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const slots = scope.collection<MeetingSlotDocument>(MEETING_SLOTS);
    const slot = await slots.findOne({ _id: slotId });
    if (!slot) throw new AppError('NOT_FOUND', 'No such slot');
    const dialogue = await visibleDialogue(scope, actor, slot.dialogueId, 'No such slot');
    const host = mayHostSessions(actor, dialogue);
    const ours = slot.organisationId !== null && slot.organisationId === actor.organisationId;
    if (!host && !ours) throw new AppError('FORBIDDEN', 'Only the booking organisation or the buyers give a slot back');
    const round = await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: slot.roundId });
    if (!round || round.status !== 'open') throw new AppError('ROUND_CLOSED', 'The round is closed');
    if (!host && slot.startsAt <= at) throw new AppError('SLOT_TAKEN', 'The meeting has started');
    if (slot.minutes !== null) throw new AppError('SLOT_TAKEN', 'The meeting has minutes: it was held');
    if (!slot.organisationId) return;
    // By slot, not by (round, organisation): a merge may have left an organisation two bookings (merge-processor.ts).
    await scope.collection<MeetingBookingDocument>(MEETING_BOOKINGS).deleteMany({ slotId });
    await slots.updateOne({ _id: slotId }, { $set: { bookedBy: null, organisationId: null, bookedAt: null } });
    await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).updateOne({ _id: round._id }, { $inc: { bookedCount: -1 } });
    await appendEvent(scope, 'meeting.booking_cancelled', dialogue._id, { roundId: round._id, slotId, by: actor.userId }, at);
  });
  deps.onCommit();
}
