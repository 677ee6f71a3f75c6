// Who may do what. Every router and socket handler asks here, so a rule changes in one place.
// Hidden things must look exactly like missing things: callers turn a failed `canView` into
// NOT_FOUND, never FORBIDDEN.
import type { OrganisationKind } from '@dialogforum/contracts';
import type { Actor } from './actor.ts';

/** An actor who acts for an organisation, as everyone who publishes must. */
export type MemberActor = Actor & { organisationId: string; organisationKind: OrganisationKind };

export function actsForOrganisation(actor: Actor | null): actor is MemberActor {
  return actor !== null && actor.organisationId !== null && actor.organisationKind !== null;
}

export type DialogueAccessFacts = {
  visibility: 'public' | 'registered';
  ownerOrganisationIds: string[];
  questionDeadline: string;
};

export function canViewDialogue(actor: Actor | null, dialogue: DialogueAccessFacts): boolean {
  return dialogue.visibility === 'public' || actor !== null;
}

export function isDialogueOwner(actor: Actor | null, dialogue: DialogueAccessFacts): boolean {
  return actsForOrganisation(actor) && dialogue.ownerOrganisationIds.includes(actor.organisationId);
}

/** Members of a buyer organisation a moderator has verified: they publish dialogues and answer officially. */
export function isVerifiedBuyer(actor: Actor | null): actor is MemberActor {
  return actsForOrganisation(actor) && actor.organisationKind === 'buyer' && actor.organisationVerified;
}

export function canCreateDialogue(actor: Actor | null): actor is MemberActor {
  return isVerifiedBuyer(actor);
}

/**
 * Publishing anything (a dialogue, a question, an answer) needs a confirmed e-mail address, so
 * every public contribution traces back to a reachable person.
 */
export function hasVerifiedEmail(actor: Actor): boolean {
  return actor.emailVerified;
}

export function canBlockUsers(actor: Actor): boolean {
  return actor.platformRole === 'admin';
}

/** Moderators (and admins) verify organisations and read the audit log. */
export function isModerator(actor: Actor | null): actor is Actor {
  return actor !== null && (actor.platformRole === 'moderator' || actor.platformRole === 'admin');
}

export function isPastQuestionDeadline(dialogue: DialogueAccessFacts, now: Date): boolean {
  return now.getTime() >= Date.parse(dialogue.questionDeadline);
}

/** Anyone signed in who may see the dialogue asks, except its own buyers, who answer instead. */
export function mayAskQuestions(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return actsForOrganisation(actor) && canViewDialogue(actor, dialogue) && !isDialogueOwner(actor, dialogue);
}

export function mayAnswerOfficially(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return isVerifiedBuyer(actor) && isDialogueOwner(actor, dialogue);
}

/**
 * Equal treatment (DESIGN.md §3.1): the asker's identity is shown to the dialogue's buyers and to
 * the asker; everyone else sees the per-dialogue pseudonym.
 */
export function seesAskerIdentity(actor: Actor | null, dialogue: DialogueAccessFacts, askerId: string): boolean {
  return isDialogueOwner(actor, dialogue) || actor?.userId === askerId;
}
