// Which saved searches find new content in an event, for whom: the notifier tells of them
// (notifications/saved-search-notices.ts) in its own transaction, with the marks written here.
//
// The event's new documents go into a transient index of their own, and each saved search is run
// over it as its person would run it on the search page (search/new-content.ts): the same engine
// rules for words, the same filters, the person's visibilities, and every hit checked against the
// store and the policy as a search result is. So a registered-only dialogue never alerts someone
// who may not see it, and a private answer, a question in the inbox or a hidden post never becomes
// a document at all. Nobody is told of what they wrote themself.
import type { DomainEvent } from '../../platform/events/event-log.ts';
import { transientSearch } from '../../platform/search/transient-search.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { personStanding, type PersonStanding } from '../accounts/queries.ts';
import { mayFindNew, newResultsFor, newSearchDocuments } from '../search/new-content.ts';
import { markId, SAVED_SEARCH_MARKS, SAVED_SEARCHES, type SavedSearchDocument, type SavedSearchMarkDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type SavedSearchAlert = { savedSearch: SavedSearchDocument; person: PersonStanding; resultIds: string[] };

export async function savedSearchAlerts(store: Readable, event: DomainEvent): Promise<SavedSearchAlert[]> {
  const docs = await newSearchDocuments(store, event);
  if (docs.length === 0) return [];
  const newContent = transientSearch(docs);
  const alerts: SavedSearchAlert[] = [];
  for (const savedSearch of await store.collection<SavedSearchDocument>(SAVED_SEARCHES).find({})) {
    if (!savedSearch.inApp && savedSearch.email === 'off') continue;
    if (savedSearch.userId === event.subject.by || !(await mayFindNew(newContent, savedSearch.query))) continue;
    const person = await personStanding(store, savedSearch.userId);
    if (!person) continue;
    const resultIds = await newResultsFor(store, newContent, person.actor, savedSearch.query);
    if (resultIds.length > 0) alerts.push({ savedSearch, person, resultIds });
  }
  return alerts;
}

/** Marks the alert's results as told, in the telling transaction; returns those not told before. */
export async function markToldOf(scope: TransactionScope, alert: SavedSearchAlert, seq: number, at: string): Promise<string[]> {
  const marks = scope.collection<SavedSearchMarkDocument>(SAVED_SEARCH_MARKS);
  const fresh: string[] = [];
  for (const resultId of alert.resultIds) {
    const savedSearchId = alert.savedSearch._id;
    const marked = await marks.updateOne(
      { _id: markId(savedSearchId, resultId) },
      { $setOnInsert: { savedSearchId, userId: alert.savedSearch.userId, resultId, seq, at } },
      { upsert: true },
    );
    // Told already (the event is handled again after a restart): once only.
    if (marked.upsertedId === null) continue;
    fresh.push(resultId);
  }
  return fresh;
}
