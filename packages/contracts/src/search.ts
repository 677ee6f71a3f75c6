// Search: what a person asks for and what they get back. Results carry their context (dialogue,
// buyers, arena, phase, answered) and text as highlighted segments — never HTML — so the client
// draws matches with <mark> around plain text nodes.
import { z } from 'zod';
import { ARENA_IDS, type ArenaId } from './arenas.ts';
import { idSchema, lineOfText, PHASES, phaseSchema, type Language, type Phase } from './inputs.ts';
import type { Audience } from './library.ts';

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
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_SORTS = ['relevance', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** A calendar day, yyyy-mm-dd (dates are days in UTC). */
const day = z.iso.date();

/** What is searched for: the words and the filters (a saved search keeps exactly these). */
const searchedFor = {
  q: lineOfText(1, 200),
  kinds: z.array(z.enum(SEARCH_KINDS)).max(SEARCH_KINDS.length).optional(),
  arenaIds: z.array(z.enum(ARENA_IDS)).max(ARENA_IDS.length).optional(),
  dialogueIds: z.array(idSchema).max(20).optional(),
  buyerOrganisationIds: z.array(idSchema).max(20).optional(),
  phases: z.array(phaseSchema).max(PHASES.length).optional(),
  answered: z.boolean().optional(),
  /** First day, inclusive. */
  from: day.optional(),
  /** Last day, inclusive. */
  to: day.optional(),
};
const dateRangeInOrder = (input: { from?: string | undefined; to?: string | undefined }) => !input.from || !input.to || input.from <= input.to;

export const searchInput = z
  .strictObject({
    ...searchedFor,
    sort: z.enum(SEARCH_SORTS).default('relevance'),
    page: z.number().int().min(1).max(100).default(1),
    limit: z.number().int().min(1).max(50).default(20),
    /** Count results per filter value (the results page); suggestions leave it out. */
    facets: z.boolean().default(false),
  })
  .refine(dateRangeInOrder, { error: 'date_range', path: ['to'] });
/** A search's words and filters without its page or order: what a saved search keeps. */
export const searchQuerySchema = z.strictObject(searchedFor).refine(dateRangeInOrder, { error: 'date_range', path: ['to'] });
export type SearchQueryInput = z.infer<typeof searchQuerySchema>;
export type SearchInput = z.input<typeof searchInput>;
/** The input as the server sees it, defaults filled in. */
export type SearchRequest = z.output<typeof searchInput>;

/** Text in pieces; `match` pieces are what the search found. */
export type HighlightedText = { text: string; match: boolean }[];

export type SearchResultView = {
  /** 'dialogue:<id>', 'post:<id>', 'minutes:<session>', 'live:<question>', 'meeting:<slot>', 'library:<item>:<arena>' or 'handover:<project>'. */
  id: string;
  /** What matched best: the dialogue, a question, its official answer, a comment, a session's minutes, a live-room question, a one-to-one meeting's minutes, a library item or a relay handover. */
  kind: SearchKind;
  /** The dialogue it was said in; null for library items and relay handovers, which belong to an arena. */
  dialogueId: string | null;
  threadId: string | null;
  /** The session, meeting round, library item or relay project the result is part of (its page); null for a dialogue and its threads. */
  subjectId: string | null;
  dialogue: { title: string; arenaId: ArenaId; phase: Phase; buyers: { id: string; name: string }[] } | null;
  /** The arenas it belongs to: its dialogue's, a relay project's, or a library item's (often several). */
  arenaIds: ArenaId[];
  /** A library item: for whom, and the language it is written in. */
  library: { audiences: Audience[]; language: Language } | null;
  /** The organisation a library item or a relay handover was published for (null for the platform's own material). */
  publisher: { id: string; name: string } | null;
  /** The dialogue's title for a dialogue, the question's for a post, the session's, round's, item's or project's otherwise. */
  title: HighlightedText;
  /** About 200 characters around the first match. */
  snippet: HighlightedText;
  /** A question found with its thread: the thread's official answer, when there is one (a question and its answer are one result); a live-room question: the host's answer. */
  answer: { snippet: HighlightedText; at: string } | null;
  /** Questions, answers, comments and live-room questions: whether there is a published official answer. */
  answered: boolean | null;
  createdAt: string;
};

export const SEARCH_FACET_NAMES = ['kind', 'arenaId', 'dialogueId', 'buyerOrganisationId', 'phase', 'answered'] as const;
export type SearchFacetName = (typeof SEARCH_FACET_NAMES)[number];
/** `label`: the dialogue's title or the organisation's name; other values the client names itself. */
export type SearchFacetValue = { value: string; label: string | null; count: number };

export type SearchResultsView = {
  hits: SearchResultView[];
  total: number;
  page: number;
  pageCount: number;
  facets: Record<SearchFacetName, SearchFacetValue[]> | null;
};

/** The path of the results page for a search (its query string holds the whole search). */
export function searchPath(search: SearchQueryInput & { sort?: SearchSort; page?: number }): string {
  const params = new URLSearchParams();
  params.set('q', search.q);
  for (const kind of search.kinds ?? []) params.append('kind', kind);
  for (const arena of search.arenaIds ?? []) params.append('arena', arena);
  for (const phase of search.phases ?? []) params.append('phase', phase);
  for (const dialogue of search.dialogueIds ?? []) params.append('dialogue', dialogue);
  for (const buyer of search.buyerOrganisationIds ?? []) params.append('buyer', buyer);
  if (search.answered !== undefined) params.set('answered', search.answered ? 'yes' : 'no');
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  if (search.sort === 'newest') params.set('sort', 'newest');
  if (search.page && search.page > 1) params.set('page', String(search.page));
  return `/search?${params}`;
}
