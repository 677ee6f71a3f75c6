// When a moderator merges a duplicate buyer organisation into the one it duplicates
// (organisations/merge-command.ts), the facility procurements it published as opportunities are the
// survivor's: its people (members of the survivor now) keep editing and withdrawing them, and the
// survivor's people may too. An opportunity of a dialogue follows the dialogue's owners, which the
// merge moves itself. Revisions keep who made them. Each opportunity moves in one transaction that
// finds it only while it still names the duplicate, so an event handled again moves nothing.
//
// Not moved here (yet): capability profiles, interests and consortium memberships, where both
// records may hold one and which one stands needs a rule of its own (the duplicate's stay as they
// were, under its id).
import { appendEvent } from '../../platform/events/event-log.ts';
import { organisationMergeReaction, type OrganisationMerge } from '../../platform/events/merge-reaction.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { ConsortiaDeps } from './commands.ts';
import { OPPORTUNITIES, type OpportunityDocument } from './documents.ts';

export const CONSORTIA_MERGE = 'consortia-merge';

export function consortiaMergeProcessor(deps: ConsortiaDeps): EventProcessor {
  return organisationMergeReaction(CONSORTIA_MERGE, (merge) => moveOpportunities(deps, merge), deps.onCommit);
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
