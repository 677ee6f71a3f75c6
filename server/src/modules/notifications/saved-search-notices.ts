// Telling a person of their saved search's new results, with the notifier's own machinery (the
// notification document, the `notification.created` push, the outbox, the daily digest). Called in
// the notifier's transaction for an event, after the results are marked as told (once only).
//
// Batched: while the saved search's last notification is unread and either younger than the burst
// window or still waiting for the daily summary, new results are added to it (its count grows and
// it is pushed again) instead of making another; so a burst of matching posts is one notification
// and at most one mail. Mailed as the saved search chose — at once, in the digest, or not — and
// never when the person turned notification mail off (or has no confirmed address).
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import type { PersonStanding } from '../accounts/queries.ts';
import { markToldOf, type SavedSearchAlert } from '../saved-searches/saved-search-alerts.ts';
import { NOTIFICATIONS, type NotificationDocument } from './documents.ts';
import { emailChoiceOf } from './email-choice.ts';

/** New results within this time of the last unread notification join it. */
export const BURST_WINDOW_MS = 60 * 60_000;

export type MailSavedSearchNotice = (scope: TransactionScope, person: PersonStanding, notification: NotificationDocument) => Promise<void>;

/** True when the person was told (a new notification, or more results in the open one). */
export async function tellSavedSearchResults(scope: TransactionScope, event: DomainEvent, alert: SavedSearchAlert, mailNow: MailSavedSearchNotice): Promise<boolean> {
  const fresh = await markToldOf(scope, alert, event.seq, event.at);
  if (fresh.length === 0) return false;
  const { savedSearch, person } = alert;
  const notifications = scope.collection<NotificationDocument>(NOTIFICATIONS);
  const [open] = await notifications.find(
    { userId: savedSearch.userId, kind: 'saved-search-matched', 'savedSearch.id': savedSearch._id, readAt: null },
    { sort: { seq: -1 }, limit: 1 },
  );
  const burstStart = new Date(Date.parse(event.at) - BURST_WINDOW_MS).toISOString();
  if (open?.savedSearch && (open.awaitingDigest || open.createdAt >= burstStart)) {
    // Moved to this event: listed first again, and pushed with its new count.
    await notifications.updateOne(
      { _id: open._id },
      { $set: { seq: event.seq, savedSearch: { id: savedSearch._id, name: savedSearch.name, matches: open.savedSearch.matches + fresh.length } } },
    );
    return true;
  }
  const email = person.confirmedEmail && (await emailChoiceOf(scope, savedSearch.userId)) !== 'off' ? savedSearch.email : 'off';
  const notification: NotificationDocument = {
    _id: `${event.seq}:${savedSearch.userId}:${savedSearch._id}`,
    userId: savedSearch.userId,
    seq: event.seq,
    kind: 'saved-search-matched',
    createdAt: event.at,
    readAt: null,
    dialogueId: null,
    threadId: null,
    organisationId: null,
    note: null,
    deadline: null,
    savedSearch: { id: savedSearch._id, name: savedSearch.name, matches: fresh.length },
    inApp: savedSearch.inApp,
    awaitingDigest: email === 'daily',
  };
  await notifications.insertOne(notification);
  if (email === 'immediately') await mailNow(scope, person, notification);
  return true;
}
