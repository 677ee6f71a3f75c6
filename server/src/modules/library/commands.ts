// Publishing, revising and withdrawing library items. Each command checks the policy, writes the
// item and its version, and appends its event (ids only) in one transaction. Nothing is deleted:
// a revision is a new version beside the earlier ones, a withdrawal keeps every version readable.
import type { PublishLibraryItemInput, ReviseLibraryItemInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayPublishLibraryItems, mayReviseLibraryItem, mayWithdrawLibraryItem, publisherOrganisationOf } from '../../platform/policy/library-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { LIBRARY_ITEMS, LIBRARY_VERSIONS, libraryVersionId, type LibraryContent, type LibraryItemDocument, type LibraryVersionDocument } from './documents.ts';
import { ensureLibraryFileIndexes } from './files.ts';
import { visibleLibraryItem } from './queries.ts';

export type LibraryDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

function contentOf(input: PublishLibraryItemInput): LibraryContent {
  return {
    kind: input.kind,
    arenaIds: input.arenaIds,
    audiences: input.audiences,
    language: input.language,
    visibility: input.visibility,
    title: input.title,
    summary: input.summary,
    body: input.body,
  };
}

export async function publishLibraryItem(deps: LibraryDeps, actor: Actor, input: PublishLibraryItemInput): Promise<string> {
  if (!mayPublishLibraryItems(actor)) throw new AppError('FORBIDDEN', 'Only moderators and verified buyers publish to the library');
  const itemId = newId();
  const at = deps.clock.now().toISOString();
  const content = contentOf(input);
  await deps.store.withTransaction(async (scope) => {
    await scope.collection<LibraryItemDocument>(LIBRARY_ITEMS).insertOne({
      _id: itemId,
      ...content,
      version: 1,
      organisationId: publisherOrganisationOf(actor),
      publishedBy: actor.userId,
      publishedAt: at,
      updatedAt: at,
      withdrawal: null,
    });
    await scope
      .collection<LibraryVersionDocument>(LIBRARY_VERSIONS)
      .insertOne({ _id: libraryVersionId(itemId, 1), itemId, version: 1, ...content, at, by: actor.userId, note: null });
    await appendEvent(scope, 'library.item_published', null, { itemId, by: actor.userId }, at);
  });
  deps.onCommit();
  return itemId;
}

export async function reviseLibraryItem(deps: LibraryDeps, actor: Actor, input: ReviseLibraryItemInput): Promise<number> {
  const at = deps.clock.now().toISOString();
  const content = contentOf(input);
  let version = 0;
  await deps.store.withTransaction(async (scope) => {
    const item = await visibleLibraryItem(scope, actor, input.itemId);
    if (!mayReviseLibraryItem(actor, item)) throw new AppError('FORBIDDEN', 'Only moderators and the publishing organisation revise this item');
    if (item.withdrawal) throw new AppError('ITEM_WITHDRAWN', 'The item was withdrawn; it changes no more');
    version = item.version + 1;
    // The version number is in the filter, so two revisions made at once cannot both become version n + 1.
    const updated = await scope
      .collection<LibraryItemDocument>(LIBRARY_ITEMS)
      .updateOne({ _id: item._id, version: item.version }, { $set: { ...content, version, updatedAt: at } });
    if (updated.matchedCount !== 1) throw new Error('library item changed during its revision');
    await scope
      .collection<LibraryVersionDocument>(LIBRARY_VERSIONS)
      .insertOne({ _id: libraryVersionId(item._id, version), itemId: item._id, version, ...content, at, by: actor.userId, note: input.note });
    await appendEvent(scope, 'library.item_revised', null, { itemId: item._id, by: actor.userId, version: String(version) }, at);
  });
  deps.onCommit();
  return version;
}

export async function withdrawLibraryItem(deps: LibraryDeps, actor: Actor, itemId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let withdrawn = false;
  await deps.store.withTransaction(async (scope) => {
    const item = await visibleLibraryItem(scope, actor, itemId);
    if (!mayWithdrawLibraryItem(actor, item)) throw new AppError('FORBIDDEN', 'Only moderators and the publishing organisation withdraw this item');
    // Withdrawing twice changes nothing and records nothing: the first reason stands.
    if (item.withdrawal) return;
    await scope.collection<LibraryItemDocument>(LIBRARY_ITEMS).updateOne({ _id: item._id }, { $set: { withdrawal: { at, by: actor.userId, reason } } });
    await appendEvent(scope, 'library.item_withdrawn', null, { itemId: item._id, by: actor.userId }, at);
    withdrawn = true;
  });
  if (withdrawn) deps.onCommit();
}

export async function ensureLibraryIndexes(store: DocumentStore): Promise<void> {
  // An arena's list, newest first (arenaIds is an array: one key per arena), and the whole library's.
  await store.ensureIndexes(LIBRARY_ITEMS, [
    { keys: { arenaIds: 1, publishedAt: -1 }, name: 'arena' },
    { keys: { publishedAt: -1 }, name: 'newest' },
  ]);
  await store.ensureIndexes(LIBRARY_VERSIONS, [{ keys: { itemId: 1, version: -1 }, name: 'item' }]);
  await ensureLibraryFileIndexes(store);
}
