// The production search engine (MEILISEARCH_URL): Meilisearch through its official client. Kept
// thin on purpose — the contract suite runs against it only when a Meilisearch server is at hand,
// so everything that can be shared with the embedded engine (markdown → plain text, snippet length)
// is shared.

import { Meilisearch, type Index, type Task } from 'meilisearch';
import { plainTextFromMarkdown } from './markdown-plain-text.ts';
import type { SearchDocument, SearchHit, SearchIndex, SearchQuery, SearchResult } from './search-index.ts';
import { clampSnippet } from './search-snippet.ts';

/**
 * A document as Meilisearch holds it. Meilisearch ids allow only letters, digits, '-' and '_', so
 * the primary key is `key` ('post:abc' → 'post-abc') and the port's id travels alongside as `id`.
 * The body is stored as plain text, so the crop Meilisearch returns is already a plain snippet.
 */
type MeiliDocument = Omit<SearchDocument, 'createdAt'> & { key: string; createdAt: string };

const PRIMARY_KEY = 'key';
/** Words, not characters: about 200 characters of Swedish or English prose. */
const CROP_WORDS = 30;
/** Large batches during `pnpm reindex` can take Meilisearch longer than the client's 5 s default. */
const TASK_WAIT = { timeout: 120_000, interval: 50 };

export async function openMeiliSearch(url: string, apiKey?: string, indexName = 'dialogforum'): Promise<SearchIndex> {
  const client = new Meilisearch({ host: url, ...(apiKey === undefined ? {} : { apiKey }), defaultWaitOptions: TASK_WAIT });
  const created = await client.createIndex(indexName, { primaryKey: PRIMARY_KEY }).waitTask();
  if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') succeeded(created);
  const index = client.index<MeiliDocument>(indexName);
  succeeded(
    await index
      .updateSettings({
        // Order matters: Meilisearch's "attribute" ranking rule ranks title matches above body matches.
        searchableAttributes: ['title', 'body'],
        filterableAttributes: ['kind', 'visibility', 'arenaId', 'dialogueId'],
      })
      .waitTask(),
  );
  return new MeiliSearch(index);
}

class MeiliSearch implements SearchIndex {
  readonly engine = 'meilisearch';
  readonly #index: Index<MeiliDocument>;

  constructor(index: Index<MeiliDocument>) {
    this.#index = index;
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const documents = docs.map((doc): MeiliDocument => ({ ...doc, key: meiliKey(doc.id), body: plainTextFromMarkdown(doc.body) }));
    succeeded(await this.#index.addDocuments(documents, { primaryKey: PRIMARY_KEY }).waitTask());
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    succeeded(await this.#index.deleteDocuments(ids.map(meiliKey)).waitTask());
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    if (query.visibilities.length === 0 || query.text.trim() === '') return { hits: [], total: 0 };
    const limit = Math.max(0, Math.floor(query.limit));
    const filters = [`visibility IN [${query.visibilities.map(filterValue).join(', ')}]`];
    if (query.arenaId !== undefined) filters.push(`arenaId = ${filterValue(query.arenaId)}`);
    const response = await this.#index.search(query.text, {
      filter: filters.join(' AND '),
      // Page-based search returns the exact total instead of an estimate.
      page: 1,
      hitsPerPage: limit,
      // `_formatted` holds only retrieved attributes, so the body must be retrieved to be cropped.
      attributesToRetrieve: ['id', 'kind', 'dialogueId', 'threadId', 'title', 'body'],
      attributesToCrop: ['body'],
      cropLength: CROP_WORDS,
      cropMarker: '…',
      showRankingScore: true,
    });
    const hits = response.hits.map(
      (hit): SearchHit => ({
        id: hit.id,
        kind: hit.kind,
        dialogueId: hit.dialogueId,
        threadId: hit.threadId,
        title: hit.title,
        snippet: clampSnippet(hit._formatted?.body ?? ''),
        score: hit._rankingScore ?? 0,
      }),
    );
    return { hits, total: response.totalHits };
  }

  async clear(): Promise<void> {
    succeeded(await this.#index.deleteAllDocuments().waitTask());
  }

  /** Meilisearch persists a task before reporting it succeeded, and upsert waits for that. */
  async durableThroughSeq(): Promise<null> {
    return null;
  }

  /** The client holds no connection of its own (it uses fetch). */
  async close(): Promise<void> {}
}

function meiliKey(id: string): string {
  const key = id.replaceAll(':', '-');
  if (!/^[A-Za-z0-9_-]{1,511}$/.test(key)) throw new Error(`search document id ${JSON.stringify(id)} cannot be a Meilisearch id`);
  return key;
}

/** A string literal in Meilisearch's filter syntax. */
function filterValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function succeeded(task: Task): void {
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no error given'}`);
  }
}
