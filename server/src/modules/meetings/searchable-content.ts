// What of a round of one-to-one meetings search may find: the minutes of its meetings once the round
// is closed, when everyone who may see the dialogue reads them (queries.ts). While it is open only
// the buyers and each meeting's own organisation read a meeting's minutes, so search leaves them
// out until then: an index shared by all never holds them, not even as a count.
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { MEETING_ROUNDS, MEETING_SLOTS, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type SearchableMeetingMinutes = { slotId: string; roundId: string; dialogueId: string; roundTitle: string; text: string; at: string };

/** A round's published minutes, and the ids of all its slots (what is not searchable leaves the index). */
export async function searchableRoundContent(store: Readable, roundId: string): Promise<{ minutes: SearchableMeetingMinutes[]; allSlotIds: string[] } | null> {
  const round = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: roundId });
  if (!round) return null;
  const slots = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId });
  return {
    minutes: slots.flatMap((slot) => {
      const minutes = minutesOf(round, slot);
      return minutes ? [minutes] : [];
    }),
    allSlotIds: slots.map((slot) => slot._id),
  };
}

/** The rounds of a dialogue (what its search documents are rewritten from when the dialogue changes). */
export async function roundIdsOfDialogue(store: Readable, dialogueId: string): Promise<string[]> {
  const rounds = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).find({ dialogueId });
  return rounds.map((round) => round._id);
}

/** Every round's id (`pnpm reindex`). */
export async function everyRoundId(store: Readable): Promise<string[]> {
  const rounds = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).find({});
  return rounds.map((round) => round._id);
}

/** A meeting's published minutes, with the dialogue, if the actor may see the dialogue and the round is closed; otherwise null. */
export async function readableMeetingMinutes(
  store: Readable,
  actor: Actor | null,
  slotId: string,
): Promise<{ minutes: SearchableMeetingMinutes; dialogue: DialogueDocument } | null> {
  const slot = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).findOne({ _id: slotId });
  const round = slot ? await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: slot.roundId }) : null;
  if (!slot || !round) return null;
  const dialogue = await visibleDialogue(store, actor, round.dialogueId).catch(() => null);
  const minutes = dialogue ? minutesOf(round, slot) : null;
  return dialogue && minutes ? { minutes, dialogue } : null;
}

function minutesOf(round: MeetingRoundDocument, slot: MeetingSlotDocument): SearchableMeetingMinutes | null {
  if (round.status !== 'closed' || slot.minutes === null || slot.bookedBy === null) return null;
  return { slotId: slot._id, roundId: round._id, dialogueId: round.dialogueId, roundTitle: round.title, text: slot.minutes, at: slot.minutesAt ?? round.closedAt ?? round.createdAt };
}
