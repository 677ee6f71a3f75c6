// The calendar feeds a person made, for their own data export (never the token: only its hash is
// kept), and forgotten when they erase their account.
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { CALENDAR_FEEDS, type CalendarFeedDocument } from './documents.ts';

export async function calendarPersonalData(store: DocumentStore, userId: string) {
  const feeds = await store.collection<CalendarFeedDocument>(CALENDAR_FEEDS).find({ userId }, { sort: { createdAt: 1 } });
  return { calendarFeeds: feeds.map((feed) => ({ scope: feed.scope, dialogueId: feed.dialogueId, createdAt: feed.createdAt })) };
}

export async function forgetCalendarFeedsOnErasure(scope: TransactionScope, userId: string): Promise<void> {
  await scope.collection<CalendarFeedDocument>(CALENDAR_FEEDS).deleteMany({ userId });
}
