// What a page of search hits in dialogues shows now, read from the store once for the whole page.
// The route used to read, for every hit, its dialogue, its thread and every post of the thread (to
// learn whether the question is hidden and which answer goes with a question): about 180 documents
// decoded for a page of 20 hits. Each decoded document outlives the next young-generation
// collection (v8.deserialize's deserializer holds what it decoded until the collection after it),
// so those collections copied megabytes and held the event loop for over 5 ms (issue 10 §8).
// Now each dialogue and thread is read once by id, the hit posts by id, and of each thread only
// its question, plus its answers when the question is a hit: the store's index walk leaves the
// other posts' images undecoded (image-prefilter.ts).
import type { SearchHit } from '../../platform/search/search-index.ts';
import type { DocumentStore, StoredDocument } from '../../platform/store/document-store.ts';
import type { TurnBudget } from '../../platform/turn-budget.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from '../threads/documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

/** Ids per read: a read decodes its documents in one turn of the loop, so a page is read in parts. */
const IDS_PER_READ = 10;

const POST_HIT = 'post:';

export type DialogueHitReads = {
  dialogues: Map<string, DialogueDocument>;
  threads: Map<string, ThreadDocument>;
  /** The hits' posts and the threads' questions, by post id. */
  posts: Map<string, PostDocument>;
  /** By thread id: the thread's questions (one), which decide whether any of its posts is shown. */
  questions: Map<string, PostDocument[]>;
  /** By thread id, only for threads whose question is a hit: its answers, the official one shown with it. */
  answers: Map<string, PostDocument[]>;
};

/** The post id of a hit on a question, answer or comment (`post:<id>`), or null for any other hit. */
export function hitPostId(hit: SearchHit): string | null {
  return hit.id.startsWith(POST_HIT) ? hit.id.slice(POST_HIT.length) : null;
}

/**
 * Reads what `hits` in dialogues show, and the dialogues named by `facetDialogueIds` too (the
 * facet's labels). The loop turns between reads whenever `budget` is spent.
 */
export async function readDialogueHits(store: Readable, hits: SearchHit[], facetDialogueIds: string[], budget: TurnBudget): Promise<DialogueHitReads> {
  const inDialogues = hits.filter((hit) => hit.kind === 'dialogue' || hit.kind === 'question' || hit.kind === 'answer' || hit.kind === 'comment');
  const dialogues = await byIds<DialogueDocument>(store, DIALOGUES, [...inDialogues.map((hit) => hit.dialogueId), ...facetDialogueIds], budget);
  const inThreads = inDialogues.filter((hit) => hit.kind !== 'dialogue' && hit.threadId !== null && dialogues.has(hit.dialogueId));
  const threads = await byIds<ThreadDocument>(store, THREADS, inThreads.map((hit) => hit.threadId!), budget);

  const posts = new Map<string, PostDocument>();
  const questions = new Map<string, PostDocument[]>();
  for (const threadId of threads.keys()) {
    await budget.spend();
    // One equality read on the thread's index; the kind rules out its other posts undecoded.
    const found = await store.collection<PostDocument>(POSTS).find({ threadId, kind: 'question' });
    questions.set(threadId, found);
    for (const question of found) posts.set(question._id, question);
  }
  const hitPosts = inThreads.flatMap((hit) => (threads.has(hit.threadId!) ? [hitPostId(hit)] : [])).filter((id): id is string => id !== null);
  for (const [id, post] of await byIds<PostDocument>(store, POSTS, hitPosts.filter((id) => !posts.has(id)), budget)) posts.set(id, post);

  const answers = new Map<string, PostDocument[]>();
  for (const id of hitPosts) {
    const post = posts.get(id);
    if (post?.kind !== 'question' || answers.has(post.threadId) || !threads.has(post.threadId)) continue;
    await budget.spend();
    answers.set(post.threadId, await store.collection<PostDocument>(POSTS).find({ threadId: post.threadId, kind: 'answer' }));
  }
  return { dialogues, threads, posts, questions, answers };
}

/** The documents with these ids (each read once), IDS_PER_READ at a time. */
async function byIds<T extends StoredDocument>(store: Readable, collection: string, ids: string[], budget: TurnBudget): Promise<Map<string, T>> {
  const wanted = [...new Set(ids)];
  const found = new Map<string, T>();
  for (let i = 0; i < wanted.length; i += IDS_PER_READ) {
    await budget.spend();
    const documents = await store.collection<T>(collection).find({ _id: { $in: wanted.slice(i, i + IDS_PER_READ) } });
    for (const document of documents) found.set(document._id, document);
  }
  return found;
}
