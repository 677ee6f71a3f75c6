// Search for a viewer: the index says which documents match, the store says what they show now.
// Every hit is checked again against the store before it is shown — the index follows the event
// log a moment behind, and a post hidden or a dialogue made registered-only in that moment must
// not be shown by its old index entry. Authors are never shown: results carry no person at all.
import type { SearchFacetName, SearchFacetValue, SearchRequest, SearchResultsView, SearchResultView } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { canViewDialogue, visibleDialogueVisibilities } from '../../platform/policy/policy.ts';
import { searchReaders } from '../../platform/policy/search-readers.ts';
import { plainTextFromMarkdown } from '../../platform/search/markdown-plain-text.ts';
import type { SearchFacetCounts, SearchFilters, SearchHit, SearchIndex } from '../../platform/search/search-index.ts';
import { highlighted, highlightedSnippet } from '../../platform/search/search-snippet.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { TurnBudget } from '../../platform/turn-budget.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { currentContentView, dialogueContext } from './content-views.ts';
import { hitPostId, readDialogueHits, type DialogueHitReads } from './dialogue-hit-reads.ts';
import { searchableByAll } from './indexer-processor.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** Facets with many values (dialogues, buyers) list the most frequent. */
const FACET_VALUES = 12;
const DAY_MS = 86_400_000;
/**
 * Main-thread time a search's re-reads and views may take before the loop turns. Issue 10 §8 allows
 * no turn over 5 ms; a young-generation collection landing in a turn adds its own milliseconds.
 */
const SEARCH_TURN_BUDGET_MS = 1;

export async function searchFor(store: Readable, search: SearchIndex, actor: Actor | null, input: SearchRequest): Promise<SearchResultsView> {
  const result = await search
    .search({
      text: input.q,
      // Dialogues for registered users are found (and counted) only by registered users.
      visibilities: visibleDialogueVisibilities(actor),
      // What only some may read (a meeting's minutes while its round is open) is found and counted only by them.
      readers: searchReaders(actor),
      filters: filtersOf(input),
      sort: input.sort,
      offset: (input.page - 1) * input.limit,
      limit: input.limit,
      facets: input.facets,
    })
    .catch((error: unknown) => {
      // The engine's own words (addresses, paths) are for the log, not for the caller.
      throw Object.assign(new AppError('SEARCH_UNAVAILABLE', 'The search engine is unavailable'), { cause: error });
    });
  // The engine answered from its worker, so the loop has just turned: the budget starts now.
  const budget = new TurnBudget(SEARCH_TURN_BUDGET_MS);
  const facetDialogues = result.facets ? top(result.facets.dialogueId).map(([id]) => id) : [];
  const reads = await readDialogueHits(store, result.hits, facetDialogues, budget);
  const hits: SearchResultView[] = [];
  for (const hit of result.hits) {
    await budget.spend();
    const view = await currentView(store, reads, actor, hit);
    if (view) hits.push(view);
  }
  await budget.spend();
  const named = hits.flatMap((hit) => [...(hit.dialogue?.buyers ?? []), ...(hit.publisher ? [hit.publisher] : [])]);
  // Only the buyers the facet shows are named: a common word is counted under nearly every buyer.
  const facetBuyers = top(result.facets?.buyerOrganisationId ?? {}).map(([id]) => id);
  const names = await organisationSummaries(store, [...named.map((organisation) => organisation.id), ...facetBuyers]);
  for (const organisation of named) organisation.name = names.get(organisation.id)?.name ?? '';
  await budget.spend();
  return {
    hits,
    total: result.total,
    page: input.page,
    pageCount: Math.ceil(result.total / input.limit),
    facets: result.facets ? facetViews(actor, result.facets, reads.dialogues, names) : null,
  };
}

/** A facet's most frequent values, most first, with their counts. */
function top(values: Record<string, number>): [string, number][] {
  return Object.entries(values)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, FACET_VALUES);
}

