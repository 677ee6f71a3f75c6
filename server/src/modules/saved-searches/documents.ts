import type { EmailChoice, SearchQueryInput } from '@dialogforum/contracts';

/** A search a person keeps under a name, and how new content it finds is told to them. */
export type SavedSearchDocument = {
  _id: string;
  userId: string;
  name: string;
  query: SearchQueryInput;
  /** Told in the app's notifications. */
  inApp: boolean;
  /** Told by e-mail: at once, in the daily summary, or not. */
  email: EmailChoice;
  createdAt: string;
  updatedAt: string;
};

/**
 * The once-only mark: this saved search has told of this search result. Its id is the pair, and it
 * is written in the transaction that tells of it, so handling an event again tells nobody twice.
 */
export type SavedSearchMarkDocument = {
  _id: string; // markId(savedSearchId, resultId)
  savedSearchId: string;
  userId: string;
  /** The search result ('post:<id>', 'dialogue:<id>'). */
  resultId: string;
  seq: number;
  at: string;
};

export const SAVED_SEARCHES = 'savedSearches';
export const SAVED_SEARCH_MARKS = 'savedSearchMarks';

export function markId(savedSearchId: string, resultId: string): string {
  return `${savedSearchId}:${resultId}`;
}
