// What the notifications module holds about a person: what they follow, their notifications and
// their e-mail choice. Exported with their data; forgotten when they are erased (none of it is part
// of a procurement's record, unlike their posts).
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import {
  DEFAULT_EMAIL_CHOICE,
  FOLLOWS,
  NOTIFICATION_SETTINGS,
  NOTIFICATIONS,
  type FollowDocument,
  type NotificationDocument,
  type NotificationSettingsDocument,
} from './documents.ts';

export async function notificationsPersonalData(store: DocumentStore, userId: string) {
  const [follows, notifications, settings] = await Promise.all([
    store.collection<FollowDocument>(FOLLOWS).find({ userId }, { sort: { since: 1 } }),
    store.collection<NotificationDocument>(NOTIFICATIONS).find({ userId }, { sort: { seq: 1 } }),
    store.collection<NotificationSettingsDocument>(NOTIFICATION_SETTINGS).findOne({ _id: userId }),
  ]);
  return {
    emailChoice: settings?.email ?? DEFAULT_EMAIL_CHOICE,
    follows: follows.map((follow) => ({ kind: follow.kind, id: follow.targetId, dialogueId: follow.dialogueId, following: follow.following, automatic: follow.auto, since: follow.since })),
    notifications: notifications.map((notification) => ({
      kind: notification.kind,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
      dialogueId: notification.dialogueId,
      threadId: notification.threadId,
      organisationId: notification.organisationId,
      arenaId: notification.arenaId ?? null,
      libraryItemId: notification.libraryItemId ?? null,
      relayProjectId: notification.relayProjectId ?? null,
      networkId: notification.networkId ?? null,
      consortiumId: notification.consortiumId ?? null,
      opportunityId: notification.opportunityId ?? null,
      note: notification.note,
    })),
  };
}

export async function forgetNotificationsOnErasure(scope: TransactionScope, userId: string): Promise<void> {
  await scope.collection<FollowDocument>(FOLLOWS).deleteMany({ userId });
  await scope.collection<NotificationDocument>(NOTIFICATIONS).deleteMany({ userId });
  await scope.collection<NotificationSettingsDocument>(NOTIFICATION_SETTINGS).deleteMany({ _id: userId });
}
