// When a moderator merges a duplicate buyer organisation into the one it duplicates
// (organisations/merge-command.ts), the library items it published are the survivor's: its people
// (members of the survivor now) keep revising and withdrawing them, and the survivor's people may
// too, and the item names the survivor as its publisher. Earlier versions are kept as they were.
// Each move is recorded as an event of the item, which the search indexer writes it again from.
// Each item moves in one transaction that finds it only while it still names the duplicate, so an
// event handled again (after a restart) moves nothing and records nothing twice.
import { appendEvent } from '../../platform/events/event-log.ts';
import { organisationMergeReaction, type OrganisationMerge } from '../../platform/events/merge-reaction.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { LibraryDeps } from './commands.ts';
import { LIBRARY_ITEMS, type LibraryItemDocument } from './documents.ts';

export const LIBRARY_MERGE = 'library-merge';

export function libraryMergeProcessor(deps: LibraryDeps): EventProcessor {
  return organisationMergeReaction(LIBRARY_MERGE, (merge) => moveItems(deps, merge), deps.onCommit);
}

async function moveItems(deps: LibraryDeps, { from, into }: OrganisationMerge): Promise<boolean> {
  let moved = false;
  for (const item of await deps.store.collection<LibraryItemDocument>(LIBRARY_ITEMS).find({ organisationId: from })) {
    const at = deps.clock.now().toISOString();
    const done = await deps.store.withTransaction(async (scope) => {
      const { matchedCount } = await scope.collection<LibraryItemDocument>(LIBRARY_ITEMS).updateOne({ _id: item._id, organisationId: from }, { $set: { organisationId: into } });
      if (matchedCount === 0) return false;
      await appendEvent(scope, 'library.item_publisher_merged', null, { itemId: item._id, organisationId: from, intoOrganisationId: into }, at);
      return true;
    });
    if (done) moved = true;
  }
  return moved;
}
