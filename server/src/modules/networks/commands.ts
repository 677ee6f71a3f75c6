// Forming a buyers' network and coming and going in it. Each command checks the policy, writes its
// state and appends its event (ids only, no dialogue: nothing of a network goes to a dialogue's
// rooms) in one transaction. Nothing is deleted: a membership keeps every step it went through, a
// dissolved network stays readable to its members with the reason.
import type { CreateNetworkInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent, type EventType } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import {
  isInvitedToNetwork,
  isNetworkMember,
  mayCreateNetwork,
  mayManageNetwork,
  mayRequestToJoinNetwork,
  mayWriteInNetwork,
} from '../../platform/policy/network-policy.ts';
import { isDialogueOwner } from '../../platform/policy/policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import {
  NETWORK_DISCUSSIONS,
  NETWORK_LIBRARY,
  NETWORK_MEMBERSHIPS,
  NETWORK_POSTS,
  NETWORK_SESSION_REGISTRATIONS,
  NETWORK_SESSIONS,
  NETWORKS,
  networkMembershipId,
  type NetworkDocument,
  type NetworkMembershipDocument,
  type NetworkMembershipStatus,
} from './documents.ts';
import { withdrawOrganisationRegistrations } from './network-sessions.ts';
import { memberNetwork, visibleNetwork, type VisibleNetwork } from './queries.ts';
import { ensureNetworkFileIndexes } from './library-files.ts';

export type NetworkDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

const NOT_ADMIN = 'Only the network’s admin organisations do this';

/** Runs `work` in a transaction and tells the dispatcher once it committed. */
async function committed<T>(deps: NetworkDeps, work: (scope: TransactionScope, at: string) => Promise<T>): Promise<T> {
  const at = deps.clock.now().toISOString();
  const result = await deps.store.withTransaction((scope) => work(scope, at));
  deps.onCommit();
  return result;
}

/** Appends a step to an organisation's standing in the network (making it if it is the first). */
async function step(
  scope: TransactionScope,
  networkId: string,
  organisationId: string,
  status: NetworkMembershipStatus,
  by: string,
  at: string,
  reason = '',
  role?: 'admin' | 'member',
): Promise<void> {
  const memberships = scope.collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS);
  const _id = networkMembershipId(networkId, organisationId);
  const since = status === 'member' ? { since: at } : {};
  const existing = await memberships.findOne({ _id });
  if (!existing) {
    await memberships.insertOne({ _id, networkId, organisationId, status, role: role ?? 'member', since: status === 'member' ? at : null, steps: [{ status, at, by, reason }] });
    return;
  }
  // Whoever comes back comes back as a member; only the founding organisation starts as admin.
  const roleChange = role ? { role } : status === 'member' ? { role: 'member' as const } : {};
  const updated = await memberships.updateOne(
    { _id, status: existing.status },
    { $set: { status, ...since, ...roleChange }, $push: { steps: { status, at, by, reason } } },
  );
  if (updated.matchedCount !== 1) throw new Error('network membership changed during the command');
}

const standing = (found: VisibleNetwork, organisationId: string) =>
  found.memberships.find((membership) => membership.organisationId === organisationId)?.status ?? null;

async function event(scope: TransactionScope, type: EventType, networkId: string, by: string, at: string, organisationId?: string): Promise<void> {
  await appendEvent(scope, type, null, { networkId, by, ...(organisationId ? { organisationId } : {}) }, at);
}

export async function createNetwork(deps: NetworkDeps, actor: Actor | null, input: CreateNetworkInput): Promise<string> {
  if (!mayCreateNetwork(actor)) throw new AppError('FORBIDDEN', 'Only verified buyer organisations form networks');
  const networkId = newId();
  await committed(deps, async (scope, at) => {
    await scope.collection<NetworkDocument>(NETWORKS).insertOne({
      _id: networkId,
      name: input.name,
      purpose: input.purpose,
      arenaId: input.arenaId,
      joining: input.joining,
      createdBy: actor.userId,
      createdAt: at,
      dialogueIds: [],
      dissolved: null,
    });
    await step(scope, networkId, actor.organisationId, 'member', actor.userId, at, '', 'admin');
    await event(scope, 'network.created', networkId, actor.userId, at, actor.organisationId);
  });
  return networkId;
}

