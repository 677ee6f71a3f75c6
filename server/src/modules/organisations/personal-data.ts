// What the organisations module holds about a person (their memberships and requests to join), for
// the person's own data export and for erasure. The accounts module reads and ends these through
// here, not through the collections.
import { AppError } from '../../platform/app-error.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { JOIN_REQUESTS, MEMBERSHIPS, ORGANISATIONS, type JoinRequestDocument, type MembershipDocument, type OrganisationDocument } from './documents.ts';

export async function organisationsPersonalData(store: DocumentStore, userId: string) {
  const [memberships, joinRequests] = await Promise.all([
    store.collection<MembershipDocument>(MEMBERSHIPS).find({ userId }),
    store.collection<JoinRequestDocument>(JOIN_REQUESTS).find({ userId }),
  ]);
  const ids = [...new Set([...memberships, ...joinRequests].map((item) => item.organisationId))];
  const organisations = ids.length ? await store.collection<OrganisationDocument>(ORGANISATIONS).find({ _id: { $in: ids } }) : [];
  const nameOf = new Map(organisations.map((organisation) => [organisation._id, organisation.name]));
  return {
    organisations: memberships.map((m) => ({ id: m.organisationId, name: nameOf.get(m.organisationId) ?? '', role: m.role, since: m.createdAt })),
    joinRequests: joinRequests.map((r) => ({ organisation: nameOf.get(r.organisationId) ?? '', status: r.status, at: r.createdAt })),
  };
}

/**
 * An erased person leaves every organisation and their pending requests are declined. The last
 * owner of an organisation with other members must hand over ownership first, as when leaving.
 */
export async function leaveOrganisationsOnErasure(scope: TransactionScope, userId: string, now: string): Promise<void> {
  const memberships = scope.collection<MembershipDocument>(MEMBERSHIPS);
  for (const membership of await memberships.find({ userId, role: 'owner' })) {
    const otherOwners = await memberships.countDocuments({ organisationId: membership.organisationId, role: 'owner', userId: { $ne: userId } });
    const others = await memberships.countDocuments({ organisationId: membership.organisationId, userId: { $ne: userId } });
    if (otherOwners === 0 && others > 0) {
      throw new AppError('LAST_OWNER', 'Hand over ownership of your organisation before your account is removed');
    }
  }
  await memberships.deleteMany({ userId });
  const requests = scope.collection<JoinRequestDocument>(JOIN_REQUESTS);
  for (const request of await requests.find({ userId, status: 'pending' })) {
    await requests.updateOne({ _id: request._id }, { $set: { status: 'declined', decidedAt: now } });
  }
}
