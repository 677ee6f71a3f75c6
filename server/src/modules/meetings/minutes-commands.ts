// The buyers record the minutes of each meeting while the round is open; they are published with
// the round when it closes. Recording again replaces them (the event log keeps that it happened).
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { MEETING_SLOTS, type MeetingSlotDocument } from './documents.ts';
import { hostedOpenRound, type MeetingDeps } from './round-commands.ts';

export async function recordMinutes(deps: MeetingDeps, actor: Actor, slotId: string, minutes: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const slots = scope.collection<MeetingSlotDocument>(MEETING_SLOTS);
    const slot = await slots.findOne({ _id: slotId });
    if (!slot) throw new AppError('NOT_FOUND', 'No such slot');
    const round = await hostedOpenRound(scope, actor, slot.roundId).catch((error: unknown) => {
      throw error instanceof AppError && error.appCode === 'NOT_FOUND' ? new AppError('NOT_FOUND', 'No such slot') : error;
    });
    if (slot.bookedBy === null) throw new AppError('VALIDATION', 'Nobody booked this slot: there was no meeting', [{ path: 'slotId', code: 'slot_not_booked' }]);
    await slots.updateOne({ _id: slotId }, { $set: { minutes, minutesBy: actor.userId, minutesAt: at } });
    await appendEvent(scope, 'meeting.minutes_recorded', round.dialogueId, { roundId: round._id, slotId, by: actor.userId }, at);
  });
  deps.onCommit();
}
