// Rounds of one-to-one meetings as a viewer may see them. Everyone who may see the dialogue sees
// the rounds and which slots are free. Who booked a slot: the buyers and the booking organisation
// while the round is open; once it is closed, everyone, under the dialogue's pseudonym unless they
// may know the supplier (seesAskerIdentity: buyers, moderators, the supplier). Minutes: the buyers
// and the meeting's own organisation while open; everyone once the round is closed.
import type { MeetingRoundSummary, MeetingRoundView, MeetingSlotView, MeetingSupplier } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { seesAskerIdentity } from '../../platform/policy/policy.ts';
import { mayHostSessions, readsMeetingMinutes, registrationRefusal } from '../../platform/policy/session-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { dialoguePseudonyms } from '../threads/queries.ts';
import { MEETING_ROUNDS, MEETING_SLOTS, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export async function listRounds(store: Readable, actor: Actor | null, dialogueId: string): Promise<MeetingRoundSummary[]> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const rounds = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).find({ dialogueId: dialogue._id }, { sort: { startsAt: 1 } });
  return rounds.map(toSummary);
}

export async function getRound(store: Readable, clock: Clock, actor: Actor | null, roundId: string): Promise<MeetingRoundView> {
  const round = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: roundId });
  if (!round) throw new AppError('NOT_FOUND', 'No such round');
  const dialogue = await visibleDialogue(store, actor, round.dialogueId, 'No such round');
  const slots = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId }, { sort: { index: 1 } });
  const isHost = mayHostSessions(actor, dialogue);
  const closed = round.status === 'closed';
  const booked = slots.filter((slot) => slot.bookedBy !== null);
  const bookers = booked.map((slot) => slot.bookedBy!);
  const [names, organisations, pseudonyms] = await Promise.all([
    personNames(store, bookers),
    organisationSummaries(store, booked.map((slot) => slot.organisationId!)),
    dialoguePseudonyms(store, dialogue._id, bookers),
  ]);
  const ownSlot = actor?.organisationId ? (slots.find((slot) => slot.organisationId === actor.organisationId) ?? null) : null;

  const supplierOf = (slot: MeetingSlotDocument, mine: boolean): MeetingSupplier | null => {
    if (!slot.bookedBy) return null;
    if (!isHost && !mine && !closed) return null;
    if (isHost || mine || seesAskerIdentity(actor, dialogue, slot.bookedBy)) {
      return { kind: 'organisation', name: organisations.get(slot.organisationId ?? '')?.name ?? '', person: names.get(slot.bookedBy) ?? '' };
    }
    return { kind: 'pseudonym', label: pseudonyms.get(slot.bookedBy) ?? '?' };
  };
  const slotViews: MeetingSlotView[] = slots.map((slot) => {
    // Every slot booked for the viewer's organisation (two, after a merge of two that had each booked one).
    const mine = slot.organisationId !== null && slot.organisationId === actor?.organisationId;
    const seesMinutes = readsMeetingMinutes(actor, dialogue, { roundClosed: closed, organisationId: slot.organisationId });
    return {
      id: slot._id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      booked: slot.bookedBy !== null,
      mine,
      supplier: supplierOf(slot, mine),
      minutes: seesMinutes ? slot.minutes : null,
      minutesRecordedAt: seesMinutes ? slot.minutesAt : null,
    };
  });
  const refusal = registrationRefusal(actor, dialogue);
  const cannotBookBecause = refusal ?? (closed ? 'closed' : ownSlot ? 'booked' : null);
  const now = clock.now().toISOString();
  return {
    ...toSummary(round),
    dialogueTitle: dialogue.title,
    agenda: round.agenda,
    place: round.place,
    address: round.address,
    meetingLink: isHost || ownSlot ? round.meetingLink : null,
    closedAt: round.closedAt,
    slots: slotViews,
    viewer: {
      isHost,
      bookedSlotId: ownSlot?._id ?? null,
      canBook: cannotBookBecause === null && slots.some((slot) => slot.bookedBy === null && slot.startsAt > now),
      cannotBookBecause,
      missingMinutes: isHost ? booked.filter((slot) => slot.minutes === null).length : 0,
    },
  };
}

function toSummary(round: MeetingRoundDocument): MeetingRoundSummary {
  return {
    id: round._id,
    dialogueId: round.dialogueId,
    title: round.title,
    status: round.status,
    timeZone: round.timeZone,
    slotMinutes: round.slotMinutes,
    slotCount: round.slotCount,
    bookedCount: round.bookedCount,
    startsAt: round.startsAt,
    endsAt: round.endsAt,
  };
}

/** Those who booked a meeting of the round (for the notifier: the minutes concern them first). */
export async function roundParticipants(store: Readable, roundId: string): Promise<string[]> {
  const slots = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId, bookedBy: { $ne: null } });
  return slots.map((slot) => slot.bookedBy!);
}

/** The organisation that booked a slot, if any (its members may read the meeting's minutes while the round is open). */
export async function slotOrganisation(store: Readable, slotId: string): Promise<string | null> {
  const slot = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).findOne({ _id: slotId });
  return slot?.organisationId ?? null;
}

/**
 * The organisations met in a closed round, one per meeting whose minutes were published (the
 * innovation metrics); null while the round is open, when who met is not yet public.
 */
export async function minutedMeetingOrganisations(store: Readable, roundId: string): Promise<string[] | null> {
  const round = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: roundId });
  if (!round || round.status !== 'closed') return null;
  const slots = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId, minutes: { $ne: null } });
  return slots.flatMap((slot) => (slot.organisationId ? [slot.organisationId] : []));
}
