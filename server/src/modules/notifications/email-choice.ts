// A person's choice of notification mail: off, immediately, or a daily digest.
import type { EmailChoice } from '@dialogforum/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DEFAULT_EMAIL_CHOICE, NOTIFICATION_SETTINGS, type NotificationSettingsDocument } from './documents.ts';

export async function emailChoiceOf(store: Pick<DocumentStore, 'collection'>, userId: string): Promise<EmailChoice> {
  const settings = await store.collection<NotificationSettingsDocument>(NOTIFICATION_SETTINGS).findOne({ _id: userId });
  return settings?.email ?? DEFAULT_EMAIL_CHOICE;
}

export async function setEmailChoice(deps: { store: DocumentStore; clock: Clock }, userId: string, email: EmailChoice): Promise<void> {
  await deps.store
    .collection<NotificationSettingsDocument>(NOTIFICATION_SETTINGS)
    .updateOne({ _id: userId }, { $set: { email, updatedAt: deps.clock.now().toISOString() } }, { upsert: true });
}
