// The embedded engine's index: MiniSearch plus the event sequence it reflects. It lives inside the
// search worker (search-worker.ts); nothing here touches threads or files, so it stays a plain,
// synchronous object.

import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { plainTextFromMarkdown } from './markdown-plain-text.ts';
import type { SearchDocument, SearchHit, SearchQuery, SearchResult } from './search-index.ts';
import { snippetAround } from './search-snippet.ts';
import { searchTerm, searchTokens } from './search-terms.ts';

/** What MiniSearch indexes and stores per document: the body as plain text, not markdown. */
type IndexedDocument = Omit<SearchDocument, 'createdAt'>;
type StoredFields = Omit<IndexedDocument, 'id'>;

/**
 * Names the snapshot layout *and* the term processing: a snapshot built with other tokens or terms
 * would silently mismatch queries, so changing either must change this, and an old snapshot is then
 * discarded (the index starts empty at seq 0 and the indexer replays the event log).
 */
export const SNAPSHOT_FORMAT = 'dialogforum-search/1';

const STORED_FIELDS: (keyof StoredFields)[] = ['kind', 'dialogueId', 'threadId', 'arenaId', 'visibility', 'title', 'body'];

const MINISEARCH_OPTIONS: Options<IndexedDocument> = {
  idField: 'id',
  fields: ['title', 'body'],
  storeFields: STORED_FIELDS,
  tokenize: searchTokens,
  processTerm: searchTerm,
};

/** A title match weighs as much as three body matches: titles name what a dialogue is about. */
const QUERY_OPTIONS: SearchOptions = { boost: { title: 3 }, fuzzy: 0.2, prefix: true };

export class MiniSearchIndex {
  #search: MiniSearch<IndexedDocument>;
  #throughSeq: number;

  private constructor(search: MiniSearch<IndexedDocument>, throughSeq: number) {
    this.#search = search;
    this.#throughSeq = throughSeq;
  }

  static empty(): MiniSearchIndex {
    return new MiniSearchIndex(new MiniSearch(MINISEARCH_OPTIONS), 0);
  }

  /** Throws when `snapshot` is not a complete snapshot of this format. */
  static fromSnapshot(snapshot: string): MiniSearchIndex {
    const parsed: unknown = JSON.parse(snapshot);
    if (typeof parsed !== 'object' || parsed === null) throw new Error('the snapshot is not an object');
    const { format, throughSeq, index } = parsed as Record<string, unknown>;
    if (format !== SNAPSHOT_FORMAT) throw new Error(`the snapshot format is ${JSON.stringify(format)}, expected ${SNAPSHOT_FORMAT}`);
    if (typeof throughSeq !== 'number' || !Number.isSafeInteger(throughSeq) || throughSeq < 0) {
      throw new Error('the snapshot has no valid throughSeq');
    }
    if (typeof index !== 'object' || index === null) throw new Error('the snapshot has no index');
    return new MiniSearchIndex(MiniSearch.loadJS(index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS), throughSeq);
  }

  /** The index and the sequence it reflects, captured together so a reload is consistent. */
  snapshot(): { content: string; throughSeq: number } {
    const content = JSON.stringify({ format: SNAPSHOT_FORMAT, throughSeq: this.#throughSeq, index: this.#search.toJSON() });
    return { content, throughSeq: this.#throughSeq };
  }

  get throughSeq(): number {
    return this.#throughSeq;
  }

  get documentCount(): number {
    return this.#search.documentCount;
  }

  upsert(docs: SearchDocument[], throughSeq: number): void {
    for (const doc of docs) {
      if (this.#search.has(doc.id)) this.#search.discard(doc.id);
      this.#search.add({
        id: doc.id,
        kind: doc.kind,
        dialogueId: doc.dialogueId,
        threadId: doc.threadId,
        arenaId: doc.arenaId,
        visibility: doc.visibility,
        title: doc.title,
        body: plainTextFromMarkdown(doc.body),
      });
    }
    this.#advance(throughSeq);
  }

  remove(ids: string[], throughSeq: number): void {
    for (const id of ids) {
      if (this.#search.has(id)) this.#search.discard(id);
    }
    this.#advance(throughSeq);
  }

  /** Empties the index; a rebuild then replays the event log from the start, hence seq 0. */
  clear(): void {
    this.#search.removeAll();
    this.#throughSeq = 0;
  }

  search(query: SearchQuery): SearchResult {
    const limit = Math.max(0, Math.floor(query.limit));
    if (query.visibilities.length === 0 || searchTokens(query.text).length === 0) return { hits: [], total: 0 };
    const visibilities = new Set<string>(query.visibilities);
    const options: SearchOptions = {
      ...QUERY_OPTIONS,
      filter: (result) => {
        const stored = result as unknown as StoredFields;
        return visibilities.has(stored.visibility) && (query.arenaId === undefined || stored.arenaId === query.arenaId);
      },
    };
    // Every word must match when possible; a query with one word no document has still finds
    // the documents with the others.
    let results = this.#search.search(query.text, { ...options, combineWith: 'AND' });
    if (results.length === 0) results = this.#search.search(query.text, { ...options, combineWith: 'OR' });
    const hits = results.slice(0, limit).map((result): SearchHit => {
      // MiniSearch returns the stored fields (storeFields) as properties of each result.
      const stored = result as unknown as StoredFields;
      return {
        id: String(result.id),
        kind: stored.kind,
        dialogueId: stored.dialogueId,
        threadId: stored.threadId,
        title: stored.title,
        snippet: snippetAround(stored.body, new Set(result.terms)),
        score: result.score,
      };
    });
    return { hits, total: results.length };
  }

  #advance(throughSeq: number): void {
    // Events are delivered at least once: a redelivered batch must not move the mark backwards.
    this.#throughSeq = Math.max(this.#throughSeq, throughSeq);
  }
}
