// Two records of one organisation (someone created it again instead of asking to join) are merged by
// a moderator: the duplicate's members, join requests, invitations, dialogues and posts move to the
// organisation it duplicates, and the duplicate stays, marked as merged, so its history and every link
// to it still lead somewhere. Nothing is lost; the merge is one event in the audit log.
//
// What other modules hold of the duplicate follows in their own reactions to that event
// (`organisation.merged`): the meetings it booked (meetings/merge-processor.ts), the relay
// projects it ran (relay/merge-processor.ts), the library items it published (library/merge-processor.ts),
// its standing in buyers' networks (networks/merge-processor.ts), the facility procurements it
// published for consortia, its capability profile, declared interests and consortium memberships
// and leads (consortia/merge-processor.ts). Their history
// (events, audit, earlier versions) keeps the duplicate's id, which leads here to the survivor.
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayMergeOrganisations } from '../../platform/policy/policy.ts';
import { USERS, type UserDocument } from '../accounts/documents.ts';
import { transferDialogueOwnership } from '../dialogues/ownership-transfer.ts';
import { transferPostAuthorship } from '../threads/authorship-transfer.ts';
import type { OrganisationDeps } from './commands.ts';
import {
  INVITATIONS,
  JOIN_REQUESTS,
  MEMBERSHIPS,
  membershipId,
  ORGANISATIONS,
  type InvitationDocument,
  type JoinRequestDocument,
  type MembershipDocument,
  type OrganisationDocument,
} from './documents.ts';
import { liveOrganisation } from './organisation-access.ts';

export async function mergeOrganisations(deps: OrganisationDeps, actor: Actor, duplicateId: string, intoId: string): Promise<void> {
  if (!mayMergeOrganisations(actor)) throw new AppError('FORBIDDEN', 'Only moderators merge organisations');
  if (duplicateId === intoId) throw new AppError('VALIDATION', 'An organisation cannot be merged into itself', [{ path: 'intoOrganisationId', code: 'merge_into_itself' }]);
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const duplicate = await liveOrganisation(scope, duplicateId);
    const into = await liveOrganisation(scope, intoId);
    if (duplicate.kind !== into.kind) {
      throw new AppError('VALIDATION', 'Only organisations of the same kind are merged', [{ path: 'intoOrganisationId', code: 'merge_other_kind' }]);
    }
    const memberships = scope.collection<MembershipDocument>(MEMBERSHIPS);
    for (const membership of await memberships.find({ organisationId: duplicateId })) {
      const existing = await memberships.findOne({ _id: membershipId(intoId, membership.userId) });
      if (!existing) {
        await memberships.insertOne({ ...membership, _id: membershipId(intoId, membership.userId), organisationId: intoId });
      } else if (membership.role === 'owner' && existing.role !== 'owner') {
        // An owner of either record owns the merged one.
        await memberships.updateOne({ _id: existing._id }, { $set: { role: 'owner' } });
      }
      await memberships.deleteMany({ _id: membership._id });
      await scope.collection<UserDocument>(USERS).updateOne({ _id: membership.userId, organisationId: duplicateId }, { $set: { organisationId: intoId } });
    }
    const requests = scope.collection<JoinRequestDocument>(JOIN_REQUESTS);
    for (const request of await requests.find({ organisationId: duplicateId, status: 'pending' })) {
      const settled = (await memberships.findOne({ _id: membershipId(intoId, request.userId) })) ||
        (await requests.findOne({ organisationId: intoId, userId: request.userId, status: 'pending' }));
      await requests.updateOne({ _id: request._id }, settled ? { $set: { status: 'declined', decidedBy: actor.userId, decidedAt: at } } : { $set: { organisationId: intoId } });
    }
    const invitations = scope.collection<InvitationDocument>(INVITATIONS);
    for (const invitation of await invitations.find({ organisationId: duplicateId, usedAt: null })) {
      await invitations.updateOne({ _id: invitation._id }, { $set: { organisationId: intoId } });
    }
    await transferDialogueOwnership(scope, actor, { id: duplicateId, name: duplicate.name }, { id: intoId, name: into.name }, at);
    await transferPostAuthorship(scope, duplicateId, intoId);
    await scope
      .collection<OrganisationDocument>(ORGANISATIONS)
      .updateOne({ _id: duplicateId }, { $set: { mergedInto: intoId, mergedAt: at, mergedBy: actor.userId } });
    await appendEvent(scope, 'organisation.merged', null, { organisationId: duplicateId, intoOrganisationId: intoId, by: actor.userId }, at);
  });
  deps.onCommit();
}
