// Capability profiles and opportunities. Each command checks the policy, writes its state and
// appends its event (ids only) in one transaction. A saved profile is a new version beside the
// earlier ones; withdrawn interest keeps its document.
import type { PublishOpportunityInput, SaveCapabilityProfileInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayActForPartner, mayOpenDialogueOpportunity, mayPublishOpportunity } from '../../platform/policy/consortia-policy.ts';
import { actsForOrganisation, isVerifiedBuyer, type MemberActor } from '../../platform/policy/policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { membershipOf } from '../organisations/queries.ts';
import {
  CAPABILITY_PROFILE_VERSIONS,
  CAPABILITY_PROFILES,
  CONSORTIA,
  dialogueOpportunityId,
  INTERESTS,
  interestId,
  OPPORTUNITIES,
  OPPORTUNITY_REVISIONS,
  profileVersionId,
  type CapabilityProfileDocument,
  type CapabilityProfileVersionDocument,
  type InterestDocument,
  type OpportunityDocument,
} from './documents.ts';
import { requireOpen } from './opportunity-commands.ts';
import { visibleOpportunity } from './queries.ts';

export type ConsortiaDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export const NOT_AN_ADMIN = 'Only an admin of a supplier or research organisation acts for it in consortia';

/** The acting admin of a supplier or research organisation, or FORBIDDEN. */
export async function requirePartnerAdmin(scope: Pick<TransactionScope, 'collection'>, actor: Actor | null): Promise<MemberActor> {
  const membership = actsForOrganisation(actor) ? await membershipOf(scope, actor.organisationId, actor.userId) : null;
  if (!mayActForPartner(actor, membership)) throw new AppError('FORBIDDEN', NOT_AN_ADMIN);
  return actor;
}

export async function saveCapabilityProfile(deps: ConsortiaDeps, actor: Actor | null, input: SaveCapabilityProfileInput): Promise<number> {
  const at = deps.clock.now().toISOString();
  let version = 0;
  await deps.store.withTransaction(async (scope) => {
    const admin = await requirePartnerAdmin(scope, actor);
    const profiles = scope.collection<CapabilityProfileDocument>(CAPABILITY_PROFILES);
    const current = await profiles.findOne({ _id: admin.organisationId });
    version = (current?.version ?? 0) + 1;
    const fields = {
      summary: input.summary,
      competences: input.competences,
      competenceKeys: input.competences.map((competence) => competence.toLocaleLowerCase('sv')),
      references: input.references,
      arenaIds: input.arenaIds,
      version,
      updatedAt: at,
    };
    if (current) {
      // The version is in the filter, so two saves made at once cannot both become n + 1.
      const updated = await profiles.updateOne({ _id: current._id, version: current.version }, { $set: fields });
      if (updated.matchedCount !== 1) throw new Error('capability profile changed during its save');
    } else {
      await profiles.insertOne({ _id: admin.organisationId, ...fields, publishedAt: at });
    }
    await scope.collection<CapabilityProfileVersionDocument>(CAPABILITY_PROFILE_VERSIONS).insertOne({
      _id: profileVersionId(admin.organisationId, version),
      organisationId: admin.organisationId,
      version,
      summary: input.summary,
      competences: input.competences,
      references: input.references,
      arenaIds: input.arenaIds,
      at,
      by: admin.userId,
    });
    await appendEvent(scope, 'consortium.profile_saved', null, { organisationId: admin.organisationId, version: String(version), by: admin.userId }, at);
  });
  deps.onCommit();
  return version;
}

export async function publishOpportunity(deps: ConsortiaDeps, actor: Actor | null, input: PublishOpportunityInput): Promise<string> {
  if (!mayPublishOpportunity(actor)) throw new AppError('FORBIDDEN', 'Only verified buyers and moderators publish opportunities');
  const opportunityId = newId();
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    await scope.collection<OpportunityDocument>(OPPORTUNITIES).insertOne({
      _id: opportunityId,
      source: 'facility',
      dialogueId: null,
      title: input.title,
      facility: input.facility,
      description: input.description,
      arenaId: input.arenaId,
      expectedAt: input.expectedAt,
      // A buyer publishes for its organisation, which then sees consortia kept to the buyer; a moderator's has none.
      buyerOrganisationIds: isVerifiedBuyer(actor) ? [actor.organisationId] : [],
      publishedBy: actor.userId,
      publishedAt: at,
      version: 1,
      withdrawal: null,
    });
    await appendEvent(scope, 'consortium.opportunity_published', null, { opportunityId, by: actor.userId }, at);
  });
  deps.onCommit();
  return opportunityId;
}

