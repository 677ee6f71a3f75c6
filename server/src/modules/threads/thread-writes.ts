// Writing pieces shared by the thread commands, always inside the command's transaction: the
// asker's pseudonym, a new post with its first version, and the change stamp that lets live
// clients keep the newest copy of a thread.
import type { Actor } from '../../platform/policy/actor.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { AppError } from '../../platform/app-error.ts';
import { newId } from '../../platform/ids.ts';
import { nextDialogueChange } from '../dialogues/change-counter.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { POSTS, PSEUDONYMS, THREADS, type PostDocument, type PseudonymDocument, type ThreadDocument } from './documents.ts';
import { pseudonymLabel } from './pseudonym-label.ts';

/** Gives the person the dialogue's next pseudonym the first time they write in it as a non-buyer. */
export async function ensurePseudonym(scope: TransactionScope, dialogueId: string, userId: string): Promise<void> {
  const pseudonyms = scope.collection<PseudonymDocument>(PSEUDONYMS);
  const id = `${dialogueId}:${userId}`;
  if (await pseudonyms.findOne({ _id: id })) return;
  const updated = await scope.collection<DialogueDocument>(DIALOGUES).findOneAndUpdate({ _id: dialogueId }, { $inc: { pseudonymCount: 1 } });
  if (!updated) throw new AppError('NOT_FOUND', 'No such dialogue');
  await pseudonyms.insertOne({ _id: id, dialogueId, userId, label: pseudonymLabel(updated.pseudonymCount - 1) });
}

export async function insertPost(
  scope: TransactionScope,
  actor: Pick<Actor, 'userId'> & { organisationId: string },
  thread: Pick<ThreadDocument, '_id' | 'dialogueId'>,
  post: { kind: PostDocument['kind']; body: string; official: boolean; private: boolean; title?: string },
  at: string,
): Promise<string> {
  const postId = newId();
  await scope.collection<PostDocument>(POSTS).insertOne({
    _id: postId,
    threadId: thread._id,
    dialogueId: thread.dialogueId,
    kind: post.kind,
    body: post.body,
    authorId: actor.userId,
    authorOrganisationId: actor.organisationId,
    official: post.official,
    private: post.private,
    createdAt: at,
    versions: [{ title: post.title ?? null, body: post.body, at, by: actor.userId, note: null }],
    hidden: null,
  });
  return postId;
}

/** Stamps the thread with the dialogue's next change number, together with the thread's own changes. */
export async function changeThread(scope: TransactionScope, thread: Pick<ThreadDocument, '_id' | 'dialogueId'>, set: Partial<ThreadDocument> = {}): Promise<number> {
  const change = await nextDialogueChange(scope, thread.dialogueId);
  await scope.collection<ThreadDocument>(THREADS).updateOne({ _id: thread._id }, { $set: { ...set, change } });
  return change;
}

/** Published threads count as the dialogue's questions; those in the buyers' inbox do not (yet). */
export async function countPublishedThread(scope: TransactionScope, dialogueId: string): Promise<void> {
  await scope.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogueId }, { $inc: { threadCount: 1 } });
}
