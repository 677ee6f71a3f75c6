// Files on an arena library item. Who may attach is who may revise the item (its organisation's
// verified buyers, or a moderator) while it is not withdrawn; who may download is who may read it
// (public, or people with a confirmed address), and a withdrawn item's files answer as a missing
// file. A file belongs to the version current when it was attached and stays with every later one:
// nothing here is changed or removed. The files live in this module's own collection; the bytes are
// received and served as every attachment's are (platform/files); the attachments module's blob
// sweep asks `libraryFileBlobsAmong` before it takes a blob for an orphan. Their names are part of
// the item's search text (searchable-content.ts), so the indexer writes the item again on
// `library.item_file_added`.
import { MAX_FILES_PER_LIBRARY_ITEM, type LibraryItemFileView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { storedFileFields, type StoredFile } from '../../platform/files/receive-file.ts';
import type { FileAudience } from '../../platform/files/serve-file.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayReviseLibraryItem } from '../../platform/policy/library-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { LibraryDeps } from './commands.ts';
import { LIBRARY_FILES, type LibraryFileDocument, type LibraryItemDocument } from './documents.ts';
import { visibleLibraryItem } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

const NO_FILE = 'No such attachment';

/** The item, if the actor may attach a file to it now and it has room; refused otherwise (NOT_FOUND to those who may not read it). */
async function attachableItem(store: Readable, actor: Actor, itemId: string): Promise<LibraryItemDocument> {
  const item = await visibleLibraryItem(store, actor, itemId);
  if (!mayReviseLibraryItem(actor, item)) throw new AppError('FORBIDDEN', 'Only moderators and the publishing organisation attach files to this item');
  if (item.withdrawal) throw new AppError('ITEM_WITHDRAWN', 'The item was withdrawn; it changes no more');
  const count = await store.collection<LibraryFileDocument>(LIBRARY_FILES).countDocuments({ itemId });
  if (count >= MAX_FILES_PER_LIBRARY_ITEM) throw new AppError('TOO_MANY_ATTACHMENTS', `At most ${MAX_FILES_PER_LIBRARY_ITEM} files on one item`);
  return item;
}

/** Before an upload's body is read. */
export async function checkLibraryItemFile(store: Readable, actor: Actor, itemId: string): Promise<void> {
  await attachableItem(store, actor, itemId);
}

/** Once the bytes are stored: the record and its event (ids only), checked again in the same transaction. */
export async function recordLibraryItemFile(deps: LibraryDeps, actor: Actor, itemId: string, file: StoredFile): Promise<LibraryItemFileView> {
  const at = deps.clock.now().toISOString();
  const record = await deps.store.withTransaction(async (scope) => {
    const item = await attachableItem(scope, actor, itemId);
    const record: LibraryFileDocument = { _id: newId(), itemId, version: item.version, ...storedFileFields(file), addedBy: actor.userId, addedAt: at };
    await scope.collection<LibraryFileDocument>(LIBRARY_FILES).insertOne(record);
    await appendEvent(scope, 'library.item_file_added', null, { itemId, attachmentId: record._id, by: actor.userId }, at);
    return record;
  });
  deps.onCommit();
  return fileView(record);
}

/**
 * A file the actor may download: one on an item they may read that is not withdrawn, and for whom
 * it is (a registered-only item's, as a registered-only dialogue's, is kept in no cache). Anything
 * else answers as a missing file.
 */
export async function downloadableLibraryFile(store: Readable, actor: Actor | null, fileId: string): Promise<{ file: LibraryFileDocument; audience: FileAudience }> {
  const file = await store.collection<LibraryFileDocument>(LIBRARY_FILES).findOne({ _id: fileId });
  if (!file) throw new AppError('NOT_FOUND', NO_FILE);
  const item = await visibleLibraryItem(store, actor, file.itemId).catch(() => null);
  if (!item || item.withdrawal) throw new AppError('NOT_FOUND', NO_FILE);
  return { file, audience: item.visibility === 'public' ? 'everyone' : 'restricted' };
}

/** The files of an item up to `version` (those attached to it or to an earlier one), oldest first; the caller has checked who reads. */
export async function libraryItemFiles(store: Readable, itemId: string, version: number): Promise<LibraryItemFileView[]> {
  const files = await store.collection<LibraryFileDocument>(LIBRARY_FILES).find({ itemId, version: { $lte: version } }, { sort: { addedAt: 1, _id: 1 } });
  return files.map(fileView);
}

/**
 * The files of each of these items (all of them: a file is attached to a version no later than the
 * current one), oldest first; the caller has checked who reads. For the open data API's lists.
 */
export async function filesOfLibraryItems(store: Readable, itemIds: string[]): Promise<Map<string, LibraryItemFileView[]>> {
  const byItem = new Map<string, LibraryItemFileView[]>(itemIds.map((id) => [id, []]));
  if (itemIds.length === 0) return byItem;
  const files = await store.collection<LibraryFileDocument>(LIBRARY_FILES).find({ itemId: { $in: [...new Set(itemIds)] } }, { sort: { addedAt: 1, _id: 1 } });
  for (const file of files) byItem.get(file.itemId)?.push(fileView(file));
  return byItem;
}

/** The names of every file of an item, for its search text. */
export async function libraryFileNames(store: Readable, itemId: string): Promise<string[]> {
  const files = await store.collection<LibraryFileDocument>(LIBRARY_FILES).find({ itemId }, { sort: { addedAt: 1, _id: 1 } });
  return files.map((file) => file.name);
}

function fileView(file: LibraryFileDocument): LibraryItemFileView {
  return { id: file._id, name: file.name, fileType: file.fileType, size: file.size, addedAt: file.addedAt, version: file.version };
}

/** Which of these blobs a library file names: the blob sweep keeps them. */
export async function libraryFileBlobsAmong(store: Readable, blobIds: string[]): Promise<Set<string>> {
  if (blobIds.length === 0) return new Set();
  const files = await store.collection<LibraryFileDocument>(LIBRARY_FILES).find({ blobId: { $in: blobIds } });
  return new Set(files.map((file) => file.blobId));
}

export async function ensureLibraryFileIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(LIBRARY_FILES, [
    { keys: { itemId: 1, addedAt: 1 }, name: 'item' },
    { keys: { blobId: 1 }, unique: true, name: 'blob' },
    { keys: { addedBy: 1 }, name: 'person' },
  ]);
}
