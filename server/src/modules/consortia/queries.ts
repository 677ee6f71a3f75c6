// Reading consortia as the viewer may. An opportunity made of a dialogue is seen by whoever sees
// the dialogue; a consortium for the buyer only is seen by its own organisations, the buyer and
// moderators, and to anyone else answers exactly as a missing one — no list, count or page shows it.
import type {
  ArenaId,
  CapabilityProfileSummary,
  CapabilityProfileView,
  ConsortiaArenaView,
  ConsortiumSummary,
  ConsortiumView,
  FindProfilesInput,
  MyConsortiaView,
  OpportunitySummary,
  OpportunityView,
  OrganisationRef,
  OrganisationSummary,
} from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import {
  canSeeConsortium,
  canSeeOpportunity,
  canViewConsortium,
  mayActForPartner,
  mayAnswerInvitation,
  mayChooseConsortiumVisibility,
  mayLeadConsortium,
  mayLeaveConsortium,
  mayManageOpportunity,
  mayPublishOpportunity,
  memberStatusOf,
  type OpportunitySightFacts,
} from '../../platform/policy/consortia-policy.ts';
import { actsForOrganisation, canViewDialogue, type DialogueAccessFacts } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { dialogueAccessFacts, visibleDialogue, visibleDialogues } from '../dialogues/queries.ts';
import { membershipOf, organisationSummaries } from '../organisations/queries.ts';
import {
  CAPABILITY_PROFILE_VERSIONS,
  CAPABILITY_PROFILES,
  CONSORTIA,
  INTERESTS,
  OPPORTUNITIES,
  OPPORTUNITY_REVISIONS,
  type CapabilityProfileDocument,
  type CapabilityProfileVersionDocument,
  type ConsortiumDocument,
  type InterestDocument,
  type OpportunityDocument,
  type OpportunityRevisionDocument,
} from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** An opportunity as it stands now: a dialogue's title, arena and buyers are the dialogue's own. */
export type ResolvedOpportunity = OpportunityDocument & { buyers: string[] };

const NO_OPPORTUNITY = 'No such opportunity';
const NO_CONSORTIUM = 'No such consortium';

export async function visibleOpportunity(store: Readable, actor: Actor | null, opportunityId: string, notFoundMessage = NO_OPPORTUNITY): Promise<ResolvedOpportunity> {
  const opportunity = await store.collection<OpportunityDocument>(OPPORTUNITIES).findOne({ _id: opportunityId });
  if (!opportunity) throw new AppError('NOT_FOUND', notFoundMessage);
  if (opportunity.source === 'facility' || !opportunity.dialogueId) return { ...opportunity, buyers: opportunity.buyerOrganisationIds };
  const dialogue = await visibleDialogue(store, actor, opportunity.dialogueId, notFoundMessage);
  return { ...opportunity, title: dialogue.title, description: dialogue.description, arenaId: dialogue.arenaId, buyers: dialogue.ownerOrganisationIds };
}

/** Opportunities the viewer may see, resolved; those made of dialogues they may not see are left out. */
async function resolveOpportunities(store: Readable, actor: Actor | null, opportunities: OpportunityDocument[]): Promise<Map<string, ResolvedOpportunity>> {
  const dialogues = await visibleDialogues(
    store,
    actor,
    opportunities.flatMap((opportunity) => (opportunity.dialogueId ? [opportunity.dialogueId] : [])),
  );
  const resolved = new Map<string, ResolvedOpportunity>();
  for (const opportunity of opportunities) {
    if (!opportunity.dialogueId) {
      resolved.set(opportunity._id, { ...opportunity, buyers: opportunity.buyerOrganisationIds });
      continue;
    }
    const dialogue = dialogues.get(opportunity.dialogueId);
    if (dialogue) resolved.set(opportunity._id, { ...opportunity, title: dialogue.title, description: dialogue.description, arenaId: dialogue.arenaId, buyers: dialogue.ownerOrganisationIds });
  }
  return resolved;
}

