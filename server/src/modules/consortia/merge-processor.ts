// When a moderator merges a duplicate organisation into the one it duplicates
// (organisations/merge-command.ts), what it holds here is the survivor's, and nothing is lost:
//
// - Facility procurements a duplicate buyer published: the survivor is their buyer, so its people
//   (members of the survivor now) and the survivor's keep editing them. An opportunity of a dialogue
//   follows the dialogue's owners, which the merge moves itself.
// - The capability profile: one organisation has one profile. If only the duplicate had one, its
//   current text becomes the survivor's (version 1, by the person who wrote it). If both had one,
//   the survivor's stands: it is what the surviving organisation said of itself most recently under
//   its own name, and mixing two profiles' competences would publish claims nobody wrote. Either way
//   the duplicate's profile is marked superseded, not deleted: it and every version of it stay
//   readable (competences, references), linked from the survivor's, and only partner search leaves
//   it out, so the same organisation is not found twice.
// - Declared interest: moved to the survivor. Where the survivor had declared interest in the same
//   opportunity, the survivor's stands (its own note); the duplicate's is closed with the merge as
//   its recorded reason.
// - Consortium membership and lead: moved to the survivor. Where both were in the same consortium,
//   one membership remains: the stronger standing (confirmed, then invited), the lead role if either
//   led, and, if both had confirmed with different visibilities, "to the buyer only" — the choice
//   that shows less, since turning a member's "buyer only" into "public" would publish what it
//   chose to keep. The consortium's history records the merge and keeps every earlier entry under
//   the duplicate's id.
//
// Each move is one transaction that finds what it moves only while it still names the duplicate,
// with an event of its own, so an event handled again (after a restart) moves and records nothing.
import { appendEvent } from '../../platform/events/event-log.ts';
import { organisationMergeReaction, type OrganisationMerge } from '../../platform/events/merge-reaction.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { ConsortiaDeps } from './commands.ts';
import { change } from './consortium-commands.ts';
import {
  CAPABILITY_PROFILE_VERSIONS,
  CAPABILITY_PROFILES,
  CONSORTIA,
  INTERESTS,
  interestId,
  OPPORTUNITIES,
  profileVersionId,
  type CapabilityProfileDocument,
  type CapabilityProfileVersionDocument,
  type ConsortiumDocument,
  type ConsortiumMember,
  type InterestDocument,
  type OpportunityDocument,
} from './documents.ts';

export const CONSORTIA_MERGE = 'consortia-merge';

export function consortiaMergeProcessor(deps: ConsortiaDeps): EventProcessor {
  return organisationMergeReaction(
    CONSORTIA_MERGE,
    async (merge) => {
      // Each runs to its end: one that moved nothing must not keep the next from running.
      const moved = [await moveOpportunities(deps, merge), await moveProfile(deps, merge), await moveInterests(deps, merge), await moveMemberships(deps, merge)];
      return moved.some(Boolean);
    },
    deps.onCommit,
  );
}

async function moveOpportunities(deps: ConsortiaDeps, { from, into }: OrganisationMerge): Promise<boolean> {
  let moved = false;
  for (const found of await deps.store.collection<OpportunityDocument>(OPPORTUNITIES).find({ buyerOrganisationIds: from })) {
    const at = deps.clock.now().toISOString();
    const done = await deps.store.withTransaction(async (scope) => {
      const opportunities = scope.collection<OpportunityDocument>(OPPORTUNITIES);
      const opportunity = await opportunities.findOne({ _id: found._id, buyerOrganisationIds: from });
      if (!opportunity) return false;
      const buyers = [...new Set(opportunity.buyerOrganisationIds.map((id) => (id === from ? into : id)))];
      await opportunities.updateOne({ _id: opportunity._id }, { $set: { buyerOrganisationIds: buyers } });
      await appendEvent(scope, 'consortium.opportunity_buyer_merged', null, { opportunityId: opportunity._id, organisationId: from, intoOrganisationId: into }, at);
      return true;
    });
    if (done) moved = true;
  }
  return moved;
}

