// The indexes thread pages, inboxes, marks and the moderators' queue are read by.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { FLAGS, POSTS, PSEUDONYMS, THREADS, VOTES } from './documents.ts';

export async function ensureThreadIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(THREADS, [
    { keys: { dialogueId: 1, createdAt: 1 }, name: 'dialogue' },
    { keys: { dialogueId: 1, askerId: 1 }, name: 'asker' },
    { keys: { dialogueId: 1, status: 1 }, name: 'status' },
  ]);
  await store.ensureIndexes(POSTS, [
    { keys: { threadId: 1, createdAt: 1 }, name: 'thread' },
    { keys: { dialogueId: 1 }, name: 'dialogue' },
    { keys: { dialogueId: 1, authorId: 1 }, name: 'author' },
  ]);
  await store.ensureIndexes(PSEUDONYMS, [{ keys: { dialogueId: 1 }, name: 'dialogue' }]);
  await store.ensureIndexes(VOTES, [{ keys: { dialogueId: 1, userId: 1 }, name: 'voter' }]);
  await store.ensureIndexes(FLAGS, [
    { keys: { status: 1 }, name: 'status' },
    { keys: { postId: 1 }, name: 'post' },
  ]);
}
