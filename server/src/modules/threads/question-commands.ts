// A question's life: asked (public at once in open discussion, or into the buyers' inbox), answered
// officially, published with its answer, or answered privately with a recorded reason; and the
// follow-up comments. Each command checks the policy and the deadline and writes the thread, its
// posts and its event in one transaction.
import type { AskQuestionInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { isDialogueOwner, mayAnswerOfficially, mayAskQuestions } from '../../platform/policy/policy.ts';
import { writingNeedsOpenDeadline, mayComment, mayHandleQuestions, statusOfNewQuestion } from '../../platform/policy/thread-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { attachDrafts } from '../attachments/commands.ts';
import { nextDialogueChange } from '../dialogues/change-counter.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { refuseAfterDeadline } from './deadline-gate.ts';
import { THREADS, type ThreadDocument } from './documents.ts';
import { threadFacts, visibleThread } from './thread-access.ts';
import { changeThread, countPublishedThread, ensurePseudonym, insertPost } from './thread-writes.ts';

export type ThreadDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function askQuestion(deps: ThreadDeps, actor: Actor, input: AskQuestionInput): Promise<string> {
  const threadId = newId();
  await deps.store.withTransaction(async (scope) => {
    // Read inside the transaction: a deadline moved at the same moment cannot let a question slip in.
    const dialogue = await visibleDialogue(scope, actor, input.dialogueId);
    if (!mayAskQuestions(actor, dialogue)) throw new AppError('FORBIDDEN', 'The buyers of a dialogue answer questions; they do not ask them');
    const now = deps.clock.now();
    refuseAfterDeadline(dialogue, now);
    await ensurePseudonym(scope, dialogue._id, actor.userId);
    const at = now.toISOString();
    const status = statusOfNewQuestion(dialogue.qaMode, input.confidential);
    const change = await nextDialogueChange(scope, dialogue._id);
    await scope.collection<ThreadDocument>(THREADS).insertOne({
      _id: threadId,
      dialogueId: dialogue._id,
      title: input.title,
      askerId: actor.userId,
      status,
      confidential: input.confidential,
      askedIn: dialogue.qaMode,
      createdAt: at,
      publishedAt: status === 'published' ? at : null,
      answered: false,
      answeredAt: null,
      privateAnswer: null,
      locked: null,
      voteCount: 0,
      change,
    });
    const postId = await insertPost(scope, actor, { _id: threadId, dialogueId: dialogue._id }, { kind: 'question', body: input.body, official: false, private: false, title: input.title }, at);
    if (status === 'published') await countPublishedThread(scope, dialogue._id);
    await appendEvent(scope, status === 'published' ? 'thread.created' : 'thread.submitted', dialogue._id, { threadId, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return threadId;
}

/**
 * An official answer to a published question (open discussion, or a further answer later). The
 * files uploaded for it (`attachmentIds`, drafts) are published with it, in the same transaction.
 */
export async function answerQuestion(deps: ThreadDeps, actor: Actor, threadId: string, body: string, attachmentIds: string[] = []): Promise<string> {
  let postId = '';
  await deps.store.withTransaction(async (scope) => {
    const { thread, dialogue } = await visibleThread(scope, actor, threadId);
    if (!mayAnswerOfficially(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue answer officially');
    if (thread.status === 'pending') throw new AppError('QUESTION_PENDING', 'Publish the question with its answer, or answer it privately');
    if (thread.status !== 'published') throw new AppError('QUESTION_NOT_PENDING', 'This question was answered privately');
    const at = deps.clock.now().toISOString();
    postId = await insertPost(scope, actor, thread, { kind: 'answer', body, official: true, private: false }, at);
    await attachDrafts(scope, actor, thread, postId, attachmentIds, at);
    await changeThread(scope, thread, thread.answered ? {} : { answered: true, answeredAt: at });
    await appendEvent(scope, 'post.published', dialogue._id, { threadId, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return postId;
}

/**
 * Moderated Q&A: the buyers publish a question from their inbox together with its answer, so every
 * supplier learns both at the same moment.
 */
export async function publishThread(deps: ThreadDeps, actor: Actor, threadId: string, answer: string, attachmentIds: string[] = []): Promise<string> {
  let postId = '';
  await deps.store.withTransaction(async (scope) => {
    const { thread, dialogue } = await visibleThread(scope, actor, threadId);
    if (!mayHandleQuestions(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue publish questions');
    if (thread.status !== 'pending') throw new AppError('QUESTION_NOT_PENDING', 'This question is not waiting in the inbox');
    const at = deps.clock.now().toISOString();
    postId = await insertPost(scope, actor, thread, { kind: 'answer', body: answer, official: true, private: false }, at);
    await attachDrafts(scope, actor, thread, postId, attachmentIds, at);
    await changeThread(scope, thread, { status: 'published', publishedAt: at, answered: true, answeredAt: at });
    await countPublishedThread(scope, dialogue._id);
    await appendEvent(scope, 'thread.published', dialogue._id, { threadId, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return postId;
}

/**
 * The equal-treatment gate: a question asked in confidence may be answered to its asker alone only
 * with a recorded reason why the answer is not information every supplier needs.
 */
export async function answerPrivately(deps: ThreadDeps, actor: Actor, threadId: string, body: string, reason: string, attachmentIds: string[] = []): Promise<string> {
  let postId = '';
  await deps.store.withTransaction(async (scope) => {
    const { thread, dialogue } = await visibleThread(scope, actor, threadId);
    if (!mayHandleQuestions(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue answer questions');
    if (thread.status !== 'pending') throw new AppError('QUESTION_NOT_PENDING', 'This question is not waiting in the inbox');
    if (!thread.confidential) throw new AppError('NOT_CONFIDENTIAL', 'Only a question asked in confidence may be answered privately');
    const at = deps.clock.now().toISOString();
    postId = await insertPost(scope, actor, thread, { kind: 'answer', body, official: true, private: true }, at);
    await attachDrafts(scope, actor, thread, postId, attachmentIds, at);
    await changeThread(scope, thread, { status: 'answered-privately', privateAnswer: { at, by: actor.userId, reason } });
    await appendEvent(scope, 'thread.answered_privately', dialogue._id, { threadId, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return postId;
}

export async function comment(deps: ThreadDeps, actor: Actor, threadId: string, body: string): Promise<string> {
  let postId = '';
  await deps.store.withTransaction(async (scope) => {
    const { thread, dialogue } = await visibleThread(scope, actor, threadId);
    const facts = threadFacts(thread);
    if (!mayComment(actor, dialogue, dialogue.qaMode, facts)) {
      if (facts.locked && facts.status === 'published') throw new AppError('THREAD_LOCKED', 'This thread is locked');
      throw new AppError('FORBIDDEN', 'You cannot comment here');
    }
    const now = deps.clock.now();
    if (writingNeedsOpenDeadline(actor, dialogue)) refuseAfterDeadline(dialogue, now);
    if (!isDialogueOwner(actor, dialogue)) await ensurePseudonym(scope, dialogue._id, actor.userId);
    const at = now.toISOString();
    postId = await insertPost(scope, actor, thread, { kind: 'comment', body, official: false, private: false }, at);
    await changeThread(scope, thread);
    await appendEvent(scope, 'post.published', dialogue._id, { threadId, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return postId;
}