async function moveProfile(deps: ConsortiaDeps, { from, into, by }: OrganisationMerge): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  return deps.store.withTransaction(async (scope) => {
    const profiles = scope.collection<CapabilityProfileDocument>(CAPABILITY_PROFILES);
    const duplicate = await profiles.findOne({ _id: from, supersededBy: null });
    if (!duplicate) return false;
    const carried = !(await profiles.findOne({ _id: into }));
    if (carried) {
      const versions = scope.collection<CapabilityProfileVersionDocument>(CAPABILITY_PROFILE_VERSIONS);
      const current = await versions.findOne({ _id: profileVersionId(from, duplicate.version) });
      const { summary, competences, competenceKeys, references, arenaIds } = duplicate;
      await profiles.insertOne({ _id: into, summary, competences, competenceKeys, references, arenaIds, version: 1, publishedAt: at, updatedAt: at });
      await versions.insertOne({
        _id: profileVersionId(into, 1),
        organisationId: into,
        version: 1,
        summary,
        competences,
        references,
        arenaIds,
        at,
        by: current?.by ?? by,
      });
    }
    await profiles.updateOne({ _id: from }, { $set: { supersededBy: { organisationId: into, at, by } } });
    await appendEvent(scope, 'consortium.profile_merged', null, { organisationId: from, intoOrganisationId: into, carried: String(carried), by }, at);
    return true;
  });
}

async function moveInterests(deps: ConsortiaDeps, { from, into, by }: OrganisationMerge): Promise<boolean> {
  let moved = false;
  for (const found of await deps.store.collection<InterestDocument>(INTERESTS).find({ organisationId: from, interested: true })) {
    const at = deps.clock.now().toISOString();
    const done = await deps.store.withTransaction(async (scope) => {
      const interests = scope.collection<InterestDocument>(INTERESTS);
      const duplicate = await interests.findOne({ _id: found._id, interested: true });
      if (!duplicate) return false;
      const survivor = await interests.findOne({ _id: interestId(duplicate.opportunityId, into) });
      const survivorStands = survivor?.interested === true;
      if (!survivorStands) {
        // The declaration keeps who made it, when and with what note; only the organisation changes.
        await interests.updateOne(
          { _id: interestId(duplicate.opportunityId, into) },
          { $set: { interested: true, note: duplicate.note, at: duplicate.at, by: duplicate.by, closed: null }, $setOnInsert: { opportunityId: duplicate.opportunityId, organisationId: into } },
          { upsert: true },
        );
      }
      await interests.updateOne({ _id: duplicate._id }, { $set: { interested: false, closed: { reason: 'merged', intoOrganisationId: into, at, by } } });
      const subject = { opportunityId: duplicate.opportunityId, organisationId: from, intoOrganisationId: into, kept: survivorStands ? 'survivor' : 'duplicate', by };
      await appendEvent(scope, 'consortium.interest_merged', null, subject, at);
      return true;
    });
    if (done) moved = true;
  }
  return moved;
}

/** How much a standing still counts: a confirmed member over an invitation over one that ended. */
const STANDING: Record<ConsortiumMember['status'], number> = { confirmed: 2, invited: 1, declined: 0, left: 0, removed: 0 };

/** One membership out of both organisations' in the same consortium (the rule is in the file's comment). */
function joined(duplicate: ConsortiumMember, survivor: ConsortiumMember, into: string): ConsortiumMember {
  const base = STANDING[duplicate.status] > STANDING[survivor.status] ? duplicate : survivor;
  const role = duplicate.role === 'lead' || survivor.role === 'lead' ? 'lead' : 'member';
  const bothConfirmed = duplicate.status === 'confirmed' && survivor.status === 'confirmed';
  const choice = bothConfirmed && duplicate.choice !== survivor.choice ? 'buyer' : base.choice;
  return { ...base, organisationId: into, role, choice };
}

async function moveMemberships(deps: ConsortiaDeps, { from, into, by }: OrganisationMerge): Promise<boolean> {
  let moved = false;
  for (const found of await deps.store.collection<ConsortiumDocument>(CONSORTIA).find({ 'members.organisationId': from })) {
    const at = deps.clock.now().toISOString();
    const done = await deps.store.withTransaction(async (scope) => {
      const consortium = await scope.collection<ConsortiumDocument>(CONSORTIA).findOne({ _id: found._id });
      const duplicate = consortium?.members.find((member) => member.organisationId === from);
      if (!consortium || !duplicate) return false;
      const survivor = consortium.members.find((member) => member.organisationId === into);
      const merged = survivor ? joined(duplicate, survivor, into) : { ...duplicate, organisationId: into };
      // The one membership takes the place of the earlier of the two.
      const first = consortium.members.find((member) => member === duplicate || member === survivor);
      const members = consortium.members.flatMap((member) => (member === first ? [merged] : member === duplicate || member === survivor ? [] : [member]));
      const lead = consortium.leadOrganisationId === from ? into : consortium.leadOrganisationId;
      await change(scope, consortium, members, [{ at, by, organisationId: from, action: 'merged', detail: into }], 'consortium.member_merged', { organisationId: from, intoOrganisationId: into, by }, lead);
      return true;
    });
    if (done) moved = true;
  }
  return moved;
}
