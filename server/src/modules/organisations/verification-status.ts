// Whether a verification still holds for the organisation as it is now: a moderator verified a
// name and a number, and a buyer renamed or renumbered since goes back to the moderators.
import type { OrganisationDocument } from './documents.ts';

/** A verified buyer whose name or number is no longer what a moderator verified. */
export function changedSinceVerification(organisation: OrganisationDocument): boolean {
  if (!organisation.verified || !organisation.verifiedAs) return false;
  return organisation.verifiedAs.name !== organisation.name || organisation.verifiedAs.orgNumber !== organisation.orgNumber;
}
