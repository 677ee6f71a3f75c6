// Making and revoking a person's calendar feeds. Making one replaces the person's earlier feed of
// the same scope and dialogue in the same transaction, so a leaked URL is revoked by making a new
// one. These are the person's own bookkeeping, like their e-mail choice: no event.
import { calendarFeedPath, type CreateCalendarFeedInput, type CreatedCalendarFeed } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { CALENDAR_FEEDS, feedKey, type CalendarFeedDocument } from './documents.ts';
import { feedTokenHash, newFeedToken } from './feed-token.ts';

export type FeedDeps = { store: DocumentStore; clock: Clock; publicUrl: string };

export async function createFeed(deps: FeedDeps, actor: Actor, input: CreateCalendarFeedInput): Promise<CreatedCalendarFeed> {
  const token = newFeedToken();
  const feedId = newId();
  await deps.store.withTransaction(async (scope) => {
    const dialogueId = input.scope === 'dialogue' ? (await visibleDialogue(scope, actor, input.dialogueId))._id : null;
    const feeds = scope.collection<CalendarFeedDocument>(CALENDAR_FEEDS);
    const key = feedKey(actor.userId, input.scope, dialogueId);
    await feeds.deleteMany({ key });
    await feeds.insertOne({ _id: feedId, tokenHash: feedTokenHash(token), userId: actor.userId, scope: input.scope, dialogueId, key, createdAt: deps.clock.now().toISOString() });
  });
  return { feedId, url: `${deps.publicUrl}${calendarFeedPath(token)}` };
}

/** Revoking someone else's feed, or one that is gone, changes nothing and says nothing. */
export async function revokeFeed(deps: Pick<FeedDeps, 'store'>, actor: Actor, feedId: string): Promise<void> {
  await deps.store.collection<CalendarFeedDocument>(CALENDAR_FEEDS).deleteMany({ _id: feedId, userId: actor.userId });
}

export async function ensureCalendarIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(CALENDAR_FEEDS, [
    { keys: { tokenHash: 1 }, unique: true, name: 'token' },
    { keys: { key: 1 }, unique: true, name: 'key' },
    { keys: { userId: 1 }, name: 'person' },
  ]);
}
