// Who may do what with the library (issue 11 §2). Moderators and members of verified buyer
// organisations publish; an item is revised or withdrawn by moderators and by the verified buyers of
// the organisation it was published for. Who may read an item follows the dialogue rule: public, or
// for people with a confirmed address; to anyone else it answers as a missing item.
import type { Actor } from './actor.ts';
import { hasVerifiedEmail, isModerator, isVerifiedBuyer, visibleDialogueVisibilities } from './policy.ts';

export type LibraryItemAccessFacts = { visibility: 'public' | 'registered'; organisationId: string | null };

/** The visibilities the actor reads: lists filter by these, single reads ask `canViewLibraryItem`. */
export function visibleLibraryVisibilities(actor: Actor | null): LibraryItemAccessFacts['visibility'][] {
  return visibleDialogueVisibilities(actor);
}

export function canViewLibraryItem(actor: Actor | null, item: Pick<LibraryItemAccessFacts, 'visibility'>): boolean {
  return visibleLibraryVisibilities(actor).includes(item.visibility);
}

export function mayPublishLibraryItems(actor: Actor | null): actor is Actor {
  return actor !== null && hasVerifiedEmail(actor) && (isModerator(actor) || isVerifiedBuyer(actor));
}

/**
 * The organisation an item is published for: a verified buyer's own; a moderator who acts for no
 * verified buyer publishes for the platform (null).
 */
export function publisherOrganisationOf(actor: Actor): string | null {
  return isVerifiedBuyer(actor) ? actor.organisationId : null;
}

/** Revising makes a new version; moderators may revise any item, buyers their organisation's. */
export function mayReviseLibraryItem(actor: Actor | null, item: LibraryItemAccessFacts): actor is Actor {
  if (!mayPublishLibraryItems(actor) || !canViewLibraryItem(actor, item)) return false;
  const ownOrganisations = item.organisationId !== null && isVerifiedBuyer(actor) && actor.organisationId === item.organisationId;
  return ownOrganisations || isModerator(actor);
}

export function mayWithdrawLibraryItem(actor: Actor | null, item: LibraryItemAccessFacts): actor is Actor {
  return mayReviseLibraryItem(actor, item);
}
