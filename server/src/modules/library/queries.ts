// Reading the library as the viewer may: an item someone may not read answers exactly as a missing
// one; lists hold only what the viewer may read. Withdrawn items stay readable (with the reason and
// every version) but are listed apart, so a link to one still explains what happened to it.
import type { ArenaId, LibraryItemSummary, LibraryItemView, LibraryPage, ListLibraryInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { canViewLibraryItem, mayReviseLibraryItem, mayWithdrawLibraryItem, visibleLibraryVisibilities } from '../../platform/policy/library-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { libraryItemFiles } from './files.ts';
import { LIBRARY_ITEMS, LIBRARY_VERSIONS, type LibraryItemDocument, type LibraryVersionDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

const NOT_FOUND = 'No such library item';

export async function visibleLibraryItem(store: Readable, actor: Actor | null, itemId: string): Promise<LibraryItemDocument> {
  const item = await store.collection<LibraryItemDocument>(LIBRARY_ITEMS).findOne({ _id: itemId });
  if (!item || !canViewLibraryItem(actor, item)) throw new AppError('NOT_FOUND', NOT_FOUND);
  return item;
}

/** Who may read the item, for the live layer's room of it (null when there is none). */
export async function libraryItemAccessFacts(store: Readable, itemId: string): Promise<Pick<LibraryItemDocument, 'visibility'> | null> {
  const item = await store.collection<LibraryItemDocument>(LIBRARY_ITEMS).findOne({ _id: itemId });
  return item ? { visibility: item.visibility } : null;
}

export async function listLibrary(store: Readable, actor: Actor | null, input: ListLibraryInput): Promise<LibraryPage> {
  const filter: Record<string, unknown> = {
    visibility: { $in: visibleLibraryVisibilities(actor) },
    withdrawal: input.withdrawn ? { $ne: null } : null,
  };
  if (input.arenaId) filter.arenaIds = input.arenaId;
  if (input.kind) filter.kind = input.kind;
  if (input.audience) filter.audiences = input.audience;
  if (input.language) filter.language = input.language;
  if (input.cursor) {
    const { publishedAt, id } = input.cursor;
    filter.$or = [{ publishedAt: { $lt: publishedAt } }, { publishedAt, _id: { $lt: id } }];
  }
  const found = await store
    .collection<LibraryItemDocument>(LIBRARY_ITEMS)
    .find(filter, { sort: { publishedAt: -1, _id: -1 }, limit: input.limit + 1 });
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await summaries(store, page),
    next: found.length > input.limit && last ? { publishedAt: last.publishedAt, id: last._id } : null,
  };
}

/** How many current (not withdrawn) items of an arena the viewer may read: one of the arena's figures. */
export function countLibraryItems(store: Readable, actor: Actor | null, arenaId: ArenaId): Promise<number> {
  return store
    .collection<LibraryItemDocument>(LIBRARY_ITEMS)
    .countDocuments({ arenaIds: arenaId, visibility: { $in: visibleLibraryVisibilities(actor) }, withdrawal: null });
}

export async function getLibraryItem(store: Readable, actor: Actor | null, itemId: string, version?: number): Promise<LibraryItemView> {
  const item = await visibleLibraryItem(store, actor, itemId);
  const versions = await store.collection<LibraryVersionDocument>(LIBRARY_VERSIONS).find({ itemId }, { sort: { version: -1 } });
  const shown = versions.find((candidate) => candidate.version === (version ?? item.version));
  if (!shown) throw new AppError('NOT_FOUND', 'No such version');
  const [summary] = await summaries(store, [item]);
  if (!summary) throw new Error('library item summary missing');
  const open = item.withdrawal === null;
  return {
    ...summary,
    shown: { version: shown.version, at: shown.at, title: shown.title, summary: shown.summary, body: shown.body, note: shown.note },
    versions: versions.map((entry) => ({ version: entry.version, at: entry.at, title: entry.title, note: entry.note })),
    // A withdrawn item's files are no longer served, so none is listed.
    files: open ? await libraryItemFiles(store, item._id, shown.version) : [],
    viewer: {
      canRevise: open && mayReviseLibraryItem(actor, item),
      canWithdraw: open && mayWithdrawLibraryItem(actor, item),
      // Files are added to the current version only; the publisher attaches as they revise.
      canAttach: open && shown.version === item.version && mayReviseLibraryItem(actor, item),
    },
  };
}

/** Titles of the items the person may read now, for notifications about them. */
export async function readableLibraryTitles(store: Readable, actor: Actor, itemIds: string[]): Promise<Map<string, string>> {
  if (itemIds.length === 0) return new Map();
  const items = await store.collection<LibraryItemDocument>(LIBRARY_ITEMS).find({ _id: { $in: [...new Set(itemIds)] } });
  return new Map(items.filter((item) => canViewLibraryItem(actor, item)).map((item) => [item._id, item.title]));
}

/** What the notifier needs to know of an item: its arenas, and what the policy asks. */
export function libraryItemFacts(store: Readable, itemId: string): Promise<LibraryItemDocument | null> {
  return store.collection<LibraryItemDocument>(LIBRARY_ITEMS).findOne({ _id: itemId });
}

async function summaries(store: Readable, items: LibraryItemDocument[]): Promise<LibraryItemSummary[]> {
  const organisations = await organisationSummaries(store, items.flatMap((item) => (item.organisationId ? [item.organisationId] : [])));
  return items.map((item) => {
    const publisher = item.organisationId ? organisations.get(item.organisationId) : undefined;
    return {
      id: item._id,
      kind: item.kind,
      arenaIds: item.arenaIds,
      audiences: item.audiences,
      language: item.language,
      visibility: item.visibility,
      title: item.title,
      summary: item.summary,
      publisher: publisher ? { id: publisher.id, name: publisher.name } : null,
      publishedAt: item.publishedAt,
      updatedAt: item.updatedAt,
      version: item.version,
      withdrawal: item.withdrawal ? { at: item.withdrawal.at, reason: item.withdrawal.reason } : null,
    };
  });
}
