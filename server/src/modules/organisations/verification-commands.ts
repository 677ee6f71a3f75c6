// Verification is a buyer matter: only contracting authorities a moderator has verified publish
// dialogues and answer officially. The owners ask (creating a buyer organisation asks), a moderator
// verifies or refuses with a reason the owners are told in the app (the event) and by mail; the
// owners correct what was wrong and ask again. A verified buyer that changes its name or number
// stays verified, so a procurement under way is not stopped, but is back in the moderators' queue
// until one of them confirms the new name or withdraws the verification (docs/architecture.md).
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { queueMail } from '../../platform/mail/outbox.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayVerifyOrganisation, mayVerifyOrganisations } from '../../platform/policy/policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { USERS, type UserDocument } from '../accounts/documents.ts';
import type { OrganisationDeps } from './commands.ts';
import { MEMBERSHIPS, membershipId, ORGANISATIONS, type MembershipDocument, type OrganisationDocument } from './documents.ts';
import { liveOrganisation, requireOwner } from './organisation-access.ts';
import { changedSinceVerification } from './verification-status.ts';
import { verificationRejectedMail } from './verification-mail.ts';

/** The owners of a rejected organisation ask again, once they have corrected what was wrong. */
export async function requestVerification(deps: OrganisationDeps, actor: Actor, organisationId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const organisation = await requireOwner(scope, actor, organisationId);
    if (organisation.kind !== 'buyer') throw new AppError('VALIDATION', 'Only contracting authorities are verified');
    if (organisation.verified || (organisation.verificationRequestedAt && !organisation.rejection)) return;
    await scope
      .collection<OrganisationDocument>(ORGANISATIONS)
      .updateOne({ _id: organisationId }, { $set: { verificationRequestedBy: actor.userId, verificationRequestedAt: at, rejection: null } });
    await appendEvent(scope, 'organisation.verification_requested', null, { organisationId, by: actor.userId }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

/** A moderator's check: never of an organisation they belong to (separation of duties). */
async function moderated(scope: TransactionScope, actor: Actor, organisationId: string): Promise<OrganisationDocument> {
  if (!mayVerifyOrganisations(actor)) throw new AppError('FORBIDDEN', 'Only moderators verify organisations');
  const organisation = await liveOrganisation(scope, organisationId);
  const membership = await scope.collection<MembershipDocument>(MEMBERSHIPS).findOne({ _id: membershipId(organisationId, actor.userId) });
  if (!mayVerifyOrganisation(actor, membership)) throw new AppError('FORBIDDEN', 'A moderator does not verify an organisation they belong to');
  return organisation;
}

export async function verifyOrganisation(deps: OrganisationDeps, actor: Actor | null, organisationId: string): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const organisation = await moderated(scope, actor, organisationId);
    const as = { name: organisation.name, orgNumber: organisation.orgNumber };
    // Verified as it is now already: nothing to record. Verified under another name: confirmed anew.
    if (organisation.verified && !changedSinceVerification(organisation)) return;
    await scope
      .collection<OrganisationDocument>(ORGANISATIONS)
      .updateOne({ _id: organisationId }, { $set: { verified: true, verifiedAt: at, verifiedBy: actor.userId, verifiedAs: as, rejection: null } });
    await appendEvent(scope, 'organisation.verified', null, { organisationId, by: actor.userId }, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

/** Refused, or a verification withdrawn: the owners are told why, in the app and by mail. */
export async function rejectVerification(deps: OrganisationDeps, actor: Actor | null, organisationId: string, reason: string): Promise<void> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  const now = deps.clock.now();
  const at = now.toISOString();
  await deps.store.withTransaction(async (scope) => {
    const organisation = await moderated(scope, actor, organisationId);
    if (organisation.kind !== 'buyer') throw new AppError('VALIDATION', 'Only contracting authorities are verified');
    // The same refusal again tells nobody anything new: nothing is recorded or mailed twice.
    if (!organisation.verified && organisation.rejection?.reason === reason) return;
    await scope.collection<OrganisationDocument>(ORGANISATIONS).updateOne(
      { _id: organisationId },
      { $set: { verified: false, verifiedAt: null, verifiedBy: null, verifiedAs: null, rejection: { at, by: actor.userId, reason } } },
    );
    const owners = await scope.collection<MembershipDocument>(MEMBERSHIPS).find({ organisationId, role: 'owner' });
    const people = await scope.collection<UserDocument>(USERS).find({ _id: { $in: owners.map((owner) => owner.userId) } });
    const link = `${deps.publicUrl}/organisations/${organisationId}`;
    for (const person of people) {
      if (person.erasedAt || person.blockedAt) continue;
      await queueMail(scope, verificationRejectedMail(person.email, person.name, organisation.name, reason, link, person.language), now);
    }
    // Ids only: the reason stays with the organisation, where its owners and moderators read it.
    await appendEvent(scope, 'organisation.verification_rejected', null, { organisationId, by: actor.userId }, at);
  });
  deps.onCommit();
}