/** An organisation asks to join an open network; an admin answers. */
export async function requestToJoinNetwork(deps: NetworkDeps, actor: Actor | null, networkId: string): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await visibleNetwork(scope, actor, networkId);
    if (!mayRequestToJoinNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', 'Only verified buyers outside an open network ask to join it');
    const now = standing(found, actor.organisationId);
    if (now === 'requested') return;
    // Invited already: asking is the same as accepting.
    if (now === 'invited') {
      await step(scope, networkId, actor.organisationId, 'member', actor.userId, at);
      await event(scope, 'network.member_joined', networkId, actor.userId, at, actor.organisationId);
      return;
    }
    await step(scope, networkId, actor.organisationId, 'requested', actor.userId, at);
    await event(scope, 'network.join_requested', networkId, actor.userId, at, actor.organisationId);
  });
}

export async function decideNetworkRequest(deps: NetworkDeps, actor: Actor | null, networkId: string, organisationId: string, accept: boolean): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayManageNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', NOT_ADMIN);
    if (standing(found, organisationId) !== 'requested') throw new AppError('NOT_FOUND', 'No such request');
    await step(scope, networkId, organisationId, accept ? 'member' : 'declined', actor.userId, at);
    await event(scope, accept ? 'network.member_joined' : 'network.request_declined', networkId, actor.userId, at, organisationId);
  });
}

/** An admin invites a verified buyer organisation; its people accept or decline. */
export async function inviteToNetwork(deps: NetworkDeps, actor: Actor | null, networkId: string, organisationId: string): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayManageNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', NOT_ADMIN);
    const organisation = (await organisationSummaries(scope, [organisationId])).get(organisationId);
    if (!organisation) throw new AppError('NOT_FOUND', 'No such organisation');
    if (organisation.kind !== 'buyer' || !organisation.verified) throw new AppError('NOT_A_VERIFIED_BUYER', 'Networks are for verified buyer organisations');
    const now = standing(found, organisationId);
    if (now === 'member' || now === 'invited') return;
    // It asked already: inviting is the same as accepting its request.
    if (now === 'requested') {
      await step(scope, networkId, organisationId, 'member', actor.userId, at);
      await event(scope, 'network.member_joined', networkId, actor.userId, at, organisationId);
      return;
    }
    await step(scope, networkId, organisationId, 'invited', actor.userId, at);
    await event(scope, 'network.invited', networkId, actor.userId, at, organisationId);
  });
}

export async function answerNetworkInvitation(deps: NetworkDeps, actor: Actor | null, networkId: string, accept: boolean): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await visibleNetwork(scope, actor, networkId);
    if (!isInvitedToNetwork(actor, found.facts)) throw new AppError('NOT_FOUND', 'No such invitation');
    await step(scope, networkId, actor.organisationId, accept ? 'member' : 'declined', actor.userId, at);
    await event(scope, accept ? 'network.member_joined' : 'network.invitation_declined', networkId, actor.userId, at, actor.organisationId);
  });
}

/** Someone must be left to answer requests: the last admin organisation dissolves instead of leaving. */
function leavesAnAdmin(found: VisibleNetwork, organisationId: string): boolean {
  const admins = found.facts.adminOrganisationIds;
  return !admins.includes(organisationId) || admins.length > 1 || found.facts.memberOrganisationIds.length === 1;
}

