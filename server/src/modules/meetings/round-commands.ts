// A buyer opens a round of identical one-to-one slots and closes it. Closing publishes the minutes
// of every meeting held to everyone who may see the dialogue, so it is refused while any booked
// slot has none: nothing said to one supplier stays unknown to the others.
import { zonedLocalToUtc, type CreateMeetingRoundInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayHostSessions } from '../../platform/policy/session-policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { MEETING_BOOKINGS, MEETING_ROUNDS, MEETING_SLOTS, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';

export type MeetingDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

const MINUTE_MS = 60_000;

export async function openRound(deps: MeetingDeps, actor: Actor, input: CreateMeetingRoundInput): Promise<string> {
  const roundId = newId();
  const now = deps.clock.now();
  const first = zonedLocalToUtc(input.firstStartsAt, input.timeZone);
  if (!first.ok) throw new AppError('VALIDATION', 'The first slot’s time does not exist', [{ path: 'firstStartsAt', code: first.reason === 'nonexistent' ? 'time_nonexistent' : 'invalid_date' }]);
  if (first.utcMs <= now.getTime()) throw new AppError('VALIDATION', 'The first slot must be in the future', [{ path: 'firstStartsAt', code: 'time_in_past' }]);
  // Identical by construction: every slot has the round's length, one after the other.
  const step = (input.slotMinutes + input.breakMinutes) * MINUTE_MS;
  const slots = Array.from({ length: input.slotCount }, (_, index) => {
    const start = first.utcMs + index * step;
    return { index, startsAt: new Date(start).toISOString(), endsAt: new Date(start + input.slotMinutes * MINUTE_MS).toISOString() };
  });
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, input.dialogueId);
    if (!mayHostSessions(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue hold its one-to-one meetings');
    const at = now.toISOString();
    await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).insertOne({
      _id: roundId,
      dialogueId: dialogue._id,
      title: input.title,
      agenda: input.agenda,
      timeZone: input.timeZone,
      slotMinutes: input.slotMinutes,
      slotCount: input.slotCount,
      place: input.place,
      meetingLink: input.place === 'online' ? (input.meetingLink ?? null) : null,
      address: input.place === 'onsite' ? (input.address ?? null) : null,
      status: 'open',
      bookedCount: 0,
      startsAt: slots[0]!.startsAt,
      endsAt: slots.at(-1)!.endsAt,
      createdBy: actor.userId,
      createdAt: at,
      closedAt: null,
      closedBy: null,
    });
    await scope.collection<MeetingSlotDocument>(MEETING_SLOTS).insertMany(
      slots.map((slot) => ({ _id: newId(), roundId, dialogueId: dialogue._id, ...slot, bookedBy: null, organisationId: null, bookedAt: null, minutes: null, minutesBy: null, minutesAt: null })),
    );
    await appendEvent(scope, 'meeting.round_opened', dialogue._id, { roundId, by: actor.userId }, at);
  });
  deps.onCommit();
  return roundId;
}

/** The round, if the actor hosts its dialogue and it is still open. */
export async function hostedOpenRound(scope: TransactionScope, actor: Actor, roundId: string): Promise<MeetingRoundDocument> {
  const round = await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: roundId });
  if (!round) throw new AppError('NOT_FOUND', 'No such round');
  const dialogue = await visibleDialogue(scope, actor, round.dialogueId, 'No such round');
  if (!mayHostSessions(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue hold its one-to-one meetings');
  if (round.status !== 'open') throw new AppError('ROUND_CLOSED', 'The round is closed and its minutes published');
  return round;
}

export async function closeRound(deps: MeetingDeps, actor: Actor, roundId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const round = await hostedOpenRound(scope, actor, roundId);
    const withoutMinutes = await scope.collection<MeetingSlotDocument>(MEETING_SLOTS).countDocuments({ roundId, bookedBy: { $ne: null }, minutes: null });
    if (withoutMinutes > 0) throw new AppError('MINUTES_MISSING', `${withoutMinutes} meeting(s) have no minutes yet`);
    await scope.collection<MeetingRoundDocument>(MEETING_ROUNDS).updateOne({ _id: roundId, status: 'open' }, { $set: { status: 'closed', closedAt: at, closedBy: actor.userId } });
    await appendEvent(scope, 'meeting.round_closed', round.dialogueId, { roundId, by: actor.userId }, at);
  });
  deps.onCommit();
}

export async function ensureMeetingIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(MEETING_ROUNDS, [{ keys: { dialogueId: 1, startsAt: 1 }, name: 'dialogue' }]);
  await store.ensureIndexes(MEETING_SLOTS, [{ keys: { roundId: 1, index: 1 }, name: 'round' }]);
  await store.ensureIndexes(MEETING_BOOKINGS, [{ keys: { slotId: 1 }, unique: true, name: 'slot' }]);
}
