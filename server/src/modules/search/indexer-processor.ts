// Keeps the search index in step with the event log. Upserts are idempotent, so handling an event
// twice (at-least-once delivery, a replay after a crash) changes nothing.
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../threads/documents.ts';
import { dialogueSearchDocument, postSearchDocument } from './search-documents.ts';

export const SEARCH_INDEXER = 'search-indexer';

export function searchIndexerProcessor(store: DocumentStore, search: SearchIndex): EventProcessor {
  return {
    name: SEARCH_INDEXER,
    async resumeFrom(storedCheckpoint) {
      const durable = await search.durableThroughSeq();
      return durable === null ? storedCheckpoint : Math.min(storedCheckpoint, durable);
    },
    async handle(event: DomainEvent) {
      if (!event.dialogueId) return;
      const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId });
      if (!dialogue) return;
      if (event.type === 'dialogue.created') {
        await search.upsert([dialogueSearchDocument(dialogue)], event.seq);
        return;
      }
      if (event.type !== 'thread.created' && event.type !== 'post.published') return;
      const [thread, post] = await Promise.all([
        store.collection<ThreadDocument>(THREADS).findOne({ _id: event.subject.threadId ?? '' }),
        store.collection<PostDocument>(POSTS).findOne({ _id: event.subject.postId ?? '' }),
      ]);
      if (thread && post) await search.upsert([postSearchDocument(post, thread, dialogue)], event.seq);
    },
  };
}
