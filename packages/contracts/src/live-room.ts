// A session's live room (what Slido does, inside the procurement's rules): live questions with
// upvotes, the host's moderation (approval, hiding with a reason, pinning, answering),
// announcements and polls. Every change to the room stamps what changed with the session's next
// room change number, so a client that knows the number it has seen asks for exactly what it
// missed (`liveRoom.changes`) and a live push says which range of numbers it brings.
import { z } from 'zod';
import { idSchema, lineOfText, longText } from './inputs.ts';
import type { AuthorView } from './threads.ts';

export const LIVE_QUESTION_MAX = 500;
export const ANNOUNCEMENT_MAX = 280;
export const POLL_OPTIONS_MAX = 8;

export const liveRoomRef = z.strictObject({ sessionId: idSchema });
export const liveRoomChangesInput = z.strictObject({ sessionId: idSchema, since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) });
export const submitLiveQuestionInput = z.strictObject({ sessionId: idSchema, body: longText(3, LIVE_QUESTION_MAX) });
export const liveQuestionRef = z.strictObject({ questionId: idSchema });
export const voteLiveQuestionInput = z.strictObject({ questionId: idSchema, up: z.boolean() });
export const hideLiveQuestionInput = z.strictObject({ questionId: idSchema, reason: lineOfText(3, 300) });
export const pinLiveQuestionInput = z.strictObject({ questionId: idSchema, pinned: z.boolean() });
/** What the host said, in short: it becomes the official answer when the session's Q&A is published. */
export const answerLiveQuestionInput = z.strictObject({ questionId: idSchema, answer: longText(1, 5000) });
export const liveApprovalInput = z.strictObject({ sessionId: idSchema, questionsNeedApproval: z.boolean() });
export const announceInput = z.strictObject({ sessionId: idSchema, body: lineOfText(1, ANNOUNCEMENT_MAX) });
export const openPollInput = z
  .strictObject({
    sessionId: idSchema,
    question: lineOfText(3, 200),
    options: z.array(lineOfText(1, 100)).min(2).max(POLL_OPTIONS_MAX),
    multiple: z.boolean().default(false),
  })
  .refine((poll) => new Set(poll.options.map((option) => option.toLocaleLowerCase())).size === poll.options.length, {
    error: 'duplicate_options',
    path: ['options'],
  });
export type OpenPollInput = z.infer<typeof openPollInput>;
export const pollRef = z.strictObject({ pollId: idSchema });
/** The chosen options by their place in the poll; exactly one unless the poll allows several. */
export const votePollInput = z.strictObject({
  pollId: idSchema,
  choices: z.array(z.number().int().min(0).max(POLL_OPTIONS_MAX - 1)).min(1).max(POLL_OPTIONS_MAX),
});
export const publishMinutesInput = z.strictObject({ sessionId: idSchema, minutes: longText(10, 50_000) });

export type LiveQuestionStatus = 'pending' | 'visible' | 'hidden';

/**
 * A live question as its viewer may see it. Suppliers see each other under the dialogue's
 * pseudonym; the hosts see who asked. A hidden question shows that and why to the hosts, and to
 * everyone else only that it is gone (`body: null`).
 */
export type LiveQuestionView = {
  id: string;
  sessionId: string;
  status: LiveQuestionStatus;
  body: string | null;
  author: AuthorView | null;
  votes: number;
  pinned: boolean;
  /** What the host answered, once they marked it answered. */
  answer: { at: string; text: string } | null;
  hidden: { at: string; reason: string } | null;
  /** The dialogue's published thread this question became after the session. */
  threadId: string | null;
  createdAt: string;
  change: number;
};

export type AnnouncementView = { id: string; sessionId: string; body: string; at: string; change: number };

export type PollView = {
  id: string;
  sessionId: string;
  question: string;
  options: { text: string; votes: number }[];
  multiple: boolean;
  /** How many people answered (a person choosing two options counts once). */
  voters: number;
  closed: boolean;
  createdAt: string;
  change: number;
};

/**
 * A question whose only change in a push's range was its vote count: its count and change number
 * now, in place of the whole view (a burst of votes in a full room is most of what a room sends).
 * Sent only to an audience that sees the question with its count.
 */
export type LiveVoteCount = { questionId: string; votes: number; change: number };

/** Everything in the room whose change number is in (from, to]: what a client applies to go from `from` to `to`. */
export type LiveRoomChanges = {
  sessionId: string;
  from: number;
  to: number;
  questions: LiveQuestionView[];
  /** Questions whose votes alone changed, as counts (a live push only; a catch-up sends whole views). */
  votes: LiveVoteCount[];
  announcements: AnnouncementView[];
  polls: PollView[];
  /** The room's approval setting and the session's status as they are when this was read. */
  questionsNeedApproval: boolean;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  /** The minutes, once the host published them after the session. */
  minutes: { text: string; at: string } | null;
};

/** Who is in the room now: a count for everyone, names for the hosts. */
export type LivePresence = { sessionId: string; count: number; people: { name: string; organisationName: string }[] | null };

export type LiveRoomView = LiveRoomChanges & {
  title: string;
  dialogueId: string;
  dialogueTitle: string;
  viewer: {
    isHost: boolean;
    /** May submit, vote and answer polls (a signed-in, confirmed member of an organisation; not a host). */
    mayTakePart: boolean;
    /** Questions this viewer upvoted. */
    votedQuestionIds: string[];
    /** This viewer's choices per poll. */
    pollChoices: Record<string, number[]>;
  };
};
