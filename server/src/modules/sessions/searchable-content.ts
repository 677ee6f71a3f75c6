// What of a session search may find: the parts everyone who may see its dialogue reads, by this
// module's own rules. The minutes, once the host published them. The live room's questions the
// room sees with their text (approved, not hidden) — until the minutes publish an answered one as a
// thread of the dialogue, which search then finds instead (one result, not two). A cancelled
// session has no room and no minutes. Readers are checked again for each result (`readable…`).
import type { Actor } from '../../platform/policy/actor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';
import { LIVE_QUESTIONS, type LiveQuestionDocument } from './live-documents.ts';
import { visibleSession } from './queries.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export type SearchableMinutes = { sessionId: string; dialogueId: string; title: string; text: string; at: string };
export type SearchableLiveQuestion = {
  id: string;
  sessionId: string;
  dialogueId: string;
  sessionTitle: string;
  body: string;
  answer: { text: string; at: string } | null;
  createdAt: string;
};

/** A session's searchable minutes and live questions, and the ids of all its live questions (what is not searchable leaves the index). */
export async function searchableSessionContent(
  store: Readable,
  sessionId: string,
): Promise<{ minutes: SearchableMinutes | null; liveQuestions: SearchableLiveQuestion[]; allLiveQuestionIds: string[] } | null> {
  const session = await store.collection<SessionDocument>(SESSIONS).findOne({ _id: sessionId });
  if (!session) return null;
  const questions = await store.collection<LiveQuestionDocument>(LIVE_QUESTIONS).find({ sessionId });
  return {
    minutes: minutesOf(session),
    liveQuestions: questions.flatMap((question) => {
      const searchable = liveQuestionOf(session, question);
      return searchable ? [searchable] : [];
    }),
    allLiveQuestionIds: questions.map((question) => question._id),
  };
}

/** The sessions of a dialogue (what its search documents are rewritten from when the dialogue changes). */
export async function sessionIdsOfDialogue(store: Readable, dialogueId: string): Promise<string[]> {
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({ dialogueId });
  return sessions.map((session) => session._id);
}

/** Every session's id (`pnpm reindex`). */
export async function everySessionId(store: Readable): Promise<string[]> {
  const sessions = await store.collection<SessionDocument>(SESSIONS).find({});
  return sessions.map((session) => session._id);
}

/** The session's minutes, with its dialogue, if the actor may read them now; otherwise null. */
export async function readableSessionMinutes(store: Readable, actor: Actor | null, sessionId: string): Promise<{ minutes: SearchableMinutes; dialogue: DialogueDocument } | null> {
  const room = await visibleSession(store, actor, sessionId).catch(() => null);
  const minutes = room ? minutesOf(room.session) : null;
  return room && minutes ? { minutes, dialogue: room.dialogue } : null;
}

/** A live question as everyone in its room reads it, with its dialogue, if the actor may see the room and it is still searchable. */
export async function readableLiveQuestion(
  store: Readable,
  actor: Actor | null,
  questionId: string,
): Promise<{ question: SearchableLiveQuestion; dialogue: DialogueDocument } | null> {
  const question = await store.collection<LiveQuestionDocument>(LIVE_QUESTIONS).findOne({ _id: questionId });
  if (!question) return null;
  const room = await visibleSession(store, actor, question.sessionId).catch(() => null);
  const searchable = room ? liveQuestionOf(room.session, question) : null;
  return room && searchable ? { question: searchable, dialogue: room.dialogue } : null;
}

function minutesOf(session: SessionDocument): SearchableMinutes | null {
  if (session.status === 'cancelled' || !session.minutes) return null;
  return { sessionId: session._id, dialogueId: session.dialogueId, title: session.title, text: session.minutes.text, at: session.minutes.at };
}

function liveQuestionOf(session: SessionDocument, question: LiveQuestionDocument): SearchableLiveQuestion | null {
  if (session.status === 'cancelled' || question.status !== 'visible' || question.threadId !== null) return null;
  return {
    id: question._id,
    sessionId: session._id,
    dialogueId: session.dialogueId,
    sessionTitle: session.title,
    body: question.body,
    answer: question.answer ? { text: question.answer.text, at: question.answer.at } : null,
    createdAt: question.createdAt,
  };
}
