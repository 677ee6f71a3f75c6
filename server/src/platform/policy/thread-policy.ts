// Who may do what with questions and answers (threads). Equal treatment (DESIGN.md §3.1): a thread
// that is published is there for everyone who may see the dialogue; one that is not (waiting in
// the buyers' inbox, or answered privately) is for its asker, the dialogue's buyers and moderators.
import type { QaMode, ThreadStatus } from '@dialogforum/contracts';
import type { Actor } from './actor.ts';
import {
  actsForOrganisation,
  canViewDialogue,
  isDialogueOwner,
  isModerator,
  mayAnswerOfficially,
  seesAskerIdentity,
  type DialogueAccessFacts,
  type MemberActor,
} from './policy.ts';

export type ThreadAccessFacts = { status: ThreadStatus; askerId: string; locked: boolean; answered: boolean };

export function canViewThread(actor: Actor | null, dialogue: DialogueAccessFacts, thread: ThreadAccessFacts): boolean {
  if (!canViewDialogue(actor, dialogue)) return false;
  return thread.status === 'published' || seesAskerIdentity(actor, dialogue, thread.askerId);
}

/**
 * Where a new question goes: straight to everyone (open discussion), or to the buyers' inbox first
 * (moderated Q&A, and any question asked in confidence).
 */
export function statusOfNewQuestion(mode: QaMode, confidential: boolean): ThreadStatus {
  return mode === 'moderated' || confidential ? 'pending' : 'published';
}

/** The buyers who answer officially publish, redact and answer privately too. */
export function mayHandleQuestions(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayAnswerOfficially(actor, dialogue);
}

/**
 * Follow-up comments on published threads. In open discussion everyone who may ask comments, and
 * the buyers; in moderated Q&A a supplier's comment would be an unmoderated question, so only the
 * buyers comment (suppliers ask a new question). A locked thread takes no comments.
 */
export function mayComment(actor: Actor | null, dialogue: DialogueAccessFacts, mode: QaMode, thread: ThreadAccessFacts): actor is MemberActor {
  if (!actsForOrganisation(actor) || !canViewDialogue(actor, dialogue)) return false;
  if (thread.status !== 'published' || thread.locked) return false;
  return isDialogueOwner(actor, dialogue) || mode === 'open';
}

/** Comments on the dialogue as a whole (what the page offers before knowing the thread). */
export function mayCommentIn(actor: Actor | null, dialogue: DialogueAccessFacts, mode: QaMode): boolean {
  return actsForOrganisation(actor) && canViewDialogue(actor, dialogue) && (isDialogueOwner(actor, dialogue) || mode === 'open');
}

/**
 * Suppliers' follow-ups, and their edits of a question or a comment, after the question deadline
 * would be questions after it. The buyers write after the deadline as before it.
 */
export function writingNeedsOpenDeadline(actor: Actor, dialogue: DialogueAccessFacts): boolean {
  return !isDialogueOwner(actor, dialogue);
}

/** "I want to know too": for those who could ask it themselves, on others' published questions. */
export function mayVote(actor: Actor | null, dialogue: DialogueAccessFacts, thread?: ThreadAccessFacts): actor is MemberActor {
  if (!actsForOrganisation(actor) || !canViewDialogue(actor, dialogue) || isDialogueOwner(actor, dialogue)) return false;
  return thread === undefined || (thread.status === 'published' && thread.askerId !== actor.userId);
}

/**
 * Authors edit their own comments, and their question until it has an official answer (after
 * that the answer would answer something else). Official answers are corrected, never edited.
 */
export function mayEditOwnPost(
  actor: Actor | null,
  post: { authorId: string; kind: 'question' | 'answer' | 'comment'; hidden: boolean },
  thread: ThreadAccessFacts,
): actor is Actor {
  if (actor === null || post.authorId !== actor.userId || post.hidden || post.kind === 'answer') return false;
  if (post.kind === 'comment') return !thread.locked;
  return !thread.answered && thread.status !== 'answered-privately';
}

/** Earlier versions of a question may hold what a redaction took out: only those who may know the asker see them. */
export function seesPostHistory(
  actor: Actor | null,
  dialogue: DialogueAccessFacts,
  post: { kind: 'question' | 'answer' | 'comment' },
  thread: ThreadAccessFacts,
): boolean {
  return post.kind !== 'question' || seesAskerIdentity(actor, dialogue, thread.askerId);
}

/** Anyone signed in with a confirmed address may ask the moderators to look at a post they can see. */
export function mayFlagPost(actor: Actor | null): actor is Actor {
  return actor !== null && actor.emailVerified;
}

/** Moderators hide posts (with a reason), dismiss flags and lock threads. */
export function mayModeratePosts(actor: Actor | null): actor is Actor {
  return isModerator(actor);
}
