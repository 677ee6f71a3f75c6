// Nothing is edited in place (DESIGN.md §3.3): an edit adds a version and keeps every earlier one.
// Authors edit their comments and, until it is answered, their question; the buyers redact a
// question (the asker is told, with the note); an official answer is corrected by a new version
// that every reader sees as a correction.
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayAnswerOfficially } from '../../platform/policy/policy.ts';
import { mayEditOwnPost, mayHandleQuestions, writingNeedsOpenDeadline } from '../../platform/policy/thread-policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { POSTS, type PostDocument, type PostVersionDocument } from './documents.ts';
import { refuseAfterDeadline } from './deadline-gate.ts';
import { threadFacts, visiblePost, visibleThread } from './thread-access.ts';
import { changeThread } from './thread-writes.ts';

export type EditDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

async function addVersion(scope: TransactionScope, post: PostDocument, version: PostVersionDocument): Promise<void> {
  await scope.collection<PostDocument>(POSTS).updateOne({ _id: post._id }, { $set: { body: version.body }, $push: { versions: version } });
}

export async function editOwnPost(deps: EditDeps, actor: Actor, postId: string, body: string, title: string | undefined): Promise<void> {
  await deps.store.withTransaction(async (scope) => {
    const { post, thread, dialogue } = await visiblePost(scope, actor, postId);
    if (!mayEditOwnPost(actor, { authorId: post.authorId, kind: post.kind, hidden: post.hidden !== null }, threadFacts(thread))) {
      throw new AppError('FORBIDDEN', 'You can edit your own comments, and your question until it is answered');
    }
    const now = deps.clock.now();
    if (writingNeedsOpenDeadline(actor, dialogue)) refuseAfterDeadline(dialogue, now);
    const at = now.toISOString();
    const newTitle = post.kind === 'question' ? (title ?? thread.title) : null;
    await addVersion(scope, post, { title: newTitle, body, at, by: actor.userId, note: null });
    await changeThread(scope, thread, newTitle === null ? {} : { title: newTitle });
    await appendEvent(scope, 'post.edited', dialogue._id, { threadId: thread._id, postId, by: actor.userId }, at);
  });
  deps.onCommit();
}

export async function redactQuestion(deps: EditDeps, actor: Actor, threadId: string, title: string, body: string, note: string): Promise<void> {
  await deps.store.withTransaction(async (scope) => {
    const { thread, dialogue } = await visibleThread(scope, actor, threadId);
    if (!mayHandleQuestions(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue edit questions');
    const question = await scope.collection<PostDocument>(POSTS).findOne({ threadId, kind: 'question' });
    if (!question) throw new AppError('NOT_FOUND', 'No such question');
    const at = deps.clock.now().toISOString();
    await addVersion(scope, question, { title, body, at, by: actor.userId, note });
    await changeThread(scope, thread, { title });
    await appendEvent(scope, 'question.redacted', dialogue._id, { threadId, postId: question._id, by: actor.userId }, at);
  });
  deps.onCommit();
}

export async function correctAnswer(deps: EditDeps, actor: Actor, postId: string, body: string, note: string): Promise<void> {
  await deps.store.withTransaction(async (scope) => {
    const { post, thread, dialogue } = await visiblePost(scope, actor, postId);
    if (post.kind !== 'answer' || !post.official) throw new AppError('NOT_FOUND', 'No such answer');
    if (!mayAnswerOfficially(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue correct its answers');
    const at = deps.clock.now().toISOString();
    await addVersion(scope, post, { title: null, body, at, by: actor.userId, note });
    await changeThread(scope, thread);
    await appendEvent(scope, 'answer.corrected', dialogue._id, { threadId: thread._id, postId, by: actor.userId }, at);
  });
  deps.onCommit();
}
