// The search index port (DESIGN.md §4). The search indexer feeds it documents derived from events;
// the search queries read it. Two engines implement it: the embedded inverted index in a worker
// thread (no URL configured) and Meilisearch (MEILISEARCH_URL). The contract suite in
// server/test/search proves both behave the same, and says where they may differ.
//
// The index answers *which* documents match and how well; the text shown (titles, snippets,
// highlights) is built by the search module from the store's current state, so an index never
// holds or returns more than ids, facts to filter on and the terms that matched.

import type { SearchKind as ContractKind } from '@dialogforum/contracts';

// The contracts' SEARCH_KINDS, kept here too so the index's worker thread loads no contracts (and no
// zod). New kinds are appended: an embedded index's stored documents name their kind, and a kind's
// number is its place in this list.
export const SEARCH_KINDS = [
  'dialogue',
  'question',
  'answer',
  'comment',
  'session-minutes',
  'live-question',
  'meeting-minutes',
  'library-item',
  'relay-handover',
] as const satisfies readonly ContractKind[];
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchDocument = {
  /** e.g. 'dialogue:<id>', 'post:<id>', 'minutes:<session id>', 'library:<item id>:<arena>'. */
  id: string;
  kind: SearchKind;
  /**
   * Documents of one group are one result (the best of them stands for the group): a question and
   * its answers share their thread's group; any other document is its own group.
   */
  group: string;
  /** '' for what belongs to an arena rather than a dialogue (library items, relay handovers). */
  dialogueId: string;
  threadId: string | null;
  /** One arena: what belongs to several (a library item) is one document per arena, in one group. */
  arenaId: string;
  visibility: 'public' | 'registered';
  /**
   * Who may find it besides being allowed its visibility: [] for everyone who may see it (nearly
   * everything), else reader keys (platform/policy/search-readers.ts, e.g. 'org:<id>') of which a
   * searcher must hold one — the minutes of a one-to-one meeting while its round is open. Only
   * ever filtered on: no engine returns, searches or counts them, so they never reach a snippet or
   * a facet.
   */
  readers: string[];
  /** The buyer organisations that own the dialogue (several for a joint procurement). */
  buyerOrganisationIds: string[];
  /** The dialogue's phase; '' outside a dialogue. */
  phase: string;
  /** A question or answer in a thread with a published official answer; a dialogue: never. */
  answered: boolean;
  /** The dialogue title, or the thread title for posts. */
  title: string;
  /** Markdown source. */
  body: string;
  /** ISO 8601. */
  createdAt: string;
};

export type SearchVisibility = SearchDocument['visibility'];

/** Every filter narrows; a list matches a document holding any of its values. */
export type SearchFilters = {
  kinds?: SearchKind[];
  arenaIds?: string[];
  dialogueIds?: string[];
  buyerOrganisationIds?: string[];
  phases?: string[];
  answered?: boolean;
  /** ISO 8601, inclusive. */
  createdFrom?: string;
  /** ISO 8601, exclusive. */
  createdBefore?: string;
};

export const SEARCH_FACETS = ['kind', 'arenaId', 'dialogueId', 'buyerOrganisationId', 'phase', 'answered'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];
/** For each facet, how many results (groups) hold each value; 'answered' counts 'true' and 'false'. */
export type SearchFacetCounts = Record<SearchFacet, Record<string, number>>;

export function emptyFacets(): SearchFacetCounts {
  return Object.fromEntries(SEARCH_FACETS.map((facet) => [facet, {}])) as SearchFacetCounts;
}

export type SearchQuery = {
  text: string;
  /** Only documents with one of these visibilities are returned or counted; an empty list finds nothing. */
  visibilities: SearchVisibility[];
  /**
   * The reader keys the searcher holds (platform/policy/search-readers.ts): a document with a
   * reader list is returned and counted only when it shares one. Left out, only documents without
   * a reader list are found.
   */
  readers?: string[];
  filters?: SearchFilters;
  /** 'relevance' (the default) or newest first. */
  sort?: 'relevance' | 'newest';
  /** Results (groups) to skip. */
  offset?: number;
  limit: number;
  /** Count facet values over all results (not only this page). */
  facets?: boolean;
};

export type SearchHit = {
  id: string;
  kind: SearchKind;
  group: string;
  dialogueId: string;
  threadId: string | null;
  createdAt: string;
  /** Index terms (see searchTerm) this document matched: what the snippet highlights. */
  matchedTerms: string[];
  /** Higher is better; comparable only within one result list of one engine. */
  score: number;
};

export type SearchResult = { hits: SearchHit[]; total: number; facets?: SearchFacetCounts };

export interface SearchIndex {
  readonly engine: 'embedded' | 'meilisearch';
  /** Adds or replaces documents; resolves once they are searchable. `throughSeq` is the highest event sequence these documents reflect. */
  upsert(docs: SearchDocument[], throughSeq: number): Promise<void>;
  remove(ids: string[], throughSeq: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Empties the index (used by `pnpm reindex`). */
  clear(): Promise<void>;
  /** For an index that may lose recent writes on a crash (embedded): the highest seq it holds durably; null when every resolved upsert is durable (Meilisearch). */
  durableThroughSeq(): Promise<number | null>;
  close(): Promise<void>;
}
