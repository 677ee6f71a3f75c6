// What consortia keep about a person, for their own data export: the profile versions they saved,
// the interest they declared and the consortium steps they took, each for their organisation.
// These are the organisations' record (kept after an erasure, under "Removed user N"); nothing here
// holds an address or anything else of the person beyond their id.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { CAPABILITY_PROFILE_VERSIONS, CONSORTIA, INTERESTS, type CapabilityProfileVersionDocument, type ConsortiumDocument, type InterestDocument } from './documents.ts';

export async function consortiaPersonalData(store: DocumentStore, userId: string) {
  const [versions, interests, consortia] = await Promise.all([
    store.collection<CapabilityProfileVersionDocument>(CAPABILITY_PROFILE_VERSIONS).find({ by: userId }, { sort: { at: 1 } }),
    store.collection<InterestDocument>(INTERESTS).find({ by: userId }, { sort: { at: 1 } }),
    store.collection<ConsortiumDocument>(CONSORTIA).find({ 'history.by': userId }, { sort: { createdAt: 1 } }),
  ]);
  return {
    capabilityProfileVersions: versions.map((version) => ({ organisationId: version.organisationId, version: version.version, at: version.at })),
    consortiumInterests: interests.map((interest) => ({ opportunityId: interest.opportunityId, organisationId: interest.organisationId, interested: interest.interested, note: interest.note, at: interest.at })),
    consortiumSteps: consortia.flatMap((consortium) =>
      consortium.history
        .filter((entry) => entry.by === userId)
        .map((entry) => ({ consortiumId: consortium._id, name: consortium.name, at: entry.at, organisationId: entry.organisationId, action: entry.action, detail: entry.detail })),
    ),
  };
}
