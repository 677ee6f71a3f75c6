import type { DocumentStore } from '../../platform/store/document-store.ts';
import { FOLLOWS, NOTIFICATIONS } from './documents.ts';

export async function ensureNotificationIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(NOTIFICATIONS, [
    { keys: { userId: 1 }, name: 'person' },
    { keys: { seq: 1 }, name: 'event' },
    { keys: { awaitingDigest: 1 }, name: 'digest' },
  ]);
  await store.ensureIndexes(FOLLOWS, [
    { keys: { targetId: 1 }, name: 'target' },
    { keys: { userId: 1 }, name: 'person' },
  ]);
}