export async function visibleConsortium(store: Readable, actor: Actor | null, consortiumId: string): Promise<{ consortium: ConsortiumDocument; opportunity: ResolvedOpportunity }> {
  const consortium = await store.collection<ConsortiumDocument>(CONSORTIA).findOne({ _id: consortiumId });
  if (!consortium) throw new AppError('NOT_FOUND', NO_CONSORTIUM);
  const opportunity = await visibleOpportunity(store, actor, consortium.opportunityId, NO_CONSORTIUM);
  if (!canViewConsortium(actor, consortium, opportunity.buyers)) throw new AppError('NOT_FOUND', NO_CONSORTIUM);
  return { consortium, opportunity };
}

/**
 * A consortium with what deciding who sees it needs, for the notifier (who is concerned, and what
 * the policy asks when a notice is made): its opportunity's dialogue, if it is one, and its buyers.
 * Null when there is none.
 */
export type ConsortiumNoticeFacts = { consortium: ConsortiumDocument; dialogue: DialogueAccessFacts | null; buyers: string[] };

export async function consortiumNoticeFacts(store: Readable, consortiumId: string): Promise<ConsortiumNoticeFacts | null> {
  const consortium = await store.collection<ConsortiumDocument>(CONSORTIA).findOne({ _id: consortiumId });
  if (!consortium) return null;
  const opportunity = await store.collection<OpportunityDocument>(OPPORTUNITIES).findOne({ _id: consortium.opportunityId });
  if (!opportunity) return null;
  if (opportunity.source === 'facility' || !opportunity.dialogueId) return { consortium, dialogue: null, buyers: opportunity.buyerOrganisationIds };
  const dialogue = await dialogueAccessFacts(store, opportunity.dialogueId);
  return dialogue ? { consortium, dialogue, buyers: dialogue.ownerOrganisationIds } : null;
}

/** Whether the actor may see the consortium now, as `visibleConsortium` decides: its opportunity first, then the consortium. */
export function maySeeConsortium(actor: Actor | null, facts: ConsortiumNoticeFacts): boolean {
  return canSeeConsortium(actor, facts);
}

/** The names of those consortia the actor may see now, for notifications: one kept from them is left out, never named. */
export async function visibleConsortiumNames(store: Readable, actor: Actor, consortiumIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const consortiumId of new Set(consortiumIds)) {
    const facts = await consortiumNoticeFacts(store, consortiumId);
    if (facts && maySeeConsortium(actor, facts)) names.set(consortiumId, facts.consortium.name);
  }
  return names;
}

/**
 * An opportunity with who is told of its edit or withdrawal — the organisations interested in it
 * and the leads of the consortia formed for it — and what deciding who may see it needs. Null when there is none.
 */
export type OpportunityNoticeFacts = { opportunity: OpportunityDocument; dialogue: DialogueAccessFacts | null; organisationIds: string[] };

export async function opportunityNoticeFacts(store: Readable, opportunityId: string): Promise<OpportunityNoticeFacts | null> {
  const opportunity = await store.collection<OpportunityDocument>(OPPORTUNITIES).findOne({ _id: opportunityId });
  if (!opportunity) return null;
  const dialogue = opportunity.dialogueId ? await dialogueAccessFacts(store, opportunity.dialogueId) : null;
  if (opportunity.dialogueId && !dialogue) return null;
  const [interests, consortia] = await Promise.all([
    interestsOf(store, [opportunity._id]),
    store.collection<ConsortiumDocument>(CONSORTIA).find({ opportunityId: opportunity._id }),
  ]);
  const organisationIds = [...new Set([...interests.map((interest) => interest.organisationId), ...consortia.map((consortium) => consortium.leadOrganisationId)])];
  return { opportunity, dialogue, organisationIds };
}

/** Whether the actor may see the opportunity now, as `visibleOpportunity` decides. */
export function maySeeOpportunity(actor: Actor | null, facts: Pick<OpportunityNoticeFacts, 'dialogue'>): boolean {
  return canSeeOpportunity(actor, facts);
}

/** What the live layer decides an opportunity's room by: its dialogue, if it is one; null when there is none. */
export async function opportunitySightFacts(store: Readable, opportunityId: string): Promise<OpportunitySightFacts | null> {
  const opportunity = await store.collection<OpportunityDocument>(OPPORTUNITIES).findOne({ _id: opportunityId });
  if (!opportunity) return null;
  if (!opportunity.dialogueId) return { dialogue: null };
  const dialogue = await dialogueAccessFacts(store, opportunity.dialogueId);
  return dialogue ? { dialogue } : null;
}

