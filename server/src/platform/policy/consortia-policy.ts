// Who may do what in consortia (issue 11 §5). Organisations act here, through their admins: the
// owners of the supplier or research organisation a person acts for keep its capability profile,
// declare its interest, lead a consortium, confirm an invitation, leave, remove (the lead) and
// choose its visibility. Opportunities are published by verified buyers and moderators.
//
// A consortium seen "by the buyer only" is seen by the organisations in it now (lead, confirmed
// and invited), the opportunity's buyer organisations and moderators. To everyone else — another
// supplier above all — it answers exactly as a missing consortium, and no list holds it.
import type { Actor } from './actor.ts';
import { actsForOrganisation, canViewDialogue, hasVerifiedEmail, isModerator, isVerifiedBuyer, type DialogueAccessFacts, type MemberActor, type MembershipFacts, managesOrganisation } from './policy.ts';

export type ConsortiumAccessFacts = {
  visibility: 'public' | 'buyer';
  members: { organisationId: string; status: 'invited' | 'confirmed' | 'declined' | 'left' | 'removed' }[];
  leadOrganisationId: string;
};

/** Organisation kinds that keep capability profiles and form consortia. */
const PARTNER_KINDS = new Set(['supplier', 'research']);

/**
 * An admin (owner) of the supplier or research organisation they act for, with a confirmed
 * address: the one who speaks for the organisation in consortia. A plain member reads, never commits it.
 */
export function mayActForPartner(actor: Actor | null, membership: MembershipFacts): actor is MemberActor {
  return actsForOrganisation(actor) && hasVerifiedEmail(actor) && PARTNER_KINDS.has(actor.organisationKind) && managesOrganisation(membership);
}

/** Whether an organisation of this kind may be invited into a consortium or keep a profile. */
export function isPartnerKind(kind: string): boolean {
  return PARTNER_KINDS.has(kind);
}

/** A research facility's upcoming procurement: published by a confirmed verified buyer or a moderator. */
export function mayPublishOpportunity(actor: Actor | null): actor is Actor {
  if (actor === null || !hasVerifiedEmail(actor)) return false;
  return isVerifiedBuyer(actor) || isModerator(actor);
}

/**
 * Editing and withdrawing a research facility's opportunity: the verified buyers of the
 * organisation that published it, or — for one a moderator published, which has no buyer — a
 * moderator. One made of a dialogue follows its dialogue and is changed there, never here.
 */
export function mayManageOpportunity(actor: Actor | null, opportunity: { source: 'facility' | 'dialogue'; buyerOrganisationIds: string[] }): actor is Actor {
  if (actor === null || !hasVerifiedEmail(actor) || opportunity.source !== 'facility') return false;
  if (opportunity.buyerOrganisationIds.length === 0) return isModerator(actor);
  return isVerifiedBuyer(actor) && opportunity.buyerOrganisationIds.includes(actor.organisationId);
}

/** Opening an existing dialogue as an opportunity only gives it a page here: anyone confirmed who sees the dialogue. */
export function mayOpenDialogueOpportunity(actor: Actor | null): actor is Actor {
  return actor !== null && hasVerifiedEmail(actor);
}

/** The organisations in a consortium now: the lead, the confirmed and the invited (who must see what they are asked to join). */
function isInConsortium(organisationId: string, consortium: ConsortiumAccessFacts): boolean {
  if (organisationId === consortium.leadOrganisationId) return true;
  return consortium.members.some((member) => member.organisationId === organisationId && (member.status === 'invited' || member.status === 'confirmed'));
}

/**
 * Who sees a consortium, given that they see its opportunity: everyone when it is public; when it
 * is for the buyer only, its own organisations, the opportunity's buyers and moderators.
 */
export function canViewConsortium(actor: Actor | null, consortium: ConsortiumAccessFacts, buyerOrganisationIds: string[]): boolean {
  if (consortium.visibility === 'public') return true;
  // A boolean, not the type guard: a guard that failed would narrow the actor to null below.
  const moderator: boolean = isModerator(actor);
  if (moderator) return true;
  if (!actsForOrganisation(actor)) return false;
  return isInConsortium(actor.organisationId, consortium) || buyerOrganisationIds.includes(actor.organisationId);
}

/** A consortium's lead organisation invites and removes members. */
export function mayLeadConsortium(actor: Actor | null, membership: MembershipFacts, consortium: ConsortiumAccessFacts): actor is MemberActor {
  return mayActForPartner(actor, membership) && actor.organisationId === consortium.leadOrganisationId;
}

/** The member's own standing in the consortium, for the organisation the admin acts for. */
export function memberStatusOf(actor: Actor | null, consortium: ConsortiumAccessFacts): ConsortiumAccessFacts['members'][number]['status'] | null {
  if (!actsForOrganisation(actor)) return null;
  return consortium.members.find((member) => member.organisationId === actor.organisationId)?.status ?? null;
}

/** Only the invited organisation itself confirms (or declines) its invitation: the lead cannot count it in. */
export function mayAnswerInvitation(actor: Actor | null, membership: MembershipFacts, consortium: ConsortiumAccessFacts): actor is MemberActor {
  return mayActForPartner(actor, membership) && memberStatusOf(actor, consortium) === 'invited';
}

/** A confirmed member (not the lead) leaves by its own admin. */
export function mayLeaveConsortium(actor: Actor | null, membership: MembershipFacts, consortium: ConsortiumAccessFacts): actor is MemberActor {
  return mayActForPartner(actor, membership) && memberStatusOf(actor, consortium) === 'confirmed' && actor.organisationId !== consortium.leadOrganisationId;
}

/** The lead and every confirmed member choose the visibility they agree to. */
export function mayChooseConsortiumVisibility(actor: Actor | null, membership: MembershipFacts, consortium: ConsortiumAccessFacts): actor is MemberActor {
  return mayActForPartner(actor, membership) && memberStatusOf(actor, consortium) === 'confirmed';
}

/** What deciding who sees an opportunity needs: the dialogue it is made of, if it is one. */
export type OpportunitySightFacts = { dialogue: DialogueAccessFacts | null };

/** What deciding who sees a consortium needs: the consortium, its opportunity's dialogue (if any) and buyers. */
export type ConsortiumSightFacts = OpportunitySightFacts & { consortium: ConsortiumAccessFacts; buyers: string[] };

/** Whether the actor sees the opportunity: a research facility's is public; a dialogue's follows the dialogue. */
export function canSeeOpportunity(actor: Actor | null, facts: OpportunitySightFacts): boolean {
  return facts.dialogue === null || canViewDialogue(actor, facts.dialogue);
}

/** Whether the actor sees the consortium: its opportunity first, then the consortium itself. */
export function canSeeConsortium(actor: Actor | null, facts: ConsortiumSightFacts): boolean {
  return canSeeOpportunity(actor, facts) && canViewConsortium(actor, facts.consortium, facts.buyers);
}
