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

/**
 * The dialogue visibilities the actor sees: lists and search filter by these, single reads ask
 * `canViewDialogue`. "Registered users" means people with a confirmed address: an account made up
 * on the spot does not open them.
 */
export function visibleDialogueVisibilities(actor: Actor | null): DialogueAccessFacts['visibility'][] {
  return actor?.emailVerified ? ['public', 'registered'] : ['public'];
}

export function canViewDialogue(actor: Actor | null, dialogue: Pick<DialogueAccessFacts, 'visibility'>): boolean {
  return visibleDialogueVisibilities(actor).includes(dialogue.visibility);
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

/** Admins block other people, never themselves. */
export function mayBlockUser(actor: Actor, userId: string): boolean {
  return canBlockUsers(actor) && actor.userId !== userId;
}

/** Moderators (and admins) verify organisations and read the audit log. */
export function isModerator(actor: Actor | null): actor is Actor {
  return actor !== null && (actor.platformRole === 'moderator' || actor.platformRole === 'admin');
}

/** Verifying buyer organisations, and the queue of those waiting for it, is moderators' work. */
export function mayVerifyOrganisations(actor: Actor | null): actor is Actor {
  return isModerator(actor);
}

/** Separation of duties: a moderator does not verify an organisation they belong to. */
export function mayVerifyOrganisation(actor: Actor | null, membership: MembershipFacts): actor is Actor {
  return mayVerifyOrganisations(actor) && !membership;
}

/** Duplicate organisations are merged by moderators, who see both and judge that they are one. */
export function mayMergeOrganisations(actor: Actor | null): actor is Actor {
  return isModerator(actor);
}

export function mayReadAuditLog(actor: Actor | null): actor is Actor {
  return isModerator(actor);
}

/**
 * A dialogue's archive package (its whole record, askers by name, for the agency's registry) is
 * the operator's: moderators and admins. Not the dialogue's own buyers: the package holds what
 * they may not see (who flagged what, the audit log) and the registry is the agency's.
 */
export function mayExportArchivePackage(actor: Actor | null): actor is Actor {
  return isModerator(actor);
}

/** The actor's membership of one organisation, as the store has it; null when not a member. */
export type MembershipFacts = { role: 'owner' | 'member' } | null | undefined;

/**
 * Owners manage their organisation: members, roles, invitations and join requests. To anyone else
 * the organisation's management answers as if the thing asked about did not exist.
 */
export function managesOrganisation(membership: MembershipFacts): boolean {
  return membership?.role === 'owner';
}

/** The member list, e-mail addresses and join requests: for owners and moderators. */
export function seesOrganisationMembers(actor: Actor | null, membership: MembershipFacts): boolean {
  return managesOrganisation(membership) || isModerator(actor);
}

/** Removing oneself is leaving, which every member may; removing someone else is an owner's act. */
export function removalNeedsOwner(actor: Actor, userId: string): boolean {
  return actor.userId !== userId;
}

/** A person acts only for an organisation they are a member of. */
export function mayActFor(membership: MembershipFacts): boolean {
  return membership !== null && membership !== undefined;
}

export function isPastQuestionDeadline(dialogue: DialogueAccessFacts, now: Date): boolean {
  return now.getTime() >= Date.parse(dialogue.questionDeadline);
}

/** Anyone signed in who may see the dialogue asks, except its own buyers, who answer instead. */
export function mayAskQuestions(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return actsForOrganisation(actor) && canViewDialogue(actor, dialogue) && !isDialogueOwner(actor, dialogue);
}

/** Whether the dialogue offers the actor to ask now: allowed to ask, confirmed, and before the deadline. */
export function mayAskNow(actor: Actor | null, dialogue: DialogueAccessFacts, now: Date): boolean {
  return mayAskQuestions(actor, dialogue) && hasVerifiedEmail(actor) && !isPastQuestionDeadline(dialogue, now);
}

export function mayAnswerOfficially(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return isVerifiedBuyer(actor) && isDialogueOwner(actor, dialogue);
}

/** Joint procurement: the owning buyers invite another verified buyer organisation to own it with them. */
export function mayAddDialogueOwner(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayAnswerOfficially(actor, dialogue) && hasVerifiedEmail(actor);
}

/**
 * The buyers who answer officially are the ones who edit the dialogue, move it through its phases,
 * change who may see it and archive it.
 */
export function mayEditDialogue(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayAnswerOfficially(actor, dialogue);
}

/** The buyers of a dialogue record how its procurement ended (innovation metrics). */
export function mayRecordOutcome(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayEditDialogue(actor, dialogue);
}

/** Only a buyer organisation a moderator has verified can own a dialogue. */
export function mayOwnDialogues(organisation: { kind: string; verified: boolean }): boolean {
  return organisation.kind === 'buyer' && organisation.verified;
}

/** Events a processor gave up on are operations' business: admins retry or dismiss them. */
export function mayHandleDeadLetters(actor: Actor): boolean {
  return actor.platformRole === 'admin';
}

/** Feedback to the operators (accessibility barriers, requests for accessible content): admins answer it. */
export function mayReadFeedback(actor: Actor): boolean {
  return actor.platformRole === 'admin';
}

/** Admins appoint moderators. */
export function mayAppointModerators(actor: Actor): boolean {
  return actor.platformRole === 'admin';
}

/** The buyers who answer officially are the ones who move the question deadline. */
export function mayChangeQuestionDeadline(actor: Actor | null, dialogue: DialogueAccessFacts): actor is MemberActor {
  return mayAnswerOfficially(actor, dialogue);
}

/**
 * Equal treatment (DESIGN.md §3.1): who asked is known to the dialogue's buyers and to the
 * platform's moderators; everyone else sees the per-dialogue pseudonym.
 */
export function seesEveryAsker(actor: Actor | null, dialogue: DialogueAccessFacts): boolean {
  return isDialogueOwner(actor, dialogue) || isModerator(actor);
}

/** …and the asker knows themself. */
export function seesAskerIdentity(actor: Actor | null, dialogue: DialogueAccessFacts, askerId: string): boolean {
  return seesEveryAsker(actor, dialogue) || actor?.userId === askerId;
}
