// The production search engine (MEILISEARCH_URL): Meilisearch through its official client. Kept
// thin on purpose — the contract suite runs against it only when a Meilisearch server is at hand,
// so everything that can be shared with the embedded engine (markdown → plain text, term folding)
// is shared.
//
// Its key: MEILISEARCH_KEY must be an API key limited to this index's search, document writes,
// settings and tasks (README "Running on MongoDB and Meilisearch"). A key that can list API keys —
// the master key, or an admin key with `keys.get` or `*` — is refused at start, before anything is
// written: a node holding it could mint keys for anything. The check asks Meilisearch itself (GET
// /keys answers such a key and refuses a limited one with 401/403), so it needs no knowledge of
// the key. An instance without a master key has no keys at all (GET /keys refuses every caller):
// nothing to refuse there, it is unprotected whatever the nodes hold.

import { Meilisearch, MeilisearchApiError, type Index, type Task } from 'meilisearch';
import { plainTextFromMarkdown } from './markdown-plain-text.ts';
import { emptyFacets, type SearchDocument, type SearchFacetCounts, type SearchHit, type SearchIndex, type SearchQuery, type SearchResult } from './search-index.ts';
import { searchTerm, searchTokens } from './search-terms.ts';

/**
 * A document as Meilisearch holds it. Meilisearch ids allow only letters, digits, '-' and '_', so
 * the primary key is `key` ('post:abc' → 'post-abc') and the port's id travels alongside as `id`.
 * The body is stored as plain text; `createdAtMs` is the date as a number, to filter and sort by.
 */
type MeiliDocument = SearchDocument & { key: string; createdAtMs: number };

/**
 * The reader list of a document everyone who may see it reads ([] in the port). Meilisearch cannot
 * match an empty array with IN, so such a document holds this key instead, which every searcher
 * holds; reader keys are 'org:…' or 'host:…' (platform/policy/search-readers.ts), never this.
 */
export const EVERY_READER = 'everyone';

const PRIMARY_KEY = 'key';
/** Large batches during `pnpm reindex` can take Meilisearch longer than the client's 5 s default. */
const TASK_WAIT = { timeout: 120_000, interval: 50 };
/** Marks around matched words in `_formatted`, never found in text (control characters). */
const MATCH_START = '\u0002';
const MATCH_END = '\u0003';

/** Words too common to tell documents apart (Swedish first, then English). */
export const STOP_WORDS = [
  ...'och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan man när år säger hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla andra mycket än här då sedan över bara in blir upp även vad ha mer ingen sina dem dessa detta vilka vilken vilket'.split(
    ' ',
  ),
  ...'the a an and or of to in on at for with is are be by it this that as from was were'.split(' '),
];

export const MEILI_SETTINGS = {
  // Order matters: Meilisearch's "attribute" ranking rule ranks title matches above body matches.
  searchableAttributes: ['title', 'body'],
  // `readers` is filtered on only: never searchable, retrieved or asked for as a facet.
  filterableAttributes: ['kind', 'visibility', 'readers', 'arenaId', 'dialogueId', 'buyerOrganisationIds', 'phase', 'answered', 'createdAtMs'],
  sortableAttributes: ['createdAtMs'],
  // A question and its answers are one result, as in the embedded engine.
  distinctAttribute: 'group',
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } },
  stopWords: STOP_WORDS,
  localizedAttributes: [{ attributePatterns: ['title', 'body'], locales: ['swe', 'eng'] }],
};

export async function openMeiliSearch(
  url: string,
  apiKey?: string,
  indexName = 'dialogforum',
): Promise<SearchIndex> {
  const client = new Meilisearch({ host: url, ...(apiKey === undefined ? {} : { apiKey }), defaultWaitOptions: TASK_WAIT });
  if (await managesKeys(client)) throw new SearchKeyRefused();
  const created = await client.createIndex(indexName, { primaryKey: PRIMARY_KEY }).waitTask();
  if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') succeeded(created);
  const index = client.index<MeiliDocument>(indexName);
  succeeded(await index.updateSettings(MEILI_SETTINGS).waitTask());
  return new MeiliSearch(index);
}

/** What the nodes' key needs: search, document writes, the index and its settings at start, tasks to wait on. */
export const LIMITED_KEY_ACTIONS = ['search', 'documents.add', 'documents.delete', 'indexes.create', 'indexes.get', 'settings.get', 'settings.update', 'tasks.get'];

/** The start stops: MEILISEARCH_KEY can manage API keys (main.ts prints this one line). */
export class SearchKeyRefused extends Error {
  constructor() {
    super(
      'Refusing to start: MEILISEARCH_KEY can manage Meilisearch API keys (it is the master key or an admin key). ' +
        `Create a key for the index with only the actions ${LIMITED_KEY_ACTIONS.join(', ')} and set MEILISEARCH_KEY to it.`,
    );
  }
}

async function managesKeys(client: Meilisearch): Promise<boolean> {
  try {
    await client.getKeys({ limit: 1 });
    return true;
  } catch (error) {
    if (error instanceof MeilisearchApiError && (error.response.status === 401 || error.response.status === 403)) return false;
    throw error;
  }
}

