// What the saved-searches module holds about a person: their saved searches and which results each
// has told them of. Exported with their data; forgotten when they are erased (none of it is part of
// a procurement's record).
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { SAVED_SEARCH_MARKS, SAVED_SEARCHES, type SavedSearchDocument, type SavedSearchMarkDocument } from './documents.ts';

export async function savedSearchesPersonalData(store: DocumentStore, userId: string) {
  const [saved, marks] = await Promise.all([
    store.collection<SavedSearchDocument>(SAVED_SEARCHES).find({ userId }, { sort: { createdAt: 1 } }),
    store.collection<SavedSearchMarkDocument>(SAVED_SEARCH_MARKS).find({ userId }, { sort: { seq: 1 } }),
  ]);
  return {
    savedSearches: saved.map((search) => ({
      id: search._id,
      name: search.name,
      query: search.query,
      inApp: search.inApp,
      email: search.email,
      createdAt: search.createdAt,
      updatedAt: search.updatedAt,
      toldOf: marks.filter((mark) => mark.savedSearchId === search._id).map((mark) => ({ result: mark.resultId, at: mark.at })),
    })),
  };
}

export async function forgetSavedSearchesOnErasure(scope: TransactionScope, userId: string): Promise<void> {
  await scope.collection<SavedSearchDocument>(SAVED_SEARCHES).deleteMany({ userId });
  await scope.collection<SavedSearchMarkDocument>(SAVED_SEARCH_MARKS).deleteMany({ userId });
}