/** The titles of those opportunities the actor may see now, for notifications (a dialogue's is the dialogue's title now). */
export async function visibleOpportunityTitles(store: Readable, actor: Actor, opportunityIds: string[]): Promise<Map<string, string>> {
  if (opportunityIds.length === 0) return new Map();
  const opportunities = await store.collection<OpportunityDocument>(OPPORTUNITIES).find({ _id: { $in: [...new Set(opportunityIds)] } });
  const resolved = await resolveOpportunities(store, actor, opportunities);
  return new Map([...resolved.values()].map((opportunity) => [opportunity._id, opportunity.title]));
}

const refOf = (organisations: Map<string, OrganisationSummary>, id: string): OrganisationRef => {
  const organisation = organisations.get(id);
  return { id, name: organisation?.name ?? '', kind: organisation?.kind ?? 'supplier' };
};

/** The organisation the viewer acts for, as a reference, when its admin may act for it in consortia. */
async function actingPartner(store: Readable, actor: Actor | null): Promise<OrganisationRef | null> {
  if (!actsForOrganisation(actor)) return null;
  const membership = await membershipOf(store, actor.organisationId, actor.userId);
  if (!mayActForPartner(actor, membership)) return null;
  return refOf(await organisationSummaries(store, [actor.organisationId]), actor.organisationId);
}

function opportunitySummary(opportunity: ResolvedOpportunity, interestedCount: number): OpportunitySummary {
  return {
    id: opportunity._id,
    source: opportunity.source,
    title: opportunity.title,
    facility: opportunity.facility,
    dialogueId: opportunity.dialogueId,
    arenaId: opportunity.arenaId,
    expectedAt: opportunity.expectedAt,
    publishedAt: opportunity.publishedAt,
    interestedCount,
    version: opportunity.version ?? 1,
    withdrawal: opportunity.withdrawal ? { at: opportunity.withdrawal.at, reason: opportunity.withdrawal.reason } : null,
  };
}

async function consortiumSummaries(store: Readable, consortia: ConsortiumDocument[], titles: Map<string, string>): Promise<ConsortiumSummary[]> {
  const organisations = await organisationSummaries(store, consortia.map((consortium) => consortium.leadOrganisationId));
  return consortia.map((consortium) => ({
    id: consortium._id,
    name: consortium.name,
    opportunity: { id: consortium.opportunityId, title: titles.get(consortium.opportunityId) ?? '' },
    lead: refOf(organisations, consortium.leadOrganisationId),
    visibility: consortium.visibility,
    confirmedCount: consortium.members.filter((member) => member.status === 'confirmed').length,
    invitedCount: consortium.members.filter((member) => member.status === 'invited').length,
    createdAt: consortium.createdAt,
  }));
}

async function interestsOf(store: Readable, opportunityIds: string[]): Promise<InterestDocument[]> {
  if (opportunityIds.length === 0) return [];
  return store.collection<InterestDocument>(INTERESTS).find({ opportunityId: { $in: opportunityIds }, interested: true }, { sort: { at: 1 } });
}

export async function getOpportunity(store: Readable, actor: Actor | null, opportunityId: string): Promise<OpportunityView> {
  const opportunity = await visibleOpportunity(store, actor, opportunityId);
  const [interests, consortia, actsAs, revisions] = await Promise.all([
    interestsOf(store, [opportunity._id]),
    store.collection<ConsortiumDocument>(CONSORTIA).find({ opportunityId: opportunity._id }, { sort: { createdAt: 1, _id: 1 } }),
    actingPartner(store, actor),
    store.collection<OpportunityRevisionDocument>(OPPORTUNITY_REVISIONS).find({ opportunityId: opportunity._id }, { sort: { version: -1 } }),
  ]);
  const open = !opportunity.withdrawal;
  const shown = consortia.filter((consortium) => canViewConsortium(actor, consortium, opportunity.buyers));
  const organisations = await organisationSummaries(store, interests.map((interest) => interest.organisationId));
  const interested = actsAs !== null && interests.some((interest) => interest.organisationId === actsAs.id);
  return {
    ...opportunitySummary(opportunity, interests.length),
    description: opportunity.description,
    interested: interests.map((interest) => ({ organisation: refOf(organisations, interest.organisationId), note: interest.note, at: interest.at })),
    consortia: await consortiumSummaries(store, shown, new Map([[opportunity._id, opportunity.title]])),
    revisions: revisions.map((revision) => ({ version: revision.version, at: revision.at, note: revision.note, changes: revision.changes })),
    viewer: {
      canEdit: open && mayManageOpportunity(actor, opportunity),
      actsAs,
      interested,
      canDeclareInterest: open && actsAs !== null,
      canFormConsortium: open && actsAs !== null,
    },
  };
}