class MeiliSearch implements SearchIndex {
  readonly engine = 'meilisearch';
  readonly #index: Index<MeiliDocument>;

  constructor(index: Index<MeiliDocument>) {
    this.#index = index;
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    succeeded(await this.#index.addDocuments(docs.map(meiliDocument), { primaryKey: PRIMARY_KEY }).waitTask());
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    succeeded(await this.#index.deleteDocuments(ids.map(meiliKey)).waitTask());
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const empty: SearchResult = query.facets ? { hits: [], total: 0, facets: emptyFacets() } : { hits: [], total: 0 };
    if (query.visibilities.length === 0 || searchTokens(query.text).length === 0) return empty;
    const limit = Math.max(0, Math.floor(query.limit));
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const response = await this.#index.search(query.text, {
      filter: meiliFilter(query),
      // Page-based search returns the exact total instead of an estimate; offsets come in whole pages.
      page: limit === 0 ? 1 : Math.floor(offset / limit) + 1,
      hitsPerPage: limit,
      ...(query.sort === 'newest' ? { sort: ['createdAtMs:desc'] } : {}),
      ...(query.facets ? { facets: ['kind', 'arenaId', 'dialogueId', 'buyerOrganisationIds', 'phase', 'answered'] } : {}),
      attributesToRetrieve: ['id', 'kind', 'group', 'dialogueId', 'threadId', 'createdAt'],
      attributesToHighlight: ['title', 'body'],
      highlightPreTag: MATCH_START,
      highlightPostTag: MATCH_END,
      showRankingScore: true,
    });
    const hits = response.hits.map(
      (hit): SearchHit => ({
        id: hit.id,
        kind: hit.kind,
        group: hit.group,
        dialogueId: hit.dialogueId,
        threadId: hit.threadId,
        createdAt: hit.createdAt,
        matchedTerms: matchedTerms(`${hit._formatted?.title ?? ''} ${hit._formatted?.body ?? ''}`),
        score: hit._rankingScore ?? 0,
      }),
    );
    const total = response.totalHits ?? hits.length;
    if (!query.facets) return { hits, total };
    const distribution = response.facetDistribution ?? {};
    const facets: SearchFacetCounts = {
      kind: distribution.kind ?? {},
      arenaId: distribution.arenaId ?? {},
      dialogueId: distribution.dialogueId ?? {},
      buyerOrganisationId: distribution.buyerOrganisationIds ?? {},
      phase: distribution.phase ?? {},
      answered: distribution.answered ?? {},
    };
    return { hits, total, facets };
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

/**
 * The query's filter in Meilisearch's syntax: the engine-side half of who may find what, as the
 * embedded engine's `#filter` (inverted-index.ts) — the searcher's visibilities, then their reader
 * keys: a document without a reader list is found by everyone, one written before reader lists
 * existed has no `readers` at all (and none of those was restricted), any other only by a searcher
 * holding one of its keys.
 */
export function meiliFilter(query: SearchQuery): string {
  const filters = [
    `visibility IN [${query.visibilities.map(filterValue).join(', ')}]`,
    `(readers NOT EXISTS OR readers IN [${[EVERY_READER, ...(query.readers ?? [])].map(filterValue).join(', ')}])`,
  ];
  const f = query.filters ?? {};
  const anyOf = (attribute: string, values: string[] | undefined) => {
    if (values !== undefined) filters.push(values.length === 0 ? `${attribute} IN []` : `${attribute} IN [${values.map(filterValue).join(', ')}]`);
  };
  anyOf('kind', f.kinds);
  anyOf('arenaId', f.arenaIds);
  anyOf('dialogueId', f.dialogueIds);
  anyOf('buyerOrganisationIds', f.buyerOrganisationIds);
  anyOf('phase', f.phases);
  if (f.answered !== undefined) filters.push(`answered = ${f.answered}`);
  if (f.createdFrom !== undefined) filters.push(`createdAtMs >= ${Date.parse(f.createdFrom)}`);
  if (f.createdBefore !== undefined) filters.push(`createdAtMs < ${Date.parse(f.createdBefore)}`);
  return filters.join(' AND ');
}

/** The words Meilisearch marked as matches, as index terms. */
function matchedTerms(formatted: string): string[] {
  const terms = new Set<string>();
  for (const match of formatted.matchAll(new RegExp(`${MATCH_START}([^${MATCH_END}]*)${MATCH_END}`, 'g'))) {
    for (const token of searchTokens(match[1] ?? '')) terms.add(searchTerm(token));
  }
  return [...terms];
}

/** A document as Meilisearch holds it (see MeiliDocument and EVERY_READER). */
export function meiliDocument(doc: SearchDocument): MeiliDocument {
  return {
    ...doc,
    key: meiliKey(doc.id),
    readers: doc.readers.length === 0 ? [EVERY_READER] : doc.readers,
    body: plainTextFromMarkdown(doc.body),
    createdAtMs: Date.parse(doc.createdAt),
  };
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
