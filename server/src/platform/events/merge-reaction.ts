// A module's reaction to a moderator merging a duplicate organisation into the one it duplicates
// (`organisation.merged`): the module moves what it holds of the duplicate to the survivor through
// its own transactions, each recording an event of its own, and says whether anything moved (then
// the dispatcher is told of those events at once). Delivery is at least once, so `move` must find
// only what still names the duplicate: handling the event again then moves and records nothing.
import type { DomainEvent } from './event-log.ts';
import type { EventProcessor } from './processor.ts';

/** The duplicate, the organisation it was merged into, and the moderator who merged them. */
export type OrganisationMerge = { from: string; into: string; by: string };

export function organisationMergeReaction(name: string, move: (merge: OrganisationMerge) => Promise<boolean>, onCommit: () => void): EventProcessor {
  return {
    name,
    async handle(event: DomainEvent) {
      const { organisationId: from, intoOrganisationId: into, by } = event.subject;
      if (event.type !== 'organisation.merged' || !from || !into) return;
      if (await move({ from, into, by: by ?? '' })) onCommit();
    },
  };
}
