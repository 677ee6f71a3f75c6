// Reaching a thread or a post through the dialogue it belongs to, as the actor may see it. A thread
// the actor may not see (in a hidden dialogue, or waiting in someone else's buyers' inbox) answers
// exactly as a thread that does not exist.
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { canViewThread, type ThreadAccessFacts } from '../../platform/policy/thread-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { POSTS, THREADS, type PostDocument, type ThreadDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type VisibleThread = { thread: ThreadDocument; dialogue: DialogueDocument };

export function threadFacts(thread: ThreadDocument): ThreadAccessFacts {
  return { status: thread.status, askerId: thread.askerId, locked: thread.locked !== null, answered: thread.answeredAt !== null };
}

export async function visibleThread(store: Readable, actor: Actor | null, threadId: string): Promise<VisibleThread> {
  const thread = await store.collection<ThreadDocument>(THREADS).findOne({ _id: threadId });
  if (!thread) throw new AppError('NOT_FOUND', 'No such question');
  const dialogue = await visibleDialogue(store, actor, thread.dialogueId, 'No such question');
  if (!canViewThread(actor, dialogue, threadFacts(thread))) throw new AppError('NOT_FOUND', 'No such question');
  return { thread, dialogue };
}

/** A post the actor may see (a private answer only if they may see it). */
export async function visiblePost(store: Readable, actor: Actor | null, postId: string): Promise<VisibleThread & { post: PostDocument }> {
  const post = await store.collection<PostDocument>(POSTS).findOne({ _id: postId });
  if (!post) throw new AppError('NOT_FOUND', 'No such post');
  const found = await visibleThread(store, actor, post.threadId).catch(() => {
    throw new AppError('NOT_FOUND', 'No such post');
  });
  // A private answer is for the asker and the buyers: the same people who see an unpublished thread.
  if (post.private && !canViewThread(actor, found.dialogue, { ...threadFacts(found.thread), status: 'pending' })) {
    throw new AppError('NOT_FOUND', 'No such post');
  }
  return { ...found, post };
}
