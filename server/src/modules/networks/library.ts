// The network's own library: members' people publish material for the network and revise it (each
// revision a new version with a note, none lost), and only members read it. An item answers anyone
// else exactly as a missing one. It is never in the public library's collection, so search, open
// data, arena pages and arena followers' notifications, which read that, never see it; its events
// (ids only, no dialogue) go to the network's room alone.
import type { NetworkItemView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayWriteInNetwork } from '../../platform/policy/network-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personNames } from '../accounts/queries.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import type { NetworkDeps } from './commands.ts';
import { NETWORK_LIBRARY, type NetworkLibraryItemDocument } from './documents.ts';
import { memberItem } from './library-access.ts';
import { itemFiles } from './library-files.ts';
import { memberNetwork } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

const DISSOLVED = 'A dissolved network’s library changes no more';

export async function publishNetworkItem(deps: NetworkDeps, actor: Actor | null, networkId: string, title: string, body: string): Promise<string> {
  const at = deps.clock.now().toISOString();
  const itemId = newId();
  await deps.store.withTransaction(async (scope) => {
    const found = await memberNetwork(scope, actor, networkId);
    if (!mayWriteInNetwork(actor, found.facts)) throw new AppError('FORBIDDEN', DISSOLVED);
    await scope.collection<NetworkLibraryItemDocument>(NETWORK_LIBRARY).insertOne({
      _id: itemId,
      networkId,
      organisationId: actor.organisationId,
      publishedBy: actor.userId,
      publishedAt: at,
      versions: [{ title, body, at, by: actor.userId, note: '' }],
    });
    await appendEvent(scope, 'network.item_published', null, { networkId, itemId, by: actor.userId }, at);
  });
  deps.onCommit();
  return itemId;
}

/** A member's person revises an item: a new version with a note; the earlier ones stay. */
export async function reviseNetworkItem(deps: NetworkDeps, actor: Actor | null, itemId: string, title: string, body: string, note: string): Promise<number> {
  const at = deps.clock.now().toISOString();
  const version = await deps.store.withTransaction(async (scope) => {
    const { facts, item } = await memberItem(scope, actor, itemId);
    if (!mayWriteInNetwork(actor, facts)) throw new AppError('FORBIDDEN', DISSOLVED);
    await scope.collection<NetworkLibraryItemDocument>(NETWORK_LIBRARY).updateOne({ _id: itemId }, { $push: { versions: { title, body, at, by: actor.userId, note } } });
    await appendEvent(scope, 'network.item_revised', null, { networkId: item.networkId, itemId, by: actor.userId }, at);
    return item.versions.length + 1;
  });
  deps.onCommit();
  return version;
}

export async function getNetworkItem(store: Readable, actor: Actor | null, itemId: string): Promise<NetworkItemView> {
  const { network, facts, item } = await memberItem(store, actor, itemId);
  const [people, organisations] = await Promise.all([personNames(store, item.versions.map((version) => version.by)), organisationSummaries(store, [item.organisationId])]);
  return {
    id: item._id,
    networkId: network._id,
    networkName: network.name,
    organisationName: organisations.get(item.organisationId)?.name ?? '',
    publishedAt: item.publishedAt,
    versions: item.versions
      .map((version, i) => ({ version: i + 1, title: version.title, body: version.body, at: version.at, authorName: people.get(version.by) ?? '', note: version.note }))
      .reverse(),
    files: await itemFiles(store, item._id),
    viewer: { mayRevise: mayWriteInNetwork(actor, facts), mayAttach: mayWriteInNetwork(actor, facts) },
  };
}