export async function getConsortium(store: Readable, actor: Actor | null, consortiumId: string): Promise<ConsortiumView> {
  const { consortium, opportunity } = await visibleConsortium(store, actor, consortiumId);
  const mergedInto = consortium.history.flatMap((entry) => (entry.action === 'merged' ? [entry.detail] : []));
  const ids = [...consortium.members.map((member) => member.organisationId), ...consortium.history.map((entry) => entry.organisationId), ...mergedInto];
  if (actsForOrganisation(actor)) ids.push(actor.organisationId);
  const [organisations, [summary], membership] = await Promise.all([
    organisationSummaries(store, ids),
    consortiumSummaries(store, [consortium], new Map([[opportunity._id, opportunity.title]])),
    actsForOrganisation(actor) ? membershipOf(store, actor.organisationId, actor.userId) : null,
  ]);
  if (!summary) throw new Error('consortium summary missing');
  const status = memberStatusOf(actor, consortium);
  const actsAs = mayActForPartner(actor, membership) ? refOf(organisations, actor.organisationId) : null;
  const open = (member: { status: string }) => member.status === 'invited' || member.status === 'confirmed';
  return {
    ...summary,
    members: consortium.members.map((member) => ({
      organisation: refOf(organisations, member.organisationId),
      role: member.role,
      status: member.status,
      choice: member.choice,
      invitedAt: member.invitedAt,
      decidedAt: member.decidedAt,
    })),
    history: consortium.history.map((entry) => ({
      at: entry.at,
      organisation: refOf(organisations, entry.organisationId),
      action: entry.action,
      // A merge's record names the survivor by id; the reader is shown its name.
      detail: entry.action === 'merged' ? refOf(organisations, entry.detail).name : entry.detail,
    })),
    viewer: {
      actsAs,
      status,
      isLead: actsAs !== null && actsAs.id === consortium.leadOrganisationId,
      choice: consortium.members.find((member) => actsAs !== null && member.organisationId === actsAs.id && open(member))?.choice ?? null,
      canConfirm: mayAnswerInvitation(actor, membership, consortium),
      canLeave: mayLeaveConsortium(actor, membership, consortium),
      canRemove: mayLeadConsortium(actor, membership, consortium),
      canInvite: mayLeadConsortium(actor, membership, consortium),
      canChooseVisibility: mayChooseConsortiumVisibility(actor, membership, consortium),
    },
  };
}

function profileSummary(profile: CapabilityProfileDocument, organisations: Map<string, OrganisationSummary>, interested: boolean): CapabilityProfileSummary {
  return {
    organisation: refOf(organisations, profile._id),
    summary: profile.summary,
    competences: profile.competences,
    arenaIds: profile.arenaIds,
    version: profile.version,
    updatedAt: profile.updatedAt,
    interested,
  };
}

