// Public consortia and open opportunities, page by page, for the open data API (issue 11 §7): what
// anyone may see, read as an anonymous visitor. A consortium kept to the buyer is never read here
// (the filter asks for public ones only), and one whose opportunity is a dialogue hidden from the
// public is left out, as its page would answer. Left-out documents are read past, in a bounded
// number of rounds, so a page is full unless the list ends (or very many in a row are hidden).
import type { ArenaId, ConsortiumSummary, OpportunitySummary } from '@dialogforum/contracts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { CONSORTIA, OPPORTUNITIES, type ConsortiumDocument, type OpportunityDocument } from './documents.ts';
import { publicConsortiumSummaries, publicOpportunitySummaries } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;
type Position = { at: string; id: string };
type PageRequest = { arenaId?: ArenaId | undefined; after?: Position | undefined; limit: number };
/** `last` is where the next page starts after: the last entry shown, or the last document read past. */
type Page<T> = { entries: T[]; more: boolean; last: Position | null };

/** Reads past at most this many batches of left-out documents for one page. */
const MAX_ROUNDS = 10;

async function visiblePage<D extends { _id: string }, T extends { id: string }>(
  request: PageRequest,
  read: (after: Position | undefined, limit: number) => Promise<D[]>,
  positionOf: (document: D) => Position,
  summarise: (documents: D[]) => Promise<T[]>,
): Promise<Page<T>> {
  const shown: { entry: T; position: Position }[] = [];
  let after = request.after;
  let exhausted = false;
  for (let round = 0; round < MAX_ROUNDS && shown.length <= request.limit && !exhausted; round += 1) {
    const batch = await read(after, request.limit + 1);
    exhausted = batch.length <= request.limit;
    const summaries = new Map((await summarise(batch)).map((summary) => [summary.id, summary]));
    for (const document of batch) {
      const entry = summaries.get(document._id);
      if (entry) shown.push({ entry, position: positionOf(document) });
    }
    const last = batch.at(-1);
    if (last) after = positionOf(last);
  }
  const page = shown.slice(0, request.limit);
  const more = shown.length > request.limit || !exhausted;
  return { entries: page.map((item) => item.entry), more, last: page.at(-1)?.position ?? after ?? null };
}

function pageFilter(base: Record<string, unknown>, field: string, arenaId: ArenaId | undefined, after: Position | undefined): Record<string, unknown> {
  const filter: Record<string, unknown> = { ...base };
  if (arenaId) filter.arenaId = arenaId;
  if (after) filter.$or = [{ [field]: { $lt: after.at } }, { [field]: after.at, _id: { $lt: after.id } }];
  return filter;
}

/** Public consortia, newest first. */
export function publicConsortiumPage(store: Readable, request: PageRequest): Promise<Page<ConsortiumSummary>> {
  return visiblePage(
    request,
    (after, limit) =>
      store.collection<ConsortiumDocument>(CONSORTIA).find(pageFilter({ visibility: 'public' }, 'createdAt', request.arenaId, after), { sort: { createdAt: -1, _id: -1 }, limit }),
    (consortium) => ({ at: consortium.createdAt, id: consortium._id }),
    (consortia) => publicConsortiumSummaries(store, consortia),
  );
}

/** Open (not withdrawn) opportunities anyone may see, newest first. */
export function openOpportunityPage(store: Readable, request: PageRequest): Promise<Page<OpportunitySummary>> {
  return visiblePage(
    request,
    (after, limit) =>
      store.collection<OpportunityDocument>(OPPORTUNITIES).find(pageFilter({ withdrawal: null }, 'publishedAt', request.arenaId, after), { sort: { publishedAt: -1, _id: -1 }, limit }),
    (opportunity) => ({ at: opportunity.publishedAt, id: opportunity._id }),
    (opportunities) => publicOpportunitySummaries(store, opportunities),
  );
}
