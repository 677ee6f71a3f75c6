// Reading saved searches: a person's own list, and what other modules show of one (the notifier's
// notifications and the unsubscribe page) by id.
import { SAVED_SEARCH_MAX, type SavedSearchList, type SavedSearchView } from '@dialogforum/contracts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { SAVED_SEARCHES, type SavedSearchDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export function savedSearchView(saved: SavedSearchDocument): SavedSearchView {
  return { id: saved._id, name: saved.name, query: saved.query, inApp: saved.inApp, email: saved.email, createdAt: saved.createdAt, updatedAt: saved.updatedAt };
}

export async function listSavedSearches(store: Readable, actor: Actor): Promise<SavedSearchList> {
  const saved = await store.collection<SavedSearchDocument>(SAVED_SEARCHES).find({ userId: actor.userId }, { sort: { createdAt: 1 } });
  return { items: saved.map(savedSearchView), max: SAVED_SEARCH_MAX };
}

/** One person's saved searches by id (others' and missing ones are left out). */
export async function savedSearchesOf(store: Readable, userId: string, ids: string[]): Promise<Map<string, SavedSearchView>> {
  if (ids.length === 0) return new Map();
  const saved = await store.collection<SavedSearchDocument>(SAVED_SEARCHES).find({ _id: { $in: [...new Set(ids)] }, userId });
  return new Map(saved.map((doc) => [doc._id, savedSearchView(doc)]));
}