/** A profile is public, as the organisation's page is; earlier versions stay readable. */
export async function getCapabilityProfile(store: Readable, actor: Actor | null, organisationId: string, version?: number): Promise<CapabilityProfileView> {
  const profile = await store.collection<CapabilityProfileDocument>(CAPABILITY_PROFILES).findOne({ _id: organisationId });
  if (!profile) throw new AppError('NOT_FOUND', 'No such capability profile');
  const [versions, merged, membership] = await Promise.all([
    store.collection<CapabilityProfileVersionDocument>(CAPABILITY_PROFILE_VERSIONS).find({ organisationId }, { sort: { version: -1 } }),
    // Profiles of organisations merged into this one, kept as history (consortia/merge-processor.ts).
    store.collection<CapabilityProfileDocument>(CAPABILITY_PROFILES).find({ 'supersededBy.organisationId': organisationId }, { sort: { _id: 1 } }),
    actsForOrganisation(actor) && actor.organisationId === organisationId ? membershipOf(store, organisationId, actor.userId) : null,
  ]);
  const supersededBy = profile.supersededBy?.organisationId ?? null;
  const organisations = await organisationSummaries(store, [organisationId, ...merged.map((entry) => entry._id), ...(supersededBy ? [supersededBy] : [])]);
  const shown = versions.find((candidate) => candidate.version === (version ?? profile.version));
  if (!shown) throw new AppError('NOT_FOUND', 'No such version');
  return {
    ...profileSummary(profile, organisations, false),
    summary: shown.summary,
    competences: shown.competences,
    arenaIds: shown.arenaIds,
    references: shown.references,
    publishedAt: profile.publishedAt,
    shown: { version: shown.version, at: shown.at },
    versions: versions.map((entry) => ({ version: entry.version, at: entry.at })),
    supersededBy: supersededBy ? refOf(organisations, supersededBy) : null,
    mergedProfiles: merged.map((entry) => refOf(organisations, entry._id)),
    viewer: { canEdit: supersededBy === null && mayActForPartner(actor, membership) && actor.organisationId === organisationId },
  };
}

const PROFILE_PAGE = 100;

/**
 * Partner finding: profiles in an arena (by index), with every word asked for found in one of
 * their competences. The words are matched in code against lower-cased competences, never handed
 * to the store as a pattern, so nothing typed becomes an operator or a regular expression.
 */
export async function findProfiles(store: Readable, actor: Actor | null, input: FindProfilesInput): Promise<CapabilityProfileSummary[]> {
  const interested = new Set<string>();
  if (input.opportunityId) {
    const opportunity = await visibleOpportunity(store, actor, input.opportunityId);
    for (const interest of await interestsOf(store, [opportunity._id])) interested.add(interest.organisationId);
  }
  // A profile superseded by an organisation merge is history: the survivor's is the one found.
  const filter: Record<string, unknown> = { supersededBy: null };
  if (input.arenaId) filter.arenaIds = input.arenaId;
  if (input.interestedOnly) filter._id = { $in: [...interested] };
  const profiles = await store.collection<CapabilityProfileDocument>(CAPABILITY_PROFILES).find(filter, { sort: { updatedAt: -1 } });
  const words = input.competence.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
  const matching = profiles.filter((profile) => words.every((word) => profile.competenceKeys.some((key) => key.includes(word)))).slice(0, PROFILE_PAGE);
  const organisations = await organisationSummaries(store, matching.map((profile) => profile._id));
  return matching.map((profile) => profileSummary(profile, organisations, interested.has(profile._id)));
}

/** Public consortia as an anonymous visitor sees them: those whose opportunity is hidden from the public are left out. */
export async function publicConsortiumSummaries(store: Readable, consortia: ConsortiumDocument[]): Promise<ConsortiumSummary[]> {
  const opportunities = await store.collection<OpportunityDocument>(OPPORTUNITIES).find({ _id: { $in: [...new Set(consortia.map((consortium) => consortium.opportunityId))] } });
  const resolved = await resolveOpportunities(store, null, opportunities);
  const shown = consortia.filter((consortium) => {
    const opportunity = resolved.get(consortium.opportunityId);
    return opportunity !== undefined && canViewConsortium(null, consortium, opportunity.buyers);
  });
  return consortiumSummaries(store, shown, new Map([...resolved.values()].map((opportunity) => [opportunity._id, opportunity.title])));
}

/** Opportunities as an anonymous visitor sees them, with their interest counts. */
export async function publicOpportunitySummaries(store: Readable, opportunities: OpportunityDocument[]): Promise<OpportunitySummary[]> {
  const resolved = await resolveOpportunities(store, null, opportunities);
  const counts = new Map<string, number>();
  for (const interest of await interestsOf(store, [...resolved.keys()])) counts.set(interest.opportunityId, (counts.get(interest.opportunityId) ?? 0) + 1);
  return opportunities.flatMap((opportunity) => {
    const found = resolved.get(opportunity._id);
    return found ? [opportunitySummary(found, counts.get(found._id) ?? 0)] : [];
  });
}