export function filtersOf(input: SearchRequest): SearchFilters {
  return {
    ...(input.kinds ? { kinds: input.kinds } : {}),
    ...(input.arenaIds ? { arenaIds: input.arenaIds } : {}),
    ...(input.dialogueIds ? { dialogueIds: input.dialogueIds } : {}),
    ...(input.buyerOrganisationIds ? { buyerOrganisationIds: input.buyerOrganisationIds } : {}),
    ...(input.phases ? { phases: input.phases } : {}),
    ...(input.answered !== undefined ? { answered: input.answered } : {}),
    ...(input.from ? { createdFrom: `${input.from}T00:00:00.000Z` } : {}),
    // The last day is included: up to the start of the next.
    ...(input.to ? { createdBefore: new Date(Date.parse(`${input.to}T00:00:00.000Z`) + DAY_MS).toISOString() } : {}),
  };
}

/** The hit as the store holds it now, or null when the viewer may no longer see it. */
async function currentView(store: Readable, reads: DialogueHitReads, actor: Actor | null, hit: SearchHit): Promise<SearchResultView | null> {
  const matched = new Set(hit.matchedTerms);
  switch (hit.kind) {
    case 'dialogue':
    case 'question':
    case 'answer':
    case 'comment':
      return currentDialogueView(reads, actor, hit, matched);
    default:
      // Sessions, meetings, the library and the relay: each module's own reader decides.
      return currentContentView(store, actor, hit, matched);
  }
}

function currentDialogueView(reads: DialogueHitReads, actor: Actor | null, hit: SearchHit, matched: Set<string>): SearchResultView | null {
  const dialogue = reads.dialogues.get(hit.dialogueId);
  if (!dialogue || !canViewDialogue(actor, dialogue)) return null;
  const context = dialogueContext(dialogue);
  if (hit.kind === 'dialogue') {
    return {
      id: hit.id,
      kind: 'dialogue',
      threadId: null,
      ...context,
      title: highlighted(dialogue.title, matched),
      snippet: highlightedSnippet(plainTextFromMarkdown(dialogue.description), matched),
      answer: null,
      answered: null,
      createdAt: dialogue.createdAt,
    };
  }
  const thread = reads.threads.get(hit.threadId ?? '');
  if (!thread || thread.dialogueId !== dialogue._id) return null;
  // The indexer's own rule: only what everyone who may see the dialogue may read.
  const readable = searchableByAll(thread, reads.questions.get(thread._id) ?? []);
  const post = reads.posts.get(hitPostId(hit) ?? '');
  if (!post || post.threadId !== thread._id || !readable(post)) return null;
  // Found by its question: the official answer comes with it, as one result.
  const answer =
    post.kind === 'question'
      ? (reads.answers.get(thread._id) ?? [])
          .filter((candidate) => candidate.official && readable(candidate))
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]
      : undefined;
  return {
    id: hit.id,
    kind: post.kind,
    threadId: thread._id,
    ...context,
    title: highlighted(thread.title, matched),
    snippet: highlightedSnippet(plainTextFromMarkdown(post.body), matched),
    answer: answer ? { snippet: highlightedSnippet(plainTextFromMarkdown(answer.body), matched), at: answer.createdAt } : null,
    answered: thread.answered,
    createdAt: post.createdAt,
  };
}

function facetViews(
  actor: Actor | null,
  counts: SearchFacetCounts,
  dialogues: Map<string, DialogueDocument>,
  organisations: Map<string, { name: string }>,
): Record<SearchFacetName, SearchFacetValue[]> {
  const topDialogues = top(counts.dialogueId);
  // Counted by the index within the viewer's visibilities; named only if the store agrees.
  const titles = new Map(
    topDialogues.flatMap(([id]) => {
      const dialogue = dialogues.get(id);
      return dialogue && canViewDialogue(actor, dialogue) ? [[id, dialogue.title] as const] : [];
    }),
  );
  // '' is what belongs to no dialogue or phase (library items, relay handovers): no value to filter by.
  const plain = (values: Record<string, number>): SearchFacetValue[] => top(values).flatMap(([value, count]) => (value === '' ? [] : [{ value, label: null, count }]));
  return {
    kind: plain(counts.kind),
    arenaId: plain(counts.arenaId),
    dialogueId: topDialogues.flatMap(([value, count]) => (titles.has(value) ? [{ value, label: titles.get(value)!, count }] : [])),
    buyerOrganisationId: top(counts.buyerOrganisationId).map(([value, count]) => ({ value, label: organisations.get(value)?.name ?? null, count })),
    phase: plain(counts.phase),
    answered: plain(counts.answered),
  };
}
