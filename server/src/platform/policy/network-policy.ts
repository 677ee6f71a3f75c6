// Who may do what in a buyers' network (issue 11 §4). A network is verified buyer organisations
// only. Its people — confirmed, acting for a member organisation that is still verified — read and
// write its discussions; an admin organisation's people accept requests, invite and remove. Nobody
// else sees anything of it (suppliers, researchers, other buyers, moderators, visitors), with two
// narrow openings: a verified buyer may see an open network's name and members to ask to join, and
// an invited organisation sees the network it is invited to. To everyone else it answers exactly as
// a network that does not exist. Losing verification closes the network to the organisation's
// people at once (their actor carries it), without touching its membership.
import type { Actor } from './actor.ts';
import { hasVerifiedEmail, isModerator, isVerifiedBuyer, type MemberActor } from './policy.ts';

export type NetworkAccessFacts = {
  joining: 'on-request' | 'invitation';
  dissolved: boolean;
  /** Organisations that are members now, and which of them are admins. */
  memberOrganisationIds: string[];
  adminOrganisationIds: string[];
  /** Organisations invited and not yet answered. */
  invitedOrganisationIds: string[];
};

/** A confirmed person acting for a verified buyer organisation. */
function confirmedBuyer(actor: Actor | null): actor is MemberActor {
  return isVerifiedBuyer(actor) && hasVerifiedEmail(actor);
}

export function mayCreateNetwork(actor: Actor | null): actor is MemberActor {
  return confirmedBuyer(actor);
}

/** Reading its discussions, library, dialogues and record, and its live room. */
export function isNetworkMember(actor: Actor | null, network: NetworkAccessFacts): actor is MemberActor {
  return confirmedBuyer(actor) && network.memberOrganisationIds.includes(actor.organisationId);
}

export function isNetworkAdmin(actor: Actor | null, network: NetworkAccessFacts): actor is MemberActor {
  return isNetworkMember(actor, network) && network.adminOrganisationIds.includes(actor.organisationId);
}

export function isInvitedToNetwork(actor: Actor | null, network: NetworkAccessFacts): actor is MemberActor {
  return confirmedBuyer(actor) && !network.dissolved && network.invitedOrganisationIds.includes(actor.organisationId);
}

/** Whether the network exists for this viewer at all (its name, arena, and for open ones its members). */
export function canSeeNetwork(actor: Actor | null, network: NetworkAccessFacts): boolean {
  if (isNetworkMember(actor, network) || isInvitedToNetwork(actor, network)) return true;
  return network.joining === 'on-request' && !network.dissolved && confirmedBuyer(actor);
}

/** Asking to join: a verified buyer of an organisation not yet in an open network. */
export function mayRequestToJoinNetwork(actor: Actor | null, network: NetworkAccessFacts): actor is MemberActor {
  return confirmedBuyer(actor) && network.joining === 'on-request' && !network.dissolved && !network.memberOrganisationIds.includes(actor.organisationId);
}

/** Writing in it: members, while it is not dissolved (a dissolved network stays readable to them). */
export function mayWriteInNetwork(actor: Actor | null, network: NetworkAccessFacts): actor is MemberActor {
  return isNetworkMember(actor, network) && !network.dissolved;
}

/** Accepting requests, inviting, removing, linking joint dialogues and dissolving: admins of a live network. */
export function mayManageNetwork(actor: Actor | null, network: NetworkAccessFacts): actor is MemberActor {
  return isNetworkAdmin(actor, network) && !network.dissolved;
}

/** Cancelling a network session: whoever scheduled it, or an admin organisation's person, of a live network. */
export function mayCancelNetworkSession(actor: Actor | null, network: NetworkAccessFacts, session: { scheduledBy: string }): actor is MemberActor {
  return mayWriteInNetwork(actor, network) && (actor.userId === session.scheduledBy || isNetworkAdmin(actor, network));
}

/** Editing a network session: the same people who may cancel it (whether it still may change is the session's own state). */
export function mayEditNetworkSession(actor: Actor | null, network: NetworkAccessFacts, session: { scheduledBy: string }): actor is MemberActor {
  return mayCancelNetworkSession(actor, network, session);
}

/** Editing a post: its author alone, while a member of the live network, and not once it was hidden. */
export function mayEditNetworkPost(actor: Actor | null, network: NetworkAccessFacts, post: { authorId: string; hidden: boolean }): actor is MemberActor {
  return mayWriteInNetwork(actor, network) && actor.userId === post.authorId && !post.hidden;
}

/**
 * Hiding a post with a reason: the admin organisations' people of a live network, and platform
 * moderators (who act on what is brought to them without reading the network: they stay outside).
 */
export function mayHideNetworkPost(actor: Actor | null, network: NetworkAccessFacts): actor is Actor {
  return mayManageNetwork(actor, network) || isModerator(actor);
}

/**
 * A network session's live room: members' people of a network not dissolved, while the session is
 * not cancelled. A dissolved network's sessions stay on its record, but their rooms close.
 */
export function mayWatchNetworkLiveRoom(actor: Actor | null, network: NetworkAccessFacts, session: { cancelled: boolean }): actor is MemberActor {
  return mayWriteInNetwork(actor, network) && !session.cancelled;
}

/** Starting and ending the room, hiding a question: whoever scheduled the session, or an admin organisation's person. */
export function mayHostNetworkLiveRoom(actor: Actor | null, network: NetworkAccessFacts, session: { cancelled: boolean; scheduledBy: string }): actor is MemberActor {
  return mayWatchNetworkLiveRoom(actor, network, session) && (actor.userId === session.scheduledBy || isNetworkAdmin(actor, network));
}
