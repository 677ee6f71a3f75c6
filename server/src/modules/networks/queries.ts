// What a viewer sees of buyers' networks. A network the viewer may not see answers exactly as one
// that does not exist (NOT_FOUND, the same message), and lists leave it out; its discussions, joint
// dialogues, library and record are built for members only (platform/policy/network-policy.ts).
import type { NetworkDiscussionView, NetworkItemSummary, NetworkRecordEntry, NetworkStanding, NetworkSummary, NetworkView, NetworksInArenaView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import {
  canSeeNetwork,
  isInvitedToNetwork,
  isNetworkAdmin,
  isNetworkMember,
  mayCreateNetwork,
  mayEditNetworkPost,
  mayHideNetworkPost,
  mayRequestToJoinNetwork,
  mayWriteInNetwork,
  type NetworkAccessFacts,
} from '../../platform/policy/network-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { visibleDialogues } from '../dialogues/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import {
  NETWORK_DISCUSSIONS,
  NETWORK_LIBRARY,
  NETWORK_MEMBERSHIPS,
  NETWORK_POSTS,
  NETWORKS,
  type NetworkDiscussionDocument,
  type NetworkDocument,
  type NetworkLibraryItemDocument,
  type NetworkMembershipDocument,
  type NetworkPostDocument,
} from './documents.ts';
import { networkSessions } from './network-sessions.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export const NO_NETWORK = 'No such network';
const NO_DISCUSSION = 'No such discussion';

export function accessFactsOf(network: NetworkDocument, memberships: NetworkMembershipDocument[]): NetworkAccessFacts {
  const members = memberships.filter((membership) => membership.status === 'member');
  return {
    joining: network.joining,
    dissolved: network.dissolved !== null,
    memberOrganisationIds: members.map((membership) => membership.organisationId),
    adminOrganisationIds: members.filter((membership) => membership.role === 'admin').map((membership) => membership.organisationId),
    invitedOrganisationIds: memberships.filter((membership) => membership.status === 'invited').map((membership) => membership.organisationId),
  };
}

export type VisibleNetwork = { network: NetworkDocument; memberships: NetworkMembershipDocument[]; facts: NetworkAccessFacts };

async function loadNetwork(store: Readable, networkId: string): Promise<VisibleNetwork | null> {
  const network = await store.collection<NetworkDocument>(NETWORKS).findOne({ _id: networkId });
  if (!network) return null;
  const memberships = await store.collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS).find({ networkId });
  return { network, memberships, facts: accessFactsOf(network, memberships) };
}

/** The network's access facts, for the live layer's room checks; null when there is no such network. */
export async function networkAccessFacts(store: Readable, networkId: string): Promise<NetworkAccessFacts | null> {
  return (await loadNetwork(store, networkId))?.facts ?? null;
}

/** A network and its memberships, for the notifier (who is concerned, and what the policy asks); null when there is none. */
export function networkNoticeFacts(store: Readable, networkId: string): Promise<VisibleNetwork | null> {
  return loadNetwork(store, networkId);
}

/** A network and its memberships, whoever asks, for a command that applies its own policy (a moderator hiding a post); null when there is none. */
export function networkForCommand(store: Readable, networkId: string): Promise<VisibleNetwork | null> {
  return loadNetwork(store, networkId);
}

/** The names of those networks the actor may see now, for notifications: one it may no longer see is left out. */
export async function visibleNetworkNames(store: Readable, actor: Actor, networkIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const networkId of new Set(networkIds)) {
    const found = await loadNetwork(store, networkId);
    if (found && canSeeNetwork(actor, found.facts)) names.set(networkId, found.network.name);
  }
  return names;
}

/** The network if the actor may see it at all; otherwise NOT_FOUND, as for one that does not exist. */
export async function visibleNetwork(store: Readable, actor: Actor | null, networkId: string): Promise<VisibleNetwork> {
  const found = await loadNetwork(store, networkId);
  if (!found || !canSeeNetwork(actor, found.facts)) throw new AppError('NOT_FOUND', NO_NETWORK);
  return found;
}

/** The network the actor is a member of; to anyone else it does not exist (the same answer as a missing one). */
export async function memberNetwork(store: Readable, actor: Actor | null, networkId: string): Promise<VisibleNetwork> {
  const found = await loadNetwork(store, networkId);
  if (!found || !isNetworkMember(actor, found.facts)) throw new AppError('NOT_FOUND', NO_NETWORK);
  return found;
}