/** Any dialogue one may see can be an opportunity: this gives it its page here, once. */
export async function openDialogueOpportunity(deps: ConsortiaDeps, actor: Actor | null, dialogueId: string): Promise<string> {
  if (!mayOpenDialogueOpportunity(actor)) throw new AppError('FORBIDDEN', 'A confirmed address is needed');
  const at = deps.clock.now().toISOString();
  const opportunityId = dialogueOpportunityId(dialogueId);
  let opened = false;
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, dialogueId);
    const opportunities = scope.collection<OpportunityDocument>(OPPORTUNITIES);
    if (await opportunities.findOne({ _id: opportunityId })) return;
    await opportunities.insertOne({
      _id: opportunityId,
      source: 'dialogue',
      dialogueId: dialogue._id,
      // Title, description, arena and buyers are read from the dialogue as it is; these are what it was.
      title: dialogue.title,
      facility: null,
      description: dialogue.description,
      arenaId: dialogue.arenaId,
      expectedAt: null,
      buyerOrganisationIds: [],
      publishedBy: actor.userId,
      publishedAt: at,
      version: 1,
      withdrawal: null,
    });
    await appendEvent(scope, 'consortium.opportunity_published', null, { opportunityId, dialogueId: dialogue._id, by: actor.userId }, at);
    opened = true;
  });
  if (opened) deps.onCommit();
  return opportunityId;
}

export async function declareInterest(deps: ConsortiaDeps, actor: Actor | null, opportunityId: string, interested: boolean, note: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const opportunity = await visibleOpportunity(scope, actor, opportunityId);
    const admin = await requirePartnerAdmin(scope, actor);
    // Interest may still be withdrawn from a withdrawn opportunity; none is newly declared.
    if (interested) requireOpen(opportunity);
    const interests = scope.collection<InterestDocument>(INTERESTS);
    const _id = interestId(opportunity._id, admin.organisationId);
    const current = await interests.findOne({ _id });
    if (!current && !interested) return;
    if (current && current.interested === interested && current.note === note) return;
    await interests.updateOne(
      { _id },
      { $set: { interested, note, at, by: admin.userId }, $setOnInsert: { opportunityId: opportunity._id, organisationId: admin.organisationId } },
      { upsert: true },
    );
    await appendEvent(scope, 'consortium.interest_declared', null, { opportunityId: opportunity._id, organisationId: admin.organisationId, interested: String(interested), by: admin.userId }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

export async function ensureConsortiaIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(CAPABILITY_PROFILES, [{ keys: { arenaIds: 1 }, name: 'arena' }, { keys: { updatedAt: -1 }, name: 'updated' }]);
  await store.ensureIndexes(CAPABILITY_PROFILE_VERSIONS, [{ keys: { organisationId: 1, version: -1 }, name: 'organisation' }, { keys: { by: 1 }, name: 'author' }]);
  await store.ensureIndexes(OPPORTUNITIES, [{ keys: { arenaId: 1, publishedAt: -1 }, name: 'arena' }, { keys: { publishedBy: 1 }, name: 'publisher' }]);
  await store.ensureIndexes(OPPORTUNITY_REVISIONS, [{ keys: { opportunityId: 1, version: -1 }, name: 'opportunity' }, { keys: { by: 1 }, name: 'editor' }]);
  await store.ensureIndexes(INTERESTS, [{ keys: { opportunityId: 1, interested: 1 }, name: 'opportunity' }, { keys: { by: 1 }, name: 'person' }]);
  await store.ensureIndexes(CONSORTIA, [
    { keys: { opportunityId: 1, createdAt: 1 }, name: 'opportunity' },
    { keys: { arenaId: 1, visibility: 1, createdAt: -1 }, name: 'arena' },
    { keys: { 'members.organisationId': 1 }, name: 'member' },
    { keys: { 'history.by': 1 }, name: 'person' },
  ]);
}
