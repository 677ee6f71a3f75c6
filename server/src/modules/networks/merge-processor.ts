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
// What its people made in a network — discussions and posts, library items and their files, sessions
// they scheduled — names the survivor too, in every network (one the duplicate left as well), so
// each shows the survivor as its organisation. Rights over them were never the organisation's (an
// author edits their post, whoever scheduled a session changes it: by person), so nobody gains or
// loses one; earlier texts and versions name people, not organisations, and stay as they were. Each
// network's records move in one transaction, recorded as one event of the network (which also tells
// its open pages), that finds only what still names the duplicate, so a replay moves nothing.
import { appendEvent } from '../../platform/events/event-log.ts';
import { organisationMergeReaction, type OrganisationMerge } from '../../platform/events/merge-reaction.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { NetworkDeps } from './commands.ts';
import {
  NETWORK_DISCUSSIONS,
  NETWORK_LIBRARY,
  NETWORK_LIBRARY_FILES,
  NETWORK_MEMBERSHIPS,
  NETWORK_POSTS,
  NETWORK_SESSIONS,
  networkMembershipId,
  type NetworkMembershipDocument,
  type NetworkMembershipStatus,
} from './documents.ts';
import { moveOrganisationLiveQuestions } from './live-room-commands.ts';
import { moveOrganisationRegistrations } from './network-sessions.ts';

export const NETWORKS_MERGE = 'networks-merge';

/** The reason recorded on both organisations' steps. */
export const MERGE_REASON = 'Organisationen slogs samman med en annan';

/** Standings that still mean something; the higher, the stronger. */
const STRENGTH: Partial<Record<NetworkMembershipStatus, number>> = { requested: 1, invited: 2, member: 3 };

/** The records that name the organisation its person made them for: who started, wrote, shared, attached, scheduled. */
const MADE_FOR_ORGANISATION = [NETWORK_DISCUSSIONS, NETWORK_POSTS, NETWORK_LIBRARY, NETWORK_LIBRARY_FILES, NETWORK_SESSIONS];

type MadeForOrganisation = { _id: string; networkId: string; organisationId: string };

export function networksMergeProcessor(deps: NetworkDeps): EventProcessor {
  return organisationMergeReaction(NETWORKS_MERGE, (merge) => moveToSurvivor(deps, merge), deps.onCommit);
}

async function moveToSurvivor(deps: NetworkDeps, merge: OrganisationMerge): Promise<boolean> {
  const standing = { $in: Object.keys(STRENGTH) };
  let moved = false;
  for (const membership of await deps.store.collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS).find({ organisationId: merge.from, status: standing })) {
    if (await moveStanding(deps, membership.networkId, merge)) moved = true;
  }
  // Questions asked in live rooms, in every network (one the duplicate left too), name the survivor.
  if (await deps.store.withTransaction((scope) => moveOrganisationLiveQuestions(scope, merge.from, merge.into))) moved = true;
  for (const networkId of await networksWithRecordsOf(deps, merge.from)) {
    if (await moveRecords(deps, networkId, merge)) moved = true;
  }
  return moved;
}

/** Every network where a record still names the duplicate (those it left too). */
async function networksWithRecordsOf(deps: NetworkDeps, organisationId: string): Promise<Set<string>> {
  const networkIds = new Set<string>();
  for (const name of MADE_FOR_ORGANISATION) {
    for (const record of await deps.store.collection<MadeForOrganisation>(name).find({ organisationId })) networkIds.add(record.networkId);
  }
  return networkIds;
}

async function moveRecords(deps: NetworkDeps, networkId: string, { from, into }: OrganisationMerge): Promise<boolean> {
  const at = deps.clock.now().toISOString();
  return deps.store.withTransaction(async (scope) => {
    let moved = 0;
    for (const name of MADE_FOR_ORGANISATION) {
      const records = scope.collection<MadeForOrganisation>(name);
      for (const record of await records.find({ networkId, organisationId: from })) {
        const { matchedCount } = await records.updateOne({ _id: record._id, organisationId: from }, { $set: { organisationId: into } });
        moved += matchedCount;
      }
    }
    if (moved === 0) return false;
    await appendEvent(scope, 'network.records_merged', null, { networkId, organisationId: from, intoOrganisationId: into }, at);
    return true;
  });
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
