// Reader keys: how a search index holds "only these may find it" for a document not everyone who
// sees its dialogue may read, and which keys a searcher holds. A key names a group of people by a
// rule the policy decides on the searcher's current standing (the actor is read from the store for
// every request), never a person: leaving or being removed from an organisation, or being blocked,
// drops its keys at once, with nothing to re-index. The keys are only filtered on: they never
// reach a result, a snippet or a facet count.
import type { Actor } from './actor.ts';
import { actsForOrganisation, hasVerifiedEmail, isVerifiedBuyer } from './policy.ts';

/** Everyone who acts for the organisation. */
export function organisationReader(organisationId: string): string {
  return `org:${organisationId}`;
}

/** Those of the organisation who host its dialogues' sessions and meetings (`mayHostSessions` for a dialogue it owns). */
export function hostReader(organisationId: string): string {
  return `host:${organisationId}`;
}

/** The reader keys the actor holds now. */
export function searchReaders(actor: Actor | null): string[] {
  if (!actsForOrganisation(actor)) return [];
  const keys = [organisationReader(actor.organisationId)];
  // mayHostSessions without the dialogue: a document lists its dialogue's owners as hostReader.
  if (isVerifiedBuyer(actor) && hasVerifiedEmail(actor)) keys.push(hostReader(actor.organisationId));
  return keys;
}
