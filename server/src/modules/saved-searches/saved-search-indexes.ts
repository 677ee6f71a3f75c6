import type { DocumentStore } from '../../platform/store/document-store.ts';
import { SAVED_SEARCH_MARKS, SAVED_SEARCHES } from './documents.ts';

export async function ensureSavedSearchIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(SAVED_SEARCHES, [{ keys: { userId: 1 }, name: 'person' }]);
  await store.ensureIndexes(SAVED_SEARCH_MARKS, [
    { keys: { savedSearchId: 1 }, name: 'saved-search' },
    { keys: { userId: 1 }, name: 'person' },
  ]);
}
