// A person's saved searches: saving, renaming, changing the alerts, deleting. Personal bookkeeping
// like follows and the e-mail choice: nothing reacts to it, so it writes no event. Someone else's
// saved search answers NOT_FOUND, exactly as a missing one.
import { SAVED_SEARCH_MAX, type ChangeSavedSearchInput, type SaveSearchInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { SAVED_SEARCH_MARKS, SAVED_SEARCHES, type SavedSearchDocument, type SavedSearchMarkDocument } from './documents.ts';

export type SavedSearchDeps = { store: DocumentStore; clock: Clock };

export async function saveSearch(deps: SavedSearchDeps, actor: Actor, input: SaveSearchInput): Promise<{ savedSearchId: string }> {
  const at = deps.clock.now().toISOString();
  const savedSearchId = newId();
  await deps.store.withTransaction(async (scope) => {
    const saved = scope.collection<SavedSearchDocument>(SAVED_SEARCHES);
    // Counted in the transaction that inserts, so two saves at once cannot both pass the limit.
    if ((await saved.countDocuments({ userId: actor.userId })) >= SAVED_SEARCH_MAX) {
      throw new AppError('TOO_MANY_SAVED_SEARCHES', `At most ${SAVED_SEARCH_MAX} saved searches`);
    }
    await saved.insertOne({ _id: savedSearchId, userId: actor.userId, name: input.name, query: input.query, inApp: input.inApp, email: input.email, createdAt: at, updatedAt: at });
  });
  return { savedSearchId };
}

export async function changeSavedSearch(deps: SavedSearchDeps, actor: Actor, input: ChangeSavedSearchInput): Promise<void> {
  const set: Partial<SavedSearchDocument> = { updatedAt: deps.clock.now().toISOString() };
  if (input.name !== undefined) set.name = input.name;
  if (input.inApp !== undefined) set.inApp = input.inApp;
  if (input.email !== undefined) set.email = input.email;
  const changed = await deps.store
    .collection<SavedSearchDocument>(SAVED_SEARCHES)
    .updateOne({ _id: input.savedSearchId, userId: actor.userId }, { $set: set });
  if (changed.matchedCount === 0) throw new AppError('NOT_FOUND', 'No such saved search');
}

/** Deletes it with its marks; deleting one that is gone (or never was the caller's) answers the same. */
export async function deleteSavedSearch(deps: SavedSearchDeps, actor: Actor, savedSearchId: string): Promise<void> {
  await deps.store.withTransaction(async (scope) => {
    const deleted = await scope.collection<SavedSearchDocument>(SAVED_SEARCHES).deleteMany({ _id: savedSearchId, userId: actor.userId });
    if (deleted > 0) await scope.collection<SavedSearchMarkDocument>(SAVED_SEARCH_MARKS).deleteMany({ savedSearchId });
  });
}

/** The link in a saved search's mail: that search mails no more (its in-app alerts stay as chosen). */
export async function stopSavedSearchMail(deps: SavedSearchDeps, userId: string, savedSearchId: string): Promise<void> {
  await deps.store
    .collection<SavedSearchDocument>(SAVED_SEARCHES)
    .updateOne({ _id: savedSearchId, userId }, { $set: { email: 'off', updatedAt: deps.clock.now().toISOString() } });
}
