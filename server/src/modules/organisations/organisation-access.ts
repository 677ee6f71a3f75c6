// Finding the organisation a command is about, as the caller may know it: a merged duplicate is
// gone for every purpose but its own page (which says where it went), and an organisation's
// management answers to anyone but its owners as if the thing asked about did not exist.
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { managesOrganisation } from '../../platform/policy/policy.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { MEMBERSHIPS, membershipId, ORGANISATIONS, type MembershipDocument, type OrganisationDocument } from './documents.ts';

export async function liveOrganisation(scope: Pick<TransactionScope, 'collection'>, organisationId: string): Promise<OrganisationDocument> {
  const organisation = await scope.collection<OrganisationDocument>(ORGANISATIONS).findOne({ _id: organisationId, mergedInto: null });
  if (!organisation) throw new AppError('NOT_FOUND', 'No such organisation');
  return organisation;
}

/**
 * Owners manage their organisation; to anyone else it answers as if it did not exist — or, when
 * the caller named something inside it (a join request), as if that did not exist.
 */
export async function requireOwner(
  scope: Pick<TransactionScope, 'collection'>,
  actor: Actor,
  organisationId: string,
  notFoundMessage = 'No such organisation',
): Promise<OrganisationDocument> {
  const organisation = await liveOrganisation(scope, organisationId);
  const membership = await scope.collection<MembershipDocument>(MEMBERSHIPS).findOne({ _id: membershipId(organisationId, actor.userId) });
  if (!managesOrganisation(membership)) throw new AppError('NOT_FOUND', notFoundMessage);
  return organisation;
}
