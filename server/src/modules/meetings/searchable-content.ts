// What of a round of one-to-one meetings search may find: the minutes of its meetings, with who may
// read them (queries.ts, `readsMeetingMinutes`). While the round is open only the buyers and each
// meeting's own organisation read a meeting's minutes, so its document carries them as its reader
// list and the index finds it, and counts it, for them alone; once the round is closed everyone who
// may see the dialogue reads them, and the closing event writes them again with no reader list.
import type { Actor } from '../../platform/policy/actor.ts';
import { meetingMinutesReaders, readsMeetingMinutes, type MinutedMeeting } from '../../platform/policy/session-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { dialogueAccessFacts, visibleDialogue } from '../dialogues/queries.ts';
import { MEETING_ROUNDS, MEETING_SLOTS, type MeetingRoundDocument, type MeetingSlotDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type SearchableMeetingMinutes = {
  slotId: string;
  roundId: string;
  dialogueId: string;
  roundTitle: string;
  text: string;
  at: string;
  /** Reader keys while only some may read them (platform/policy/search-readers.ts); [] once the round is closed. */
  readers: string[];
};

/** A round's minutes, each with its readers, and the ids of all its slots (what is not searchable leaves the index). */
export async function searchableRoundContent(store: Readable, roundId: string): Promise<{ minutes: SearchableMeetingMinutes[]; allSlotIds: string[] } | null> {
  const round = await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: roundId });
  const dialogue = round ? await dialogueAccessFacts(store, round.dialogueId) : null;
  if (!round || !dialogue) return null;
  const slots = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).find({ roundId });
  return {
    minutes: slots.flatMap((slot) => {
      const minutes = minutesOf(round, slot);
      return minutes ? [{ ...minutes, readers: meetingMinutesReaders(dialogue, meetingOf(round, slot)) }] : [];
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

/**
 * A meeting's minutes, with the dialogue, if the actor may read them now — the search route's last
 * word on each hit, whatever the index said: it reads the round, the booking and the actor's
 * standing as they are at this moment (a member who left the booking organisation reads nothing).
 */
export async function readableMeetingMinutes(
  store: Readable,
  actor: Actor | null,
  slotId: string,
): Promise<{ minutes: Omit<SearchableMeetingMinutes, 'readers'>; dialogue: DialogueDocument } | null> {
  const slot = await store.collection<MeetingSlotDocument>(MEETING_SLOTS).findOne({ _id: slotId });
  const round = slot ? await store.collection<MeetingRoundDocument>(MEETING_ROUNDS).findOne({ _id: slot.roundId }) : null;
  if (!slot || !round) return null;
  const dialogue = await visibleDialogue(store, actor, round.dialogueId).catch(() => null);
  if (!dialogue || !readsMeetingMinutes(actor, dialogue, meetingOf(round, slot))) return null;
  const minutes = minutesOf(round, slot);
  return minutes ? { minutes, dialogue } : null;
}

function meetingOf(round: MeetingRoundDocument, slot: MeetingSlotDocument): MinutedMeeting {
  return { roundClosed: round.status === 'closed', organisationId: slot.organisationId };
}

/** The minutes of a meeting that was held and minuted, open round or closed. */
function minutesOf(round: MeetingRoundDocument, slot: MeetingSlotDocument): Omit<SearchableMeetingMinutes, 'readers'> | null {
  if (slot.minutes === null || slot.bookedBy === null) return null;
  return { slotId: slot._id, roundId: round._id, dialogueId: round.dialogueId, roundTitle: round.title, text: slot.minutes, at: slot.minutesAt ?? round.closedAt ?? round.createdAt };
}
