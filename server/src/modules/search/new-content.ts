// What an event adds to search, and which of it a person's search finds: for saved searches'
// alerts (modules/saved-searches). The documents are made by the indexer's own rule
// (searchableThread: only what everyone who may see the dialogue may read, never a question in the
// inbox, a private answer or a hidden post), and a person's search over them runs through
// `searchFor`, the search page's own path, as that person: their visibilities in the engine, then
// every hit checked against the store's current state and the policy, exactly as a result shown on
// the search page.
import type { SearchQueryInput } from '@dialogforum/contracts';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { SearchDocument, SearchIndex } from '../../platform/search/search-index.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { answerAttachmentNames, publicDialogueAttachmentNames } from '../attachments/queries.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../threads/documents.ts';
import { changesContent, newContentDocuments } from './content-documents.ts';
import { searchableThread } from './indexer-processor.ts';
import { filtersOf, searchFor } from './queries.ts';
import { dialogueSearchDocument } from './search-documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/**
 * Events that write a thread's first posts: whatever of the thread everyone may read is new then (a
 * question published, with its answer if it has one). A question going into the inbox or answered
 * privately writes posts too, which the index rule keeps out (nothing of such a thread is readable).
 */
const NEW_THREAD_EVENTS = new Set<EventType>(['thread.created', 'thread.submitted', 'thread.published', 'thread.published_from_session', 'thread.answered_privately']);

/** The search documents that are new with this event (none for an edit, a hide or anything else). */
export async function newSearchDocuments(store: Readable, event: DomainEvent): Promise<SearchDocument[]> {
  if (changesContent(event)) {
    // Minutes, live questions, library items and handovers: by the indexer's own rule for them.
    const dialogue = event.dialogueId ? await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId }) : null;
    return event.dialogueId && !dialogue ? [] : newContentDocuments(store, event, dialogue);
  }
  if (!event.dialogueId) return [];
  const isNewPost = event.type === 'post.published';
  if (event.type !== 'dialogue.created' && !isNewPost && !NEW_THREAD_EVENTS.has(event.type)) return [];
  const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId });
  if (!dialogue) return [];
  if (event.type === 'dialogue.created') return [dialogueSearchDocument(dialogue, await publicDialogueAttachmentNames(store, dialogue._id))];
  const thread = await store.collection<ThreadDocument>(THREADS).findOne({ _id: event.subject.threadId ?? '' });
  if (!thread) return [];
  const posts = await store.collection<PostDocument>(POSTS).find({ threadId: thread._id });
  const names = await answerAttachmentNames(store, posts.filter((post) => post.kind === 'answer').map((post) => post._id));
  const { upsert } = searchableThread(dialogue, thread, posts, names);
  return isNewPost ? upsert.filter((doc) => doc.id === `post:${event.subject.postId ?? ''}`) : upsert;
}

/** The ids of the results `actor`'s search finds in `newContent` (an index of new documents only). */
export async function newResultsFor(store: Readable, newContent: SearchIndex, actor: Actor, query: SearchQueryInput): Promise<string[]> {
  const results = await searchFor(store, newContent, actor, { ...query, sort: 'newest', page: 1, limit: 50, facets: false });
  return results.hits.map((hit) => hit.id);
}

/**
 * Whether a search with these words and filters finds anything at all in `newContent`, for anyone:
 * a cheap first look before asking as whom (which reads the person and the store).
 */
export async function mayFindNew(newContent: SearchIndex, query: SearchQueryInput): Promise<boolean> {
  const found = await newContent.search({ text: query.q, visibilities: ['public', 'registered'], filters: filtersOf({ ...query, sort: 'newest', page: 1, limit: 1, facets: false }), limit: 1 });
  return found.total > 0;
}