/** A discussion of a network the actor is a member of; NOT_FOUND otherwise, as for a missing one. */
export async function memberDiscussion(store: Readable, actor: Actor | null, discussionId: string): Promise<VisibleNetwork & { discussion: NetworkDiscussionDocument }> {
  const discussion = await store.collection<NetworkDiscussionDocument>(NETWORK_DISCUSSIONS).findOne({ _id: discussionId });
  if (!discussion) throw new AppError('NOT_FOUND', NO_DISCUSSION);
  const found = await memberNetwork(store, actor, discussion.networkId).catch(() => {
    throw new AppError('NOT_FOUND', NO_DISCUSSION);
  });
  return { ...found, discussion };
}

function standingOf(actor: Actor | null, facts: NetworkAccessFacts, memberships: NetworkMembershipDocument[]): NetworkStanding {
  if (isNetworkAdmin(actor, facts)) return 'admin';
  if (isNetworkMember(actor, facts)) return 'member';
  if (isInvitedToNetwork(actor, facts)) return 'invited';
  const own = actor?.organisationId ? memberships.find((membership) => membership.organisationId === actor.organisationId) : undefined;
  return own?.status === 'requested' && canSeeNetwork(actor, facts) ? 'requested' : null;
}

function summaryOf(actor: Actor | null, found: VisibleNetwork): NetworkSummary {
  const { network, facts, memberships } = found;
  return {
    id: network._id,
    name: network.name,
    arenaId: network.arenaId,
    joining: network.joining,
    memberCount: facts.memberOrganisationIds.length,
    dissolved: facts.dissolved,
    standing: standingOf(actor, facts, memberships),
  };
}

async function visibleNetworksAmong(store: Readable, actor: Actor | null, networks: NetworkDocument[]): Promise<NetworkSummary[]> {
  if (networks.length === 0) return [];
  const memberships = await store.collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS).find({ networkId: { $in: networks.map((network) => network._id) } });
  return networks
    .map((network) => {
      const own = memberships.filter((membership) => membership.networkId === network._id);
      return { network, memberships: own, facts: accessFactsOf(network, own) };
    })
    .filter((found) => canSeeNetwork(actor, found.facts))
    .map((found) => summaryOf(actor, found));
}

/**
 * The networks active in an arena that the viewer may see. Only a confirmed verified buyer can see
 * any, so everyone else is answered without reading a network.
 */
export async function networksInArena(store: Readable, actor: Actor | null, arenaId: string): Promise<NetworksInArenaView> {
  if (!mayCreateNetwork(actor)) return { networks: [], viewer: { canCreate: false } };
  const networks = await store.collection<NetworkDocument>(NETWORKS).find({ arenaId, dissolved: null }, { sort: { name: 1 } });
  return { networks: await visibleNetworksAmong(store, actor, networks), viewer: { canCreate: true } };
}

/** The networks the viewer's organisation is in, invited to or has asked to join (dissolved ones too). */
export async function myNetworks(store: Readable, actor: Actor | null): Promise<NetworkSummary[]> {
  if (!mayCreateNetwork(actor)) return [];
  const own = await store
    .collection<NetworkMembershipDocument>(NETWORK_MEMBERSHIPS)
    .find({ organisationId: actor.organisationId, status: { $in: ['member', 'invited', 'requested'] } });
  if (own.length === 0) return [];
  const networks = await store.collection<NetworkDocument>(NETWORKS).find({ _id: { $in: own.map((membership) => membership.networkId) } }, { sort: { name: 1 } });
  return visibleNetworksAmong(store, actor, networks);
}

