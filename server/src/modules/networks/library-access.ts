// Who reaches a network library item: the people of its network's members, now. To anyone else
// it answers exactly as an item that does not exist (the library and its files share this).
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { isNetworkMember } from '../../platform/policy/network-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { NETWORK_LIBRARY, type NetworkLibraryItemDocument } from './documents.ts';
import { networkForCommand, type VisibleNetwork } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

const NO_ITEM = 'No such library item';

/** An item of a network the actor is a member of; NOT_FOUND otherwise, as for a missing one. */
export async function memberItem(store: Readable, actor: Actor | null, itemId: string): Promise<VisibleNetwork & { item: NetworkLibraryItemDocument }> {
  const item = await store.collection<NetworkLibraryItemDocument>(NETWORK_LIBRARY).findOne({ _id: itemId });
  const found = item ? await networkForCommand(store, item.networkId) : null;
  if (!item || !found || !isNetworkMember(actor, found.facts)) throw new AppError('NOT_FOUND', NO_ITEM);
  return { ...found, item };
}
