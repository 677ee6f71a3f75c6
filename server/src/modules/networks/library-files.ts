// Files on a network library item: members' people attach them, members download them, and to
// anyone else — a supplier, a buyer outside, a removed or departed organisation's people, a
// moderator, a visitor — a file answers exactly as one that does not exist. A file belongs to the
// item version current when it was attached and stays reachable from every later version: nothing
// here is changed or removed. Files live in this module's own collection, beside the items, so
// nothing that reads the public library or the dialogues' attachments (search, open data, arena
// pages, exports, archive packages) can reach them. The bytes are received and served as every
// attachment's are (platform/files); the attachments module's blob sweep asks
// `networkFileBlobsAmong` before it takes a blob for an orphan.
import { MAX_FILES_PER_NETWORK_ITEM, type NetworkItemFileView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { storedFileFields, type StoredFile } from '../../platform/files/receive-file.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayWriteInNetwork } from '../../platform/policy/network-policy.ts';
import type { MemberActor } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import type { NetworkDeps } from './commands.ts';
import { NETWORK_LIBRARY_FILES, type NetworkItemFileDocument, type NetworkLibraryItemDocument } from './documents.ts';
import { memberItem } from './library-access.ts';

type Readable = Pick<DocumentStore, 'collection'>;

const NO_FILE = 'No such attachment';

/** The item, if the actor may attach a file to it now and it has room; refused otherwise (NOT_FOUND to non-members). */
async function attachableItem(store: Readable, actor: MemberActor, itemId: string): Promise<NetworkLibraryItemDocument> {
  const { facts, item } = await memberItem(store, actor, itemId);
  if (!mayWriteInNetwork(actor, facts)) throw new AppError('FORBIDDEN', 'A dissolved network’s library changes no more');
  const count = await store.collection<NetworkItemFileDocument>(NETWORK_LIBRARY_FILES).countDocuments({ itemId });
  if (count >= MAX_FILES_PER_NETWORK_ITEM) throw new AppError('TOO_MANY_ATTACHMENTS', `At most ${MAX_FILES_PER_NETWORK_ITEM} files on one item`);
  return item;
}

/** Before an upload's body is read. */
export async function checkNetworkItemFile(store: Readable, actor: MemberActor, itemId: string): Promise<void> {
  await attachableItem(store, actor, itemId);
}

/** Once the bytes are stored: the record and its event, checked again in the same transaction. */
export async function recordNetworkItemFile(deps: NetworkDeps, actor: MemberActor, itemId: string, file: StoredFile): Promise<NetworkItemFileView> {
  const at = deps.clock.now().toISOString();
  const record = await deps.store.withTransaction(async (scope) => {
    const item = await attachableItem(scope, actor, itemId);
    const record: NetworkItemFileDocument = {
      _id: newId(),
      itemId,
      networkId: item.networkId,
      version: item.versions.length,
      ...storedFileFields(file),
      addedBy: actor.userId,
      organisationId: actor.organisationId,
      addedAt: at,
    };
    await scope.collection<NetworkItemFileDocument>(NETWORK_LIBRARY_FILES).insertOne(record);
    await appendEvent(scope, 'network.item_file_added', null, { networkId: item.networkId, itemId, attachmentId: record._id, by: actor.userId }, at);
    return record;
  });
  deps.onCommit();
  const [view] = await networkItemFileViews(deps.store, [record]);
  return view!;
}

/** A file the actor may download: one on an item of a network they are a member of now. Anything else answers as a missing file. */
export async function downloadableNetworkFile(store: Readable, actor: Actor | null, fileId: string): Promise<NetworkItemFileDocument> {
  const file = await store.collection<NetworkItemFileDocument>(NETWORK_LIBRARY_FILES).findOne({ _id: fileId });
  if (!file) throw new AppError('NOT_FOUND', NO_FILE);
  await memberItem(store, actor, file.itemId).catch(() => {
    throw new AppError('NOT_FOUND', NO_FILE);
  });
  return file;
}

/** Every file of an item, oldest first, for its page (the caller has checked membership). */
export async function itemFiles(store: Readable, itemId: string): Promise<NetworkItemFileView[]> {
  return networkItemFileViews(store, await store.collection<NetworkItemFileDocument>(NETWORK_LIBRARY_FILES).find({ itemId }, { sort: { addedAt: 1, _id: 1 } }));
}

async function networkItemFileViews(store: Readable, files: NetworkItemFileDocument[]): Promise<NetworkItemFileView[]> {
  const organisations = await organisationSummaries(store, files.map((file) => file.organisationId));
  return files.map((file) => ({
    id: file._id,
    name: file.name,
    fileType: file.fileType,
    size: file.size,
    organisationName: organisations.get(file.organisationId)?.name ?? '',
    addedAt: file.addedAt,
    version: file.version,
  }));
}

/** Which of these blobs a network file names: the blob sweep keeps them. */
export async function networkFileBlobsAmong(store: Readable, blobIds: string[]): Promise<Set<string>> {
  if (blobIds.length === 0) return new Set();
  const files = await store.collection<NetworkItemFileDocument>(NETWORK_LIBRARY_FILES).find({ blobId: { $in: blobIds } });
  return new Set(files.map((file) => file.blobId));
}

export async function ensureNetworkFileIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(NETWORK_LIBRARY_FILES, [
    { keys: { itemId: 1, addedAt: 1 }, name: 'item' },
    { keys: { blobId: 1 }, unique: true, name: 'blob' },
    { keys: { addedBy: 1 }, name: 'person' },
  ]);
}
