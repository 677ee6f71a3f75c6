// What a session's live room stores. Every item carries `change`: the session's room change number
// at its last change (live-room-change.ts), which is how a client catches up on what it missed.
// Nothing is deleted: a hidden question keeps its text and records who hid it and why.
import type { RecordedActDocument } from '../threads/documents.ts';

export type LiveQuestionDocument = {
  _id: string;
  sessionId: string;
  dialogueId: string;
  askerId: string;
  askerOrganisationId: string;
  body: string;
  status: 'pending' | 'visible' | 'hidden';
  /** Whether the room ever saw it: a question hidden while waiting for approval stays unknown to the room. */
  shown: boolean;
  votes: number;
  pinned: boolean;
  answer: { at: string; by: string; organisationId: string; text: string } | null;
  hidden: RecordedActDocument | null;
  /** The published thread this question became after the session (minutes-commands.ts). */
  threadId: string | null;
  createdAt: string;
  change: number;
};

/** One person's upvote of a live question. */
export type LiveVoteDocument = { _id: string; questionId: string; sessionId: string; userId: string; at: string };

export type AnnouncementDocument = { _id: string; sessionId: string; dialogueId: string; body: string; by: string; at: string; change: number };

export type PollDocument = {
  _id: string;
  sessionId: string;
  dialogueId: string;
  question: string;
  options: { text: string; votes: number }[];
  multiple: boolean;
  voters: number;
  closed: boolean;
  by: string;
  createdAt: string;
  change: number;
};

/** One person's answer to a poll; changing it moves their votes. */
export type PollBallotDocument = { _id: string; pollId: string; sessionId: string; userId: string; choices: number[]; at: string };

export const LIVE_QUESTIONS = 'liveQuestions';
export const LIVE_VOTES = 'liveVotes';
export const ANNOUNCEMENTS = 'liveAnnouncements';
export const POLLS = 'livePolls';
export const POLL_BALLOTS = 'livePollBallots';

export function liveVoteId(questionId: string, userId: string): string {
  return `${questionId}:${userId}`;
}

export function pollBallotId(pollId: string, userId: string): string {
  return `${pollId}:${userId}`;
}
