import type { QaMode, ThreadStatus } from '@dialogforum/contracts';

/** Who did something that the record keeps, when, and why (a hidden post, a locked thread). */
export type RecordedActDocument = { at: string; by: string; reason: string };

export type ThreadDocument = {
  _id: string;
  dialogueId: string;
  /** The question's current title (its earlier titles are in the question post's versions). */
  title: string;
  askerId: string;
  status: ThreadStatus;
  confidential: boolean;
  /** The dialogue's Q&A mode when the question was asked. */
  askedIn: QaMode;
  createdAt: string;
  publishedAt: string | null;
  /** Has a published official answer (kept beside answeredAt so lists sort and filter by it). */
  answered: boolean;
  /** When the first official answer was published; null while unanswered. */
  answeredAt: string | null;
  privateAnswer: RecordedActDocument | null;
  locked: RecordedActDocument | null;
  voteCount: number;
  /** The dialogue's change counter at this thread's last change (dialogues/change-counter.ts). */
  change: number;
};

/** One version of a post: the first as written, later ones by an edit, a redaction or a correction. */
export type PostVersionDocument = {
  /** Questions only: the thread title with this version. */
  title: string | null;
  body: string;
  at: string;
  by: string;
  /** Why this version was made (a redaction or correction); null for the first and for authors' own edits. */
  note: string | null;
};

export type PostDocument = {
  _id: string;
  threadId: string;
  dialogueId: string;
  kind: 'question' | 'answer' | 'comment';
  /** The current version's text (the last of `versions`). */
  body: string;
  authorId: string;
  authorOrganisationId: string;
  /** An answer published by a member of an owning buyer organisation. */
  official: boolean;
  /** An answer to a confidential question, for its asker (and the buyers) alone. */
  private: boolean;
  createdAt: string;
  /** Every version, oldest first; the last is the current one. Nothing is edited in place. */
  versions: PostVersionDocument[];
  hidden: RecordedActDocument | null;
};

/** An asker's stable pseudonym within one dialogue ("A", "B", …, "Z", "AA", …). */
export type PseudonymDocument = {
  _id: string; // `${dialogueId}:${userId}`
  dialogueId: string;
  userId: string;
  label: string;
};

/** "I want to know too": one per person and thread. */
export type VoteDocument = {
  _id: string; // `${threadId}:${userId}`
  threadId: string;
  dialogueId: string;
  userId: string;
  at: string;
};

/** Someone asked the moderators to look at a post. */
export type FlagDocument = {
  _id: string;
  postId: string;
  threadId: string;
  dialogueId: string;
  by: string;
  reason: string;
  at: string;
  status: 'open' | 'dismissed' | 'hidden';
  decidedBy: string | null;
  decidedAt: string | null;
};

export const THREADS = 'threads';
export const POSTS = 'posts';
export const PSEUDONYMS = 'pseudonyms';
export const VOTES = 'votes';
export const FLAGS = 'flags';

export function voteId(threadId: string, userId: string): string {
  return `${threadId}:${userId}`;
}
