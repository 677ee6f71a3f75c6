// What consortia keep about a person, for their own data export: the profile versions they saved,
// the interest they declared, the consortium steps they took, each for their organisation, and the
// edits and withdrawals of opportunities they made.
// These are the organisations' record (kept after an erasure, under "Removed user N"); nothing here
// holds an address or anything else of the person beyond their id.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import {
  CAPABILITY_PROFILE_VERSIONS,
  CONSORTIA,
  INTERESTS,
  OPPORTUNITIES,
  OPPORTUNITY_REVISIONS,
  type CapabilityProfileVersionDocument,
  type ConsortiumDocument,
  type InterestDocument,
  type OpportunityDocument,
  type OpportunityRevisionDocument,
} from './documents.ts';

export async function consortiaPersonalData(store: DocumentStore, userId: string) {
  const [versions, interests, consortia, edits, withdrawn] = await Promise.all([
    store.collection<CapabilityProfileVersionDocument>(CAPABILITY_PROFILE_VERSIONS).find({ by: userId }, { sort: { at: 1 } }),
    store.collection<InterestDocument>(INTERESTS).find({ by: userId }, { sort: { at: 1 } }),
    store.collection<ConsortiumDocument>(CONSORTIA).find({ 'history.by': userId }, { sort: { createdAt: 1 } }),
    store.collection<OpportunityRevisionDocument>(OPPORTUNITY_REVISIONS).find({ by: userId }, { sort: { at: 1 } }),
    store.collection<OpportunityDocument>(OPPORTUNITIES).find({ 'withdrawal.by': userId }, { sort: { publishedAt: 1 } }),
  ]);
  return {
    capabilityProfileVersions: versions.map((version) => ({ organisationId: version.organisationId, version: version.version, at: version.at })),
    consortiumInterests: interests.map((interest) => ({ opportunityId: interest.opportunityId, organisationId: interest.organisationId, interested: interest.interested, note: interest.note, at: interest.at })),
    consortiumSteps: consortia.flatMap((consortium) =>
      consortium.history
        .filter((entry) => entry.by === userId)
        .map((entry) => ({ consortiumId: consortium._id, name: consortium.name, at: entry.at, organisationId: entry.organisationId, action: entry.action, detail: entry.detail })),
    ),
    opportunityEdits: edits.map((edit) => ({ opportunityId: edit.opportunityId, version: edit.version, at: edit.at, note: edit.note })),
    opportunityWithdrawals: withdrawn.map((opportunity) => ({ opportunityId: opportunity._id, title: opportunity.title, at: opportunity.withdrawal?.at ?? '', reason: opportunity.withdrawal?.reason ?? '' })),
  };
}
