// The search index port (DESIGN.md §4). The search indexer feeds it documents derived from events;
// the search queries read it. Two engines implement it: an embedded MiniSearch in a worker thread
// (no URL configured) and Meilisearch (MEILISEARCH_URL). The contract suite in
// server/test/search proves both behave the same.

export type SearchDocument = {
  /** e.g. 'dialogue:<id>' or 'post:<id>'. */
  id: string;
  kind: 'dialogue' | 'question' | 'answer' | 'comment';
  dialogueId: string;
  threadId: string | null;
  arenaId: string;
  visibility: 'public' | 'registered';
  /** The dialogue title, or the thread title for posts. */
  title: string;
  /** Markdown source. */
  body: string;
  /** ISO 8601. */
  createdAt: string;
};

export type SearchVisibility = SearchDocument['visibility'];

export type SearchQuery = {
  text: string;
  limit: number;
  /** Only documents with one of these visibilities are returned; an empty list returns nothing. */
  visibilities: SearchVisibility[];
  arenaId?: string;
};

export type SearchHit = {
  id: string;
  kind: SearchDocument['kind'];
  dialogueId: string;
  threadId: string | null;
  title: string;
  /** Plain text (no markup, no HTML) around the first matched term, about 200 characters. */
  snippet: string;
  /** Higher is better; comparable only within one result list of one engine. */
  score: number;
};

export type SearchResult = { hits: SearchHit[]; total: number };

export interface SearchIndex {
  readonly engine: 'embedded' | 'meilisearch';
  /** Adds or replaces documents; resolves once they are searchable. `throughSeq` is the highest event sequence these documents reflect. */
  upsert(docs: SearchDocument[], throughSeq: number): Promise<void>;
  remove(ids: string[], throughSeq: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Empties the index (used by `pnpm reindex`). */
  clear(): Promise<void>;
  /** For an index that may lose recent writes on a crash (embedded snapshot): the highest seq it is known to hold durably; null when every resolved upsert is durable (Meilisearch). */
  durableThroughSeq(): Promise<number | null>;
  close(): Promise<void>;
}
