// Asking a question and answering it officially. The deadline, the right to answer and the asker's
// pseudonym are decided here, in the same transaction that writes the post and its event.
import type { AskQuestionInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { hasVerifiedEmail, isPastQuestionDeadline, mayAnswerOfficially, mayAskQuestions } from '../../platform/policy/policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { POSTS, PSEUDONYMS, THREADS, type PostDocument, type PseudonymDocument, type ThreadDocument } from './documents.ts';
import { pseudonymLabel } from './pseudonym-label.ts';

export type ThreadDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function askQuestion(deps: ThreadDeps, actor: Actor | null, input: AskQuestionInput): Promise<string> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in to ask a question');
  if (!hasVerifiedEmail(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address before asking');
  const threadId = newId();
  await deps.store.withTransaction(async (scope) => {
    // Read inside the transaction: a deadline moved at the same moment cannot let a question slip in.
    const dialogue = await visibleDialogue(scope, actor, input.dialogueId);
    if (!mayAskQuestions(actor, dialogue)) throw new AppError('FORBIDDEN', 'The buyers of a dialogue answer questions; they do not ask them');
    const now = deps.clock.now();
    if (isPastQuestionDeadline(dialogue, now)) {
      throw new AppError('DEADLINE_PASSED', `The question deadline passed at ${dialogue.questionDeadline}`);
    }
    await ensurePseudonym(scope, dialogue, actor.userId);
    const at = now.toISOString();
    await scope.collection<ThreadDocument>(THREADS).insertOne({
      _id: threadId,
      dialogueId: dialogue._id,
      title: input.title,
      askerId: actor.userId,
      createdAt: at,
    });
    const postId = newId();
    await scope.collection<PostDocument>(POSTS).insertOne({
      _id: postId,
      threadId,
      dialogueId: dialogue._id,
      kind: 'question',
      body: input.body,
      authorId: actor.userId,
      authorOrganisationId: actor.organisationId,
      official: false,
      createdAt: at,
    });
    await scope.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogue._id }, { $inc: { threadCount: 1 } });
    await appendEvent(scope, 'thread.created', dialogue._id, { threadId, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return threadId;
}

export async function answerQuestion(deps: ThreadDeps, actor: Actor | null, threadId: string, body: string): Promise<string> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in to answer');
  if (!hasVerifiedEmail(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address before answering');
  const postId = newId();
  await deps.store.withTransaction(async (scope) => {
    const thread = await scope.collection<ThreadDocument>(THREADS).findOne({ _id: threadId });
    if (!thread) throw new AppError('NOT_FOUND', 'No such question');
    const dialogue = await visibleDialogue(scope, actor, thread.dialogueId, 'No such question');
    if (!mayAnswerOfficially(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue answer officially');
    const at = deps.clock.now().toISOString();
    await scope.collection<PostDocument>(POSTS).insertOne({
      _id: postId,
      threadId,
      dialogueId: dialogue._id,
      kind: 'answer',
      body,
      authorId: actor.userId,
      authorOrganisationId: actor.organisationId,
      official: true,
      createdAt: at,
    });
    await appendEvent(scope, 'post.published', dialogue._id, { threadId, postId, by: actor.userId }, at);
  });
  deps.onCommit();
  return postId;
}

async function ensurePseudonym(scope: TransactionScope, dialogue: DialogueDocument, userId: string): Promise<void> {
  const pseudonyms = scope.collection<PseudonymDocument>(PSEUDONYMS);
  const id = `${dialogue._id}:${userId}`;
  if (await pseudonyms.findOne({ _id: id })) return;
  const updated = await scope
    .collection<DialogueDocument>(DIALOGUES)
    .findOneAndUpdate({ _id: dialogue._id }, { $inc: { pseudonymCount: 1 } });
  if (!updated) throw new AppError('NOT_FOUND', 'No such dialogue');
  await pseudonyms.insertOne({ _id: id, dialogueId: dialogue._id, userId, label: pseudonymLabel(updated.pseudonymCount - 1) });
}

export async function ensureThreadIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(THREADS, [{ keys: { dialogueId: 1, createdAt: 1 }, name: 'dialogue' }]);
  await store.ensureIndexes(POSTS, [
    { keys: { threadId: 1, createdAt: 1 }, name: 'thread' },
    { keys: { dialogueId: 1 }, name: 'dialogue' },
  ]);
  await store.ensureIndexes(PSEUDONYMS, [{ keys: { dialogueId: 1 }, name: 'dialogue' }]);
}
