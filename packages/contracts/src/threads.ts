// Questions and answers (threads): inputs and views. Equal treatment (DESIGN.md §3.1): a published
// thread is the same for everyone who may see the dialogue; only whether the asker is named
// differs. What the viewer did themself (their questions, posts and votes) comes beside the views,
// in `ViewerMarks`, so the views can be built once per audience.
import { z } from 'zod';
import { attachmentIdsInput, type AttachmentView } from './attachments.ts';
import { idSchema, lineOfText, longText } from './inputs.ts';
import type { OrganisationKind } from './views.ts';

/**
 * Open discussion: a question is public when asked. Moderated Q&A: a question goes to the owning
 * buyers' inbox and is published together with its answer (the default in the tender phase).
 */
export const QA_MODES = ['open', 'moderated'] as const;
export const qaModeSchema = z.enum(QA_MODES);
export type QaMode = z.infer<typeof qaModeSchema>;

/**
 * pending: waiting in the buyers' inbox (moderated Q&A, or asked as confidential); seen by the asker,
 * the dialogue's buyers and moderators only. published: seen by everyone who sees the dialogue.
 * answered-privately: a confidential question the buyers answered to the asker alone, with a
 * recorded reason why it is not information every supplier needs.
 */
export const THREAD_STATUSES = ['pending', 'published', 'answered-privately'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const THREAD_SORTS = ['newest', 'most-wanted', 'unanswered-first'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

export const THREAD_FILTERS = ['all', 'answered', 'unanswered', 'mine'] as const;
export type ThreadFilter = (typeof THREAD_FILTERS)[number];

/** Why something was done, for the record: a redaction, a correction, a hidden post, a private answer. */
const reason = (min: number) => longText(min, 2000);

export const askQuestionInput = z.strictObject({
  dialogueId: idSchema,
  title: lineOfText(3, 200),
  body: longText(1, 20_000),
  /** Asked in confidence: the buyers publish it (possibly redacted) or answer it privately with a reason. */
  confidential: z.boolean().default(false),
});
export type AskQuestionInput = z.infer<typeof askQuestionInput>;

/** `attachmentIds`: drafts uploaded for this answer, published with it (attachments.ts). */
export const answerQuestionInput = z.strictObject({ threadId: idSchema, body: longText(1, 20_000), attachmentIds: attachmentIdsInput });

/** Moderated Q&A: the buyers publish the question (as it stands, possibly redacted) with its answer. */
export const publishThreadInput = z.strictObject({ threadId: idSchema, answer: longText(1, 20_000), attachmentIds: attachmentIdsInput });

/** A confidential question answered to its asker alone; the reason is the equal-treatment record. */
export const answerPrivatelyInput = z.strictObject({ threadId: idSchema, body: longText(1, 20_000), reason: reason(10), attachmentIds: attachmentIdsInput });

/** The buyers edit a question before or after publishing (e.g. to take out a trade secret); the asker is told. */
export const redactQuestionInput = z.strictObject({
  threadId: idSchema,
  title: lineOfText(3, 200),
  body: longText(1, 20_000),
  note: reason(3),
});

/** A correction of an official answer is a new version; every reader sees that it was corrected. */
export const correctAnswerInput = z.strictObject({ postId: idSchema, body: longText(1, 20_000), note: reason(3) });

export const commentInput = z.strictObject({ threadId: idSchema, body: longText(1, 10_000) });

/** Authors edit their own comments, and their question until it has an official answer. */
export const editPostInput = z.strictObject({ postId: idSchema, body: longText(1, 20_000), title: lineOfText(3, 200).optional() });

/** "I want to know too": one per person and thread. */
export const voteInput = z.strictObject({ threadId: idSchema, wants: z.boolean() });

export const listThreadsInput = z.strictObject({
  dialogueId: idSchema,
  sort: z.enum(THREAD_SORTS).default('newest'),
  filter: z.enum(THREAD_FILTERS).default('all'),
  /** How many threads to skip (the next page starts where the previous ended). */
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ListThreadsInput = z.infer<typeof listThreadsInput>;

/** A client that was away asks for what changed after the last change it saw. */
export const threadChangesInput = z.strictObject({ dialogueId: idSchema, afterChange: z.number().int().min(0) });

export const postRef = z.strictObject({ postId: idSchema });
export const setQaModeInput = z.strictObject({ dialogueId: idSchema, qaMode: qaModeSchema });

export const flagPostInput = z.strictObject({ postId: idSchema, reason: reason(3) });
export const hidePostInput = z.strictObject({ postId: idSchema, reason: reason(3) });
export const flagRef = z.strictObject({ flagId: idSchema });
export const lockThreadInput = z.strictObject({ threadId: idSchema, reason: reason(3) });

/** Who wrote a post, as the viewer may see it. */
export type AuthorView =
  | { kind: 'pseudonym'; label: string } // "A", "B", … — rendered as "Leverantör A" / "Supplier A"
  | { kind: 'person'; name: string; organisationName: string; organisationKind: OrganisationKind; pseudonym: string | null };

/** A moderator's or buyer's recorded act on a post or thread, as readers see it. */
export type RecordedAct = { at: string; reason: string };

export type PostView = {
  id: string;
  threadId: string;
  kind: 'question' | 'answer' | 'comment';
  /** Null when a moderator hid the post: readers see that and why, not what. */
  body: string | null;
  official: boolean;
  /** An answer given to the asker alone (a confidential question). */
  private: boolean;
  author: AuthorView;
  createdAt: string;
  /** When the current version was written, if it is not the first. */
  editedAt: string | null;
  /** Official answers: the current version is a correction. */
  corrected: boolean;
  versionCount: number;
  hidden: RecordedAct | null;
  /** Official answers' files (empty for other posts, and for a hidden answer). */
  attachments: AttachmentView[];
};

export type ThreadView = {
  id: string;
  dialogueId: string;
  /** Null when a moderator hid the question. */
  title: string | null;
  status: ThreadStatus;
  confidential: boolean;
  question: PostView;
  /** Official answers (and a private answer, for those who may see it), oldest first. */
  answers: PostView[];
  comments: PostView[];
  /** Has a published official answer. */
  answered: boolean;
  voteCount: number;
  locked: RecordedAct | null;
  /** Why a confidential question was answered privately. */
  privateAnswerReason: string | null;
  createdAt: string;
  publishedAt: string | null;
  /** The dialogue's change counter when this thread last changed: a newer copy has a higher one. */
  change: number;
};

/** What the viewer did: their own threads, posts and votes, beside audience views. */
export type ViewerMarks = { threads: string[]; posts: string[]; votes: string[] };

export type ThreadPage = {
  threads: ThreadView[];
  /** Offset of the next page, or null at the end. */
  nextOffset: number | null;
  total: number;
  /** The dialogue's change counter when this page was read. */
  change: number;
  /** The viewer's own questions that are not published (waiting for the buyers, or answered privately). */
  ownUnpublished: ThreadView[];
  marks: ViewerMarks;
};

export type ThreadChanges = {
  /** Every thread the viewer may see that changed after `afterChange`, as it is now. */
  threads: ThreadView[];
  /** False when so much changed that the client should load the page again instead. */
  complete: boolean;
  change: number;
  marks: ViewerMarks;
};

/** The buyers' inbox: questions waiting to be published or answered privately, and those answered privately. */
export type ThreadInbox = { pending: ThreadView[]; answeredPrivately: ThreadView[]; change: number };

/** One version of a post, for its history. */
export type PostVersionView = { title: string | null; body: string; at: string; note: string | null; byBuyer: boolean };

/** A flagged post in the moderators' queue, with what readers cannot see. */
export type FlagView = {
  id: string;
  postId: string;
  threadId: string;
  dialogueId: string;
  dialogueTitle: string;
  threadTitle: string;
  postKind: PostView['kind'];
  body: string;
  author: { id: string; name: string; organisationName: string };
  reason: string;
  flaggedAt: string;
  flagCount: number;
  hidden: RecordedAct | null;
};