export async function getNetwork(store: Readable, actor: Actor | null, networkId: string, now: Date): Promise<NetworkView> {
  const found = await visibleNetwork(store, actor, networkId);
  const { network, memberships, facts } = found;
  const isMember = isNetworkMember(actor, facts);
  const isAdmin = isNetworkAdmin(actor, facts);
  // An invitation-only network's members are for its members: the invited see its name only.
  const showsMembers = isMember || network.joining === 'on-request';
  const names = await organisationSummaries(store, memberships.map((membership) => membership.organisationId));
  const nameOf = (organisationId: string) => names.get(organisationId)?.name ?? '';
  const members = memberships
    .filter((membership) => membership.status === 'member')
    .map((membership) => ({ organisationId: membership.organisationId, name: nameOf(membership.organisationId), role: membership.role, since: membership.since ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const waiting = (status: 'requested' | 'invited') =>
    isAdmin
      ? memberships
          .filter((membership) => membership.status === status)
          .map((membership) => ({ organisationId: membership.organisationId, name: nameOf(membership.organisationId), at: membership.steps.at(-1)?.at ?? '' }))
      : [];
  const [discussions, dialogues, library, sessions] = isMember
    ? await Promise.all([
        store.collection<NetworkDiscussionDocument>(NETWORK_DISCUSSIONS).find({ networkId }, { sort: { lastPostAt: -1 }, limit: 200 }),
        visibleDialogues(store, actor, network.dialogueIds),
        networkItems(store, networkId),
        networkSessions(store, networkId, now),
      ])
    : [[], new Map(), [], { upcoming: [], past: [] }];
  return {
    ...summaryOf(actor, found),
    purpose: network.purpose,
    createdAt: network.createdAt,
    dissolution: network.dissolved ? { at: network.dissolved.at, reason: network.dissolved.reason } : null,
    members: showsMembers ? members : [],
    discussions: discussions.map((discussion) => ({
      id: discussion._id,
      title: discussion.title,
      startedAt: discussion.startedAt,
      lastPostAt: discussion.lastPostAt,
      postCount: discussion.postCount,
    })),
    dialogues: network.dialogueIds.flatMap((id) => {
      const dialogue = dialogues.get(id);
      return dialogue ? [{ id, title: dialogue.title }] : [];
    }),
    library,
    sessions,
    record: isMember ? recordOf(network, memberships, nameOf) : [],
    requests: waiting('requested'),
    invitations: waiting('invited'),
    viewer: {
      isMember,
      isAdmin: isAdmin && !facts.dissolved,
      mayRequest: mayRequestToJoinNetwork(actor, facts) && standingOf(actor, facts, memberships) === null,
      mayAnswerInvitation: isInvitedToNetwork(actor, facts),
    },
  };
}

/** The network's items, most recently changed first, for its page (members only: the caller checked). */
async function networkItems(store: Readable, networkId: string): Promise<NetworkItemSummary[]> {
  const items = await store.collection<NetworkLibraryItemDocument>(NETWORK_LIBRARY).find({ networkId }, { limit: 500 });
  return items
    .map((item) => {
      const current = item.versions.at(-1);
      return { id: item._id, title: current?.title ?? '', updatedAt: current?.at ?? item.publishedAt, version: item.versions.length };
    })
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

const WHAT_OF: Record<NetworkMembershipDocument['status'], NetworkRecordEntry['what']> = {
  requested: 'requested',
  invited: 'invited',
  member: 'joined',
  declined: 'declined',
  left: 'left',
  removed: 'removed',
};

/** Every step of every organisation, oldest first, with the dissolution last. */
function recordOf(network: NetworkDocument, memberships: NetworkMembershipDocument[], nameOf: (id: string) => string): NetworkRecordEntry[] {
  const steps: NetworkRecordEntry[] = memberships.flatMap((membership) =>
    membership.steps.map((step, i) => ({
      organisationId: membership.organisationId,
      name: nameOf(membership.organisationId),
      what: i === 0 && step.status === 'member' && step.at === network.createdAt ? ('created' as const) : WHAT_OF[step.status],
      at: step.at,
      reason: step.reason,
    })),
  );
  if (network.dissolved) steps.push({ organisationId: '', name: '', what: 'dissolved', at: network.dissolved.at, reason: network.dissolved.reason });
  return steps.sort((a, b) => a.at.localeCompare(b.at));
}

export async function getNetworkDiscussion(store: Readable, actor: Actor | null, discussionId: string): Promise<NetworkDiscussionView> {
  const { network, facts, discussion } = await memberDiscussion(store, actor, discussionId);
  const posts = await store.collection<NetworkPostDocument>(NETWORK_POSTS).find({ discussionId }, { sort: { at: 1 }, limit: 1000 });
  const [people, organisations] = await Promise.all([
    personNames(store, posts.map((post) => post.authorId)),
    organisationSummaries(store, posts.map((post) => post.organisationId)),
  ]);
  return {
    id: discussion._id,
    networkId: network._id,
    networkName: network.name,
    title: discussion.title,
    posts: posts.map((post) => ({
      id: post._id,
      authorName: people.get(post.authorId) ?? '',
      organisationName: organisations.get(post.organisationId)?.name ?? '',
      // A hidden post shows that and why, not what: neither its text nor its earlier ones.
      body: post.hidden ? null : post.body,
      at: post.at,
      editedAt: post.editedAt ?? null,
      earlier: post.hidden ? [] : (post.earlier ?? []),
      hidden: post.hidden ? { at: post.hidden.at, reason: post.hidden.reason } : null,
      viewer: {
        mayEdit: mayEditNetworkPost(actor, facts, { authorId: post.authorId, hidden: Boolean(post.hidden) }),
        mayHide: !post.hidden && mayHideNetworkPost(actor, facts),
      },
    })),
    mayPost: mayWriteInNetwork(actor, facts),
  };
}
