// Who may do what with attachments. Equal treatment (DESIGN.md §3.1): a file on a dialogue or on a
// published answer is there for everyone who may see the dialogue, like the text beside it; a file
// on an answer that is not for everyone (a private answer) is for those who may see that answer.
// Where the file is attached decides who sees it; this decides the rest.
import type { Actor } from './actor.ts';
import { hasVerifiedEmail, isModerator, mayAnswerOfficially, type DialogueAccessFacts, type MemberActor } from './policy.ts';

/** The owning buyers, who answer officially, attach files to their dialogue and to its official answers. */
export function mayAttachTo(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayAnswerOfficially(actor, dialogue) && hasVerifiedEmail(actor);
}

/** An official answer that is still shown takes files: not a comment, not a hidden answer. */
export function takesAttachments(post: { kind: 'question' | 'answer' | 'comment'; official: boolean; hidden: unknown }): boolean {
  return post.kind === 'answer' && post.official && post.hidden === null;
}

/** Removing hides a file with a recorded reason: the owning buyers, and moderators, as they hide posts. */
export function mayRemoveAttachment(actor: Actor | null, dialogue: DialogueAccessFacts): actor is Actor {
  return isModerator(actor) || mayAttachTo(actor, dialogue);
}

export type AttachmentFacts = {
  removed: boolean;
  /** On an answer a moderator hid: readers see that and why, not what. */
  onHiddenPost: boolean;
  /** A draft's uploader; null once the file is on a dialogue or an answer. */
  draftOf: string | null;
};

/**
 * Who downloads a file, among those who may see where it is: everyone while it is neither removed
 * nor on a hidden answer, and moderators always (they review what was removed or hidden). A draft,
 * not yet published with its answer, only the person who uploaded it.
 */
export function mayDownloadAttachment(actor: Actor | null, facts: AttachmentFacts): boolean {
  if (facts.draftOf !== null) return actor !== null && actor.userId === facts.draftOf;
  return (!facts.removed && !facts.onHiddenPost) || isModerator(actor);
}