/** An arena's opportunities the viewer may see, and the public consortia formed for them. */
export async function consortiaOfArena(store: Readable, actor: Actor | null, arenaId: ArenaId): Promise<ConsortiaArenaView> {
  const [opportunities, consortia] = await Promise.all([
    store.collection<OpportunityDocument>(OPPORTUNITIES).find({ arenaId }, { sort: { publishedAt: -1 }, limit: 50 }),
    store.collection<ConsortiumDocument>(CONSORTIA).find({ arenaId, visibility: 'public' }, { sort: { createdAt: -1 }, limit: 50 }),
  ]);
  const resolved = await resolveOpportunities(store, actor, opportunities);
  const ofConsortia = await resolveOpportunities(
    store,
    actor,
    await store.collection<OpportunityDocument>(OPPORTUNITIES).find({ _id: { $in: [...new Set(consortia.map((consortium) => consortium.opportunityId))] } }),
  );
  const interests = await interestsOf(store, [...resolved.keys()]);
  const counts = new Map<string, number>();
  for (const interest of interests) counts.set(interest.opportunityId, (counts.get(interest.opportunityId) ?? 0) + 1);
  const shown = consortia.filter((consortium) => ofConsortia.has(consortium.opportunityId));
  const titles = new Map([...ofConsortia.values()].map((opportunity) => [opportunity._id, opportunity.title]));
  return {
    opportunities: opportunities.flatMap((opportunity) => {
      const found = resolved.get(opportunity._id);
      return found ? [opportunitySummary(found, counts.get(found._id) ?? 0)] : [];
    }),
    consortia: await consortiumSummaries(store, shown, titles),
    viewer: { canPublishOpportunity: mayPublishOpportunity(actor) },
  };
}

/** The acting organisation's profile, its open invitations and the consortia it is or was in. */
export async function myConsortia(store: Readable, actor: Actor | null): Promise<MyConsortiaView> {
  const actsAs = await actingPartner(store, actor);
  if (!actsForOrganisation(actor)) return { actsAs: null, canAct: false, profile: null, invitations: [], consortia: [] };
  const organisationId = actor.organisationId;
  const [profile, consortia, organisations] = await Promise.all([
    store.collection<CapabilityProfileDocument>(CAPABILITY_PROFILES).findOne({ _id: organisationId }),
    store.collection<ConsortiumDocument>(CONSORTIA).find({ 'members.organisationId': organisationId }, { sort: { createdAt: -1 }, limit: 100 }),
    organisationSummaries(store, [organisationId]),
  ]);
  const resolved = await resolveOpportunities(
    store,
    actor,
    await store.collection<OpportunityDocument>(OPPORTUNITIES).find({ _id: { $in: [...new Set(consortia.map((consortium) => consortium.opportunityId))] } }),
  );
  // A former member no longer sees a consortium kept to the buyer: it is listed only while visible.
  const shown = consortia.filter((consortium) => {
    const opportunity = resolved.get(consortium.opportunityId);
    return opportunity !== undefined && canViewConsortium(actor, consortium, opportunity.buyers);
  });
  const titles = new Map([...resolved.values()].map((opportunity) => [opportunity._id, opportunity.title]));
  const summaries = await consortiumSummaries(store, shown, titles);
  const statusOf = new Map(shown.map((consortium) => [consortium._id, memberStatusOf(actor, consortium) ?? 'invited']));
  return {
    actsAs: actsAs ?? refOf(organisations, organisationId),
    canAct: actsAs !== null,
    profile: profile ? profileSummary(profile, organisations, false) : null,
    invitations: summaries.filter((summary) => statusOf.get(summary.id) === 'invited'),
    consortia: summaries.flatMap((summary) => {
      const status = statusOf.get(summary.id) ?? 'invited';
      return status === 'invited' ? [] : [{ ...summary, status }];
    }),
  };
}
