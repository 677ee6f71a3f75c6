// When a moderator merges a duplicate buyer organisation into the one it duplicates
// (organisations/merge-command.ts), its standing in each network is the survivor's: its people
// (members of the survivor now) stay in the networks they were in, as admins where they were. The
// survivor keeps the stronger of the two standings (member, then invited, then requested) and is an
// admin if either was. Both records of who came and went keep every step: the duplicate's ends with
// a step of its own ("left", the merge as its reason) and the survivor's gains one when it takes the
// duplicate's standing, so the network's record shows the merge. Its people's places in the network's
// sessions move with it, so the survivor's leaving gives them back too, and the questions its people
// asked in the sessions' live rooms name the survivor. Each network moves in one
// transaction that finds the duplicate only while it still stands there, so a replay moves nothing.
import { appendEvent } from '../../platform/events/event-log.ts';
import { organisationMergeReaction, type OrganisationMerge } from '../../platform/events/merge-reaction.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { NetworkDeps } from './commands.ts';
import { NETWORK_MEMBERSHIPS, networkMembershipId, type NetworkMembershipDocument, type NetworkMembershipStatus } from './documents.ts';
import { moveOrganisationLiveQuestions } from './live-room-commands.ts';
import { moveOrganisationRegistrations } from './network-sessions.ts';

export const NETWORKS_MERGE = 'networks-merge';

/** The reason recorded on both organisations' steps. */
export const MERGE_REASON = 'Organisationen slogs samman med en annan';

/** Standings that still mean something; the higher, the stronger. */
const STRENGTH: Partial<Record<NetworkMembershipStatus, number>> = { requested: 1, invited: 2, member: 3 };

export function networksMergeProcessor(deps: NetworkDeps): EventProcessor {
  return organisationMergeReaction(NETWORKS_MERGE, (merge) => moveStandings(deps, merge), deps.onCommit);
}

async function moveStandings(deps: NetworkDeps, merge: OrganisationMerge): Promise<boolean> {
  const standing = { $in: Object.keys(STRENGTH) };
  let moved = false;
  for (const membership of await deps.store.collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS).find({ organisationId: merge.from, status: standing })) {
    if (await moveStanding(deps, membership.networkId, merge)) moved = true;
  }
  // Questions asked in live rooms, in every network (one the duplicate left too), name the survivor.
  if (await deps.store.withTransaction((scope) => moveOrganisationLiveQuestions(scope, merge.from, merge.into))) moved = true;
  return moved;
}

async function moveStanding(deps: NetworkDeps, networkId: string, { from, into, by }: OrganisationMerge): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  return deps.store.withTransaction(async (scope) => {
    const memberships = scope.collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS);
    const duplicate = await memberships.findOne({ _id: networkMembershipId(networkId, from) });
    const strength = duplicate ? (STRENGTH[duplicate.status] ?? 0) : 0;
    if (!duplicate || strength === 0) return false;
    const survivor = await memberships.findOne({ _id: networkMembershipId(networkId, into) });
    const admin = duplicate.status === 'member' && duplicate.role === 'admin';
    if (!survivor) {
      await memberships.insertOne({
        _id: networkMembershipId(networkId, into),
        networkId,
        organisationId: into,
        status: duplicate.status,
        role: duplicate.role,
        since: duplicate.since,
        steps: [{ status: duplicate.status, at, by, reason: MERGE_REASON }],
      });
    } else if ((STRENGTH[survivor.status] ?? 0) < strength) {
      await memberships.updateOne(
        { _id: survivor._id },
        { $set: { status: duplicate.status, role: duplicate.role, since: duplicate.since }, $push: { steps: { status: duplicate.status, at, by, reason: MERGE_REASON } } },
      );
    } else if (admin && survivor.status === 'member' && survivor.role !== 'admin') {
      await memberships.updateOne({ _id: survivor._id }, { $set: { role: 'admin' } });
    }
    await memberships.updateOne({ _id: duplicate._id }, { $set: { status: 'left' }, $push: { steps: { status: 'left', at, by, reason: MERGE_REASON } } });
    await moveOrganisationRegistrations(scope, networkId, from, into);
    await appendEvent(scope, 'network.membership_merged', null, { networkId, organisationId: from, intoOrganisationId: into }, at);
    return true;
  });
}
