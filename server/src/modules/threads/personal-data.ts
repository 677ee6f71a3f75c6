// What the threads module holds about a person: the questions they asked, every post they wrote and
// the pseudonyms they carry, for the person's own data export (read through here by accounts).
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { dialogueTitles } from '../dialogues/queries.ts';
import { POSTS, PSEUDONYMS, THREADS, type PostDocument, type PseudonymDocument, type ThreadDocument } from './documents.ts';

export async function threadsPersonalData(store: DocumentStore, userId: string) {
  const [posts, asked, pseudonyms] = await Promise.all([
    store.collection<PostDocument>(POSTS).find({ authorId: userId }, { sort: { createdAt: 1 } }),
    store.collection<ThreadDocument>(THREADS).find({ askerId: userId }, { sort: { createdAt: 1 } }),
    store.collection<PseudonymDocument>(PSEUDONYMS).find({ userId }),
  ]);
  const threadIds = [...new Set(posts.map((post) => post.threadId))];
  const threads = threadIds.length ? await store.collection<ThreadDocument>(THREADS).find({ _id: { $in: threadIds } }) : [];
  const titleOf = await dialogueTitles(store, [...new Set([...posts, ...asked, ...pseudonyms].map((item) => item.dialogueId))]);
  const threadTitleOf = new Map([...threads, ...asked].map((thread) => [thread._id, thread.title]));
  return {
    questions: asked.map((thread) => ({ id: thread._id, dialogue: titleOf.get(thread.dialogueId) ?? thread.dialogueId, title: thread.title, status: thread.status, createdAt: thread.createdAt })),
    pseudonyms: pseudonyms.map((p) => ({ dialogue: titleOf.get(p.dialogueId) ?? p.dialogueId, label: p.label })),
    posts: posts.map((post) => ({
      id: post._id,
      kind: post.kind,
      dialogue: titleOf.get(post.dialogueId) ?? post.dialogueId,
      thread: threadTitleOf.get(post.threadId) ?? post.threadId,
      body: post.body,
      createdAt: post.createdAt,
    })),
  };
}
