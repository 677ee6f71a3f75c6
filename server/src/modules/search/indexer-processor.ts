// Keeps the search index in step with the event log. Only what everyone who may see the dialogue
// may read is indexed: published threads' questions, official answers and comments, never a
// question waiting in the buyers' inbox or a private answer, and a hidden post leaves the index.
// Sessions, meetings, the library and the relay follow their own modules' rules (content-documents.ts).
// Upserts and removals are idempotent, so handling an event twice changes nothing.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { SearchDocument, SearchIndex } from '../../platform/search/search-index.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { TurnBudget } from '../../platform/turn-budget.ts';
import { answerAttachmentNames, publicDialogueAttachmentNames } from '../attachments/queries.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../threads/documents.ts';
import { changesContent, contentChange, dialogueContentChanges } from './content-documents.ts';
import { dialogueSearchDocument, postSearchDocument } from './search-documents.ts';

export const SEARCH_INDEXER = 'search-indexer';

/** Events after which a thread's indexed posts are written again from the current state. */
const THREAD_EVENTS = new Set<EventType>([
  'thread.created',
  'thread.published',
  'thread.published_from_session',
  'post.published',
  'post.edited',
  'question.redacted',
  'answer.corrected',
  'post.hidden',
  'answer.attachment_added',
  'answer.attachment_removed',
]);

/** Events that change what every document of a dialogue carries (who may find it, phase, buyers). */
const DIALOGUE_WIDE_EVENTS = new Set<EventType>(['dialogue.visibility_changed', 'dialogue.phase_changed', 'dialogue.owner_added']);
/** Events after which the dialogue's own document is written again. */
const DIALOGUE_EVENTS = new Set<EventType>(['dialogue.created', 'dialogue.details_changed', 'dialogue.attachment_added', 'dialogue.attachment_removed']);

export function searchIndexerProcessor(store: DocumentStore, search: SearchIndex, options: { turnBudgetMs?: number } = {}): EventProcessor {
  const turnBudgetMs = options.turnBudgetMs ?? TURN_BUDGET_MS;
  return {
    name: SEARCH_INDEXER,
    // The embedded index is this node's own files: behind several nodes each keeps its own, from
    // where its snapshot ends. Meilisearch is one index for all, kept by the lease holder.
    placement: search.engine === 'embedded' ? 'every-node' : 'one-node',
    // An outage of the search engine must not lose events: the indexer waits it out instead of
    // giving events up as dead letters. Its documents come from the store, never from the
    // event's content, so no event can poison it.
    retriesForever: true,
    async resumeFrom(storedCheckpoint) {
      const durable = await search.durableThroughSeq();
      return durable === null ? storedCheckpoint : Math.min(storedCheckpoint, durable);
    },
    async handle(event: DomainEvent) {
      if (changesContent(event)) {
        // Sessions' and meetings' documents carry their dialogue's facts; the library's and the relay's belong to no dialogue.
        const dialogue = event.dialogueId ? await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId }) : null;
        if (event.dialogueId && !dialogue) return;
        const { upsert, remove } = await contentChange(store, event, dialogue);
        if (remove.length > 0) await search.remove(remove, event.seq);
        if (upsert.length > 0) await search.upsert(upsert, event.seq);
        return;
      }
      if (!event.dialogueId) return;
      const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: event.dialogueId });
      if (!dialogue) return;
      if (DIALOGUE_EVENTS.has(event.type)) {
        await search.upsert([dialogueSearchDocument(dialogue, await publicDialogueAttachmentNames(store, dialogue._id))], event.seq);
        return;
      }
      if (DIALOGUE_WIDE_EVENTS.has(event.type)) {
        await indexDialogueWide(store, search, dialogue, event.seq, new TurnBudget(turnBudgetMs));
        return;
      }
      if (!THREAD_EVENTS.has(event.type)) return;
      const thread = await store.collection<ThreadDocument>(THREADS).findOne({ _id: event.subject.threadId ?? '' });
      if (!thread) return;
      const posts = await store.collection<PostDocument>(POSTS).find({ threadId: thread._id });
      const names = await answerAttachmentNames(store, posts.filter((post) => post.kind === 'answer').map((post) => post._id));
      const { upsert, remove } = searchableThread(dialogue, thread, posts, names);
      if (remove.length > 0) await search.remove(remove, event.seq);
      if (upsert.length > 0) await search.upsert(upsert, event.seq);
    },
  };
}

/**
 * Threads whose documents go in one upsert when a change reaches every document of a dialogue. All
 * of a large dialogue's threads and posts at once held the event loop in one block (decoding them
 * from the store, building their documents, cloning them to the worker: about 60 ms of main-thread
 * CPU for a dialogue of 5,000 posts, tests/load/search-viewer.ts); the loop turns while the worker
 * indexes each chunk, and within a chunk whenever the turn budget is spent.
 */
export const THREADS_PER_CHUNK = 25;

