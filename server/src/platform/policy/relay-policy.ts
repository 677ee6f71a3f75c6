// Who may do what in the pioneer relay (issue 11 §3). A relay project belongs to one buyer
// organisation: its verified buyers hand over the baton (publish, revise, withdraw its handover),
// take the baton from earlier projects and book relay meetings. Who reads a project follows the
// dialogue rule (public, or confirmed address); to anyone else it answers as a missing project.
// The relay thread is buyers talking to buyers: verified buyers ask and reply, moderators hide.
import type { Actor } from './actor.ts';
import { actsForOrganisation, hasVerifiedEmail, isModerator, isVerifiedBuyer, visibleDialogueVisibilities, type MemberActor } from './policy.ts';

export type RelayProjectAccessFacts = { visibility: 'public' | 'registered'; organisationId: string };

export function visibleRelayVisibilities(actor: Actor | null): RelayProjectAccessFacts['visibility'][] {
  return visibleDialogueVisibilities(actor);
}

export function canViewRelayProject(actor: Actor | null, project: Pick<RelayProjectAccessFacts, 'visibility'>): boolean {
  return visibleRelayVisibilities(actor).includes(project.visibility);
}

/** Starting a relay project: a confirmed, verified buyer, for the organisation they act for. */
export function mayStartRelayProject(actor: Actor | null): actor is MemberActor {
  return isVerifiedBuyer(actor) && hasVerifiedEmail(actor);
}

/**
 * The project's own buyers manage it: publish and revise its handover, take the baton, link
 * meetings. Nobody else does — not a supplier, not another buyer, not a moderator (who withdraws).
 */
export function mayManageRelayProject(actor: Actor | null, project: RelayProjectAccessFacts): actor is MemberActor {
  return mayStartRelayProject(actor) && canViewRelayProject(actor, project) && actor.organisationId === project.organisationId;
}

/** A handover is withdrawn by its project's buyers, or by a moderator (with the reason on record). */
export function mayWithdrawHandover(actor: Actor | null, project: RelayProjectAccessFacts): actor is Actor {
  if (mayManageRelayProject(actor, project)) return true;
  return isModerator(actor) && hasVerifiedEmail(actor) && canViewRelayProject(actor, project);
}

/** Asking and replying in a relay thread: confirmed verified buyers (any organisation) and moderators. */
export function mayPostInRelayThread(actor: Actor | null, project: RelayProjectAccessFacts): actor is Actor {
  if (actor === null || !hasVerifiedEmail(actor) || !canViewRelayProject(actor, project)) return false;
  return isVerifiedBuyer(actor) || isModerator(actor);
}

/** A post is edited by its author only, as a new version. */
export function mayEditRelayPost(actor: Actor | null, post: { authorId: string }): actor is Actor {
  return actor !== null && hasVerifiedEmail(actor) && actor.userId === post.authorId;
}

export function mayHideRelayPost(actor: Actor | null): actor is Actor {
  return isModerator(actor) && hasVerifiedEmail(actor);
}

/**
 * A contact is a person of the project's organisation who offers help themself: nobody names a
 * colleague for them. Acting for the organisation is what makes them its person here.
 */
export function mayOfferRelayHelp(actor: Actor | null, project: RelayProjectAccessFacts): actor is MemberActor {
  return actsForOrganisation(actor) && hasVerifiedEmail(actor) && actor.organisationId === project.organisationId && canViewRelayProject(actor, project);
}

/** Whether a contact's e-mail address may be shown to this viewer: only as far as the person chose. */
export function seesContactEmail(actor: Actor | null, shownTo: 'nobody' | 'confirmed' | 'everyone'): boolean {
  if (shownTo === 'everyone') return true;
  if (shownTo === 'confirmed') return actor !== null && hasVerifiedEmail(actor);
  return false;
}
