// A session's answered live questions become the dialogue's published Q&A (DESIGN.md §3.4): each
// one a thread with the question as its asker put it and the host's answer as the official answer,
// so suppliers who were not there read the same, search finds it and exports hold it. Written
// inside the sessions module's transaction that publishes the minutes.
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { nextDialogueChange } from '../dialogues/change-counter.ts';
import { THREADS, type ThreadDocument } from './documents.ts';
import { countPublishedThread, ensurePseudonym, insertPost } from './thread-writes.ts';

export type SessionAnswer = {
  dialogueId: string;
  sessionId: string;
  asker: { userId: string; organisationId: string };
  question: string;
  answerer: { userId: string; organisationId: string };
  answer: string;
  /** When the question was asked and answered in the room. */
  askedAt: string;
  answeredAt: string;
};

/** A thread title from the question itself: its first line, cut at a word near 120 characters. */
export function titleOfLiveQuestion(question: string): string {
  const firstLine = question.split('\n').find((line) => line.trim() !== '')?.trim() ?? question.trim();
  if (firstLine.length <= 120) return firstLine;
  const cut = firstLine.slice(0, 120);
  const space = cut.lastIndexOf(' ');
  return `${(space > 60 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Publishes one answered live question as a thread; returns the thread's id. */
export async function publishSessionAnswer(scope: TransactionScope, input: SessionAnswer, by: string, at: string): Promise<string> {
  const threadId = newId();
  await ensurePseudonym(scope, input.dialogueId, input.asker.userId);
  const change = await nextDialogueChange(scope, input.dialogueId);
  const title = titleOfLiveQuestion(input.question);
  await scope.collection<ThreadDocument>(THREADS).insertOne({
    _id: threadId,
    dialogueId: input.dialogueId,
    title,
    askerId: input.asker.userId,
    status: 'published',
    confidential: false,
    askedIn: 'open',
    createdAt: input.askedAt,
    publishedAt: at,
    answered: true,
    answeredAt: at,
    privateAnswer: null,
    locked: null,
    voteCount: 0,
    change,
  });
  const thread = { _id: threadId, dialogueId: input.dialogueId };
  await insertPost(scope, { userId: input.asker.userId, organisationId: input.asker.organisationId }, thread, { kind: 'question', body: input.question, official: false, private: false, title }, input.askedAt);
  const postId = await insertPost(scope, { userId: input.answerer.userId, organisationId: input.answerer.organisationId }, thread, { kind: 'answer', body: input.answer, official: true, private: false }, input.answeredAt);
  await countPublishedThread(scope, input.dialogueId);
  await appendEvent(scope, 'thread.published_from_session', input.dialogueId, { threadId, postId, sessionId: input.sessionId, by }, at);
  return threadId;
}