/**
 * Main-thread time a dialogue-wide change's reads may take before the loop turns. A chunk of 25
 * threads took 1 to 4 ms of main-thread CPU in one turn, and a young-generation collection landing
 * in it (every decoded document survives one: each v8.deserialize leaves its deserializer behind
 * until the next) added 2 to 5 ms more on a loaded machine: together over the 5 ms goal (issue 10 §8).
 * The loop now turns after about a millisecond of reads, so a turn is the collection and little else.
 */
export const TURN_BUDGET_MS = 1;

/**
 * Every document of the dialogue written again (a phase, visibility or buyer change), in chunks of
 * threads, then a session or round at a time. Each chunk but the last is recorded as reflecting
 * only the event before (`seq - 1`): an index that keeps its own checkpoint (the embedded one's
 * durable seq, the only checkpoint behind several nodes) then never counts the event as done until
 * its last chunk is in, so a crash between chunks makes the event be handled again from the start,
 * and writing a chunk twice changes nothing. Where the loop turns within a chunk changes nothing
 * written: the chunks are the same whatever the budget.
 */
async function indexDialogueWide(store: DocumentStore, search: SearchIndex, dialogue: DialogueDocument, seq: number, budget: TurnBudget): Promise<void> {
  for await (const chunk of threadChunks(store, dialogue._id)) {
    // A thread at a time: an equality read is the store's quick path (a list of thread ids went
    // through mingo for every post), and the budget is checked between two threads.
    const postsByThread = new Map<string, PostDocument[]>();
    for (const thread of chunk) {
      await budget.spend();
      postsByThread.set(thread._id, await store.collection<PostDocument>(POSTS).find({ threadId: thread._id }));
    }
    const answers = [...postsByThread.values()].flatMap((posts) => posts.filter((post) => post.kind === 'answer').map((post) => post._id));
    const names = await answerAttachmentNames(store, answers);
    await writeChunk(search, chunk.flatMap((thread) => searchableThread(dialogue, thread, postsByThread.get(thread._id) ?? [], names).upsert), seq - 1);
    // The write went to the worker thread (or Meilisearch): its answer came in a later turn.
    budget.turned();
  }
  // Its sessions' and meetings' documents, a session or round at a time (nothing there is hidden by
  // a visibility change: only rewritten).
  for await (const { upsert } of dialogueContentChanges(store, dialogue)) await writeChunk(search, upsert, seq - 1);
  // Last, through the event itself: the dialogue's own document.
  await search.upsert([dialogueSearchDocument(dialogue, await publicDialogueAttachmentNames(store, dialogue._id))], seq);
}

async function writeChunk(search: SearchIndex, upsert: SearchDocument[], throughSeq: number): Promise<void> {
  // The store answers at once: without a write to wait for, the loop still turns between chunks.
  if (upsert.length > 0) await search.upsert(upsert, throughSeq);
  else await nextTurn();
}

/**
 * A dialogue's threads, THREADS_PER_CHUNK at a time in the order they were asked (its threads all at
 * once were a block of their own in a large dialogue). Each page starts at the last one's time, so
 * threads asked at the same instant (a session's questions published together) are neither skipped
 * nor read twice: those already read are left out, and the page is that much longer.
 */
async function* threadChunks(store: DocumentStore, dialogueId: string): AsyncGenerator<ThreadDocument[]> {
  let after: { createdAt: string; seen: Set<string> } | null = null;
  for (;;) {
    const limit: number = THREADS_PER_CHUNK + (after?.seen.size ?? 0);
    const filter = after ? { dialogueId, createdAt: { $gte: after.createdAt } } : { dialogueId };
    const page = await store.collection<ThreadDocument>(THREADS).find(filter, { sort: { createdAt: 1 }, limit });
    const fresh = page.filter((thread) => !after?.seen.has(thread._id));
    if (fresh.length > 0) yield fresh;
    const last = page.at(-1);
    if (page.length < limit || !last) return;
    const seenAtLast: Set<string> = after?.createdAt === last.createdAt ? after.seen : new Set<string>();
    for (const thread of page) if (thread.createdAt === last.createdAt) seenAtLast.add(thread._id);
    after = { createdAt: last.createdAt, seen: seenAtLast };
  }
}

/**
 * What the index holds of one thread: every post everyone may read, an answer with its files' names
 * (`attachmentNames` by post). A hidden question hides the thread's title, which every post's
 * document carries, so then none of them is indexed.
 */
export function searchableThread(
  dialogue: DialogueDocument,
  thread: ThreadDocument,
  posts: PostDocument[],
  attachmentNames: Map<string, string[]>,
): { upsert: SearchDocument[]; remove: string[] } {
  const readable = searchableByAll(thread, posts);
  return {
    upsert: posts.filter(readable).map((post) => postSearchDocument(post, thread, dialogue, attachmentNames.get(post._id) ?? [])),
    remove: posts.filter((post) => !readable(post)).map((post) => `post:${post._id}`),
  };
}

/** Which of a thread's posts everyone who may see the dialogue may read (`posts`: all the thread's, or at least its question). */
export function searchableByAll(thread: ThreadDocument, posts: PostDocument[]): (post: PostDocument) => boolean {
  const questionHidden = posts.some((post) => post.kind === 'question' && post.hidden !== null);
  return (post) => thread.status === 'published' && !questionHidden && post.hidden === null && !post.private;
}
