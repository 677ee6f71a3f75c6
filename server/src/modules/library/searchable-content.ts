// What of the library search may find: current items, never withdrawn ones (they stay readable by
// their link, with the reason, but are listed apart — queries.ts). Who may read an item is the
// library's rule (public, or for people with a confirmed address), checked again for each result.
// An item's files' names are part of it (as a dialogue's are), everyone who reads it reads them.
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { LIBRARY_ITEMS, type LibraryItemDocument } from './documents.ts';
import { libraryFileNames } from './files.ts';
import { visibleLibraryItem } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type SearchableLibraryItem = Pick<
  LibraryItemDocument,
  'arenaIds' | 'audiences' | 'language' | 'visibility' | 'title' | 'summary' | 'body' | 'organisationId' | 'publishedAt' | 'updatedAt'
> & { id: string; fileNames: string[] };

/** The item as search may hold it, or null when it is withdrawn or missing. */
export async function searchableLibraryItem(store: Readable, itemId: string): Promise<SearchableLibraryItem | null> {
  return searchable(store, await store.collection<LibraryItemDocument>(LIBRARY_ITEMS).findOne({ _id: itemId }));
}

/** Every item's id (`pnpm reindex`). */
export async function everyLibraryItemId(store: Readable): Promise<string[]> {
  const items = await store.collection<LibraryItemDocument>(LIBRARY_ITEMS).find({});
  return items.map((item) => item._id);
}

/** The item if the actor may read it now and it is not withdrawn; otherwise null. */
export async function readableLibraryItem(store: Readable, actor: Actor | null, itemId: string): Promise<SearchableLibraryItem | null> {
  return searchable(store, await visibleLibraryItem(store, actor, itemId).catch(() => null));
}

async function searchable(store: Readable, item: LibraryItemDocument | null): Promise<SearchableLibraryItem | null> {
  if (!item || item.withdrawal !== null) return null;
  const { _id, arenaIds, audiences, language, visibility, title, summary, body, organisationId, publishedAt, updatedAt } = item;
  const fileNames = await libraryFileNames(store, _id);
  return { id: _id, arenaIds, audiences, language, visibility, title, summary, body, organisationId, publishedAt, updatedAt, fileNames };
}
