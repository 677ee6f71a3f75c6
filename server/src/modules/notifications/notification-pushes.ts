// The live side of notifications: for a `notification.created` event, each new notification of the
// event it names, as its person sees it now, with their unread count. The realtime processor sends
// each to that person's own sockets only (`user:<id>`), after its usual rights checks.
import type { NotificationView } from '@dialogforum/contracts';
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { personStanding } from '../accounts/queries.ts';
import { NOTIFICATIONS, type NotificationDocument } from './documents.ts';
import { notificationView, unreadCount } from './queries.ts';

export type NotificationPush = { userId: string; notification: NotificationView; unread: number };

export async function notificationPushes(store: DocumentStore, event: DomainEvent): Promise<NotificationPush[]> {
  const sourceSeq = Number(event.subject.sourceSeq);
  if (!Number.isInteger(sourceSeq)) return [];
  const notifications = await store.collection<NotificationDocument>(NOTIFICATIONS).find({ seq: sourceSeq });
  const pushes: NotificationPush[] = [];
  for (const notification of notifications) {
    if (notification.inApp === false) continue; // a saved search told by e-mail only
    const person = await personStanding(store, notification.userId);
    if (!person) continue;
    const view = await notificationView(store, person.actor, notification);
    if (view) pushes.push({ userId: notification.userId, notification: view, unread: await unreadCount(store, notification.userId) });
  }
  return pushes;
}