export async function leaveNetwork(deps: NetworkDeps, actor: Actor | null, networkId: string, reason: string): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayWriteInNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', 'A dissolved network is left as it was');
    if (!leavesAnAdmin(found, actor.organisationId)) throw new AppError('FORBIDDEN', 'The last admin organisation dissolves the network instead of leaving it');
    await step(scope, networkId, actor.organisationId, 'left', actor.userId, at, reason);
    await withdrawOrganisationRegistrations(scope, networkId, actor.organisationId, actor.userId, at);
    await event(scope, 'network.member_left', networkId, actor.userId, at, actor.organisationId);
  });
}

export async function removeFromNetwork(deps: NetworkDeps, actor: Actor | null, networkId: string, organisationId: string, reason: string): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayManageNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', NOT_ADMIN);
    if (organisationId === actor.organisationId) throw new AppError('FORBIDDEN', 'Your own organisation leaves, it is not removed');
    if (standing(found, organisationId) !== 'member') throw new AppError('NOT_FOUND', 'No such member');
    await step(scope, networkId, organisationId, 'removed', actor.userId, at, reason);
    await withdrawOrganisationRegistrations(scope, networkId, organisationId, actor.userId, at);
    await event(scope, 'network.member_removed', networkId, actor.userId, at, organisationId);
  });
}

export async function dissolveNetwork(deps: NetworkDeps, actor: Actor | null, networkId: string, reason: string): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayManageNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', NOT_ADMIN);
    await scope.collection<NetworkDocument>(NETWORKS).updateOne({ _id: networkId, dissolved: null }, { $set: { dissolved: { at, by: actor.userId, reason } } });
    await event(scope, 'network.dissolved', networkId, actor.userId, at);
  });
}

/**
 * The network owns a dialogue jointly, on top of the dialogue's co-ownership: the linking
 * organisation owns it, and every co-owner is a member organisation. The dialogue's Q&A stays the
 * dialogue's, public to all its suppliers alike.
 */
export async function linkNetworkDialogue(deps: NetworkDeps, actor: Actor | null, networkId: string, dialogueId: string): Promise<void> {
  await committed(deps, async (scope, at) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayWriteInNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', 'A dissolved network is left as it was');
    const dialogue = await visibleDialogue(scope, actor, dialogueId);
    if (!isDialogueOwner(actor, dialogue)) throw new AppError('FORBIDDEN', 'A network owns its members’ own dialogues');
    if (!dialogue.ownerOrganisationIds.every((id) => found.facts.memberOrganisationIds.includes(id))) {
      throw new AppError('FORBIDDEN', 'Every co-owner of the dialogue must be a member of the network');
    }
    if (found.network.dialogueIds.includes(dialogueId)) return;
    await scope.collection<NetworkDocument>(NETWORKS).updateOne({ _id: networkId }, { $addToSet: { dialogueIds: dialogueId } });
    await event(scope, 'network.dialogue_linked', networkId, actor.userId, at);
  });
}

export async function ensureNetworkIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(NETWORKS, [{ keys: { arenaId: 1, name: 1 }, name: 'arena' }]);
  await store.ensureIndexes(NETWORK_MEMBERSHIPS, [
    { keys: { networkId: 1 }, name: 'network' },
    { keys: { organisationId: 1 }, name: 'organisation' },
  ]);
  await store.ensureIndexes(NETWORK_DISCUSSIONS, [{ keys: { networkId: 1, lastPostAt: -1 }, name: 'network' }]);
  await store.ensureIndexes(NETWORK_LIBRARY, [{ keys: { networkId: 1 }, name: 'network' }]);
  await ensureNetworkFileIndexes(store);
  await store.ensureIndexes(NETWORK_SESSIONS, [{ keys: { networkId: 1, startsAt: 1 }, name: 'network' }]);
  await store.ensureIndexes(NETWORK_SESSION_REGISTRATIONS, [
    { keys: { userId: 1 }, name: 'person' },
    { keys: { networkId: 1, organisationId: 1 }, name: 'organisation' },
  ]);
  await store.ensureIndexes(NETWORK_POSTS, [
    { keys: { discussionId: 1, at: 1 }, name: 'discussion' },
    { keys: { authorId: 1 }, name: 'author' },
  ]);
}


