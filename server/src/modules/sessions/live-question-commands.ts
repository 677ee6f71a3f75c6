// Live questions: attendees submit and upvote them; the hosts approve, hide (with a reason; the
// text is kept), pin and answer them. Each command checks the policy and the session's state and
// writes the question, the room's change number and its event in one transaction; the realtime
// processor pushes the change to the room (votes coalesced) from the event.
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent, type EventType } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import type { MemberActor } from '../../platform/policy/policy.ts';
import { mayTakePartInLiveRoom } from '../../platform/policy/live-room-policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { refuseAfterDeadline } from '../threads/deadline-gate.ts';
import { ensurePseudonym } from '../threads/thread-writes.ts';
import { LIVE_QUESTIONS, LIVE_VOTES, liveVoteId, type LiveQuestionDocument, type LiveVoteDocument } from './live-documents.ts';
import { liveRoomOf, nextRoomChange, refuseUnlessHost, refuseUnlessLive, type LiveRoom } from './live-room-access.ts';

export type LiveRoomDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function submitLiveQuestion(deps: LiveRoomDeps, actor: Actor, sessionId: string, body: string): Promise<string> {
  const questionId = newId();
  await deps.store.withTransaction(async (scope) => {
    const room = await liveRoomOf(scope, actor, sessionId);
    if (!mayTakePartInLiveRoom(actor, room.dialogue)) throw new AppError('FORBIDDEN', 'The hosts answer questions; attendees ask them');
    refuseUnlessLive(room.session);
    const now = deps.clock.now();
    // A live question becomes the dialogue's published Q&A: the dialogue's question deadline holds here too.
    refuseAfterDeadline(room.dialogue, now);
    await ensurePseudonym(scope, room.dialogue._id, actor.userId);
    const at = now.toISOString();
    const change = await nextRoomChange(scope, sessionId);
    await scope.collection<LiveQuestionDocument>(LIVE_QUESTIONS).insertOne({
      _id: questionId,
      sessionId,
      dialogueId: room.dialogue._id,
      askerId: actor.userId,
      askerOrganisationId: actor.organisationId,
      body,
      status: room.session.questionsNeedApproval ? 'pending' : 'visible',
      shown: !room.session.questionsNeedApproval,
      votes: 0,
      pinned: false,
      answer: null,
      hidden: null,
      threadId: null,
      createdAt: at,
      change,
    });
    await appendEvent(scope, 'live.question_submitted', room.dialogue._id, { sessionId, questionId, by: actor.userId, change: String(change) }, at);
  });
  deps.onCommit();
  return questionId;
}

/** One upvote per person and question, taken back with `up: false`; saying the same twice writes nothing. */
export async function voteLiveQuestion(deps: LiveRoomDeps, actor: Actor, questionId: string, up: boolean): Promise<void> {
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { question, room } = await questionIn(scope, actor, questionId);
    if (!mayTakePartInLiveRoom(actor, room.dialogue)) throw new AppError('FORBIDDEN', 'Attendees vote on questions');
    refuseUnlessLive(room.session);
    if (question.status !== 'visible') throw new AppError('NOT_FOUND', 'No such question');
    const votes = scope.collection<LiveVoteDocument>(LIVE_VOTES);
    const id = liveVoteId(questionId, actor.userId);
    const existing = await votes.findOne({ _id: id });
    if (up === (existing !== null)) return;
    const at = deps.clock.now().toISOString();
    if (up) await votes.insertOne({ _id: id, questionId, sessionId: question.sessionId, userId: actor.userId, at });
    else await votes.deleteMany({ _id: id });
    await changeQuestion(scope, question, { $inc: { votes: up ? 1 : -1 } }, 'live.question_voted', actor, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

export async function approveLiveQuestion(deps: LiveRoomDeps, actor: Actor, questionId: string): Promise<void> {
  await hostAct(deps, actor, questionId, (question) => {
    if (question.status !== 'pending') throw new AppError('QUESTION_NOT_PENDING', 'The question is not waiting for approval');
    return { update: { $set: { status: 'visible', shown: true } }, event: 'live.question_approved' };
  });
}

/** Hidden from the room with a recorded reason; the text is kept (nothing is deleted). */
export async function hideLiveQuestion(deps: LiveRoomDeps, actor: Actor, questionId: string, reason: string): Promise<void> {
  await hostAct(deps, actor, questionId, (question, at) => {
    if (question.status === 'hidden') return null;
    return { update: { $set: { status: 'hidden', pinned: false, hidden: { at, by: actor.userId, reason } } }, event: 'live.question_hidden' };
  });
}

export async function pinLiveQuestion(deps: LiveRoomDeps, actor: Actor, questionId: string, pinned: boolean): Promise<void> {
  await hostAct(deps, actor, questionId, (question) => {
    if (question.status !== 'visible') throw new AppError('NOT_FOUND', 'No such question');
    if (question.pinned === pinned) return null;
    return { update: { $set: { pinned } }, event: 'live.question_pinned' };
  });
}

/**
 * Marks the question answered with what the host said, in short; said again, it replaces the text.
 * Allowed while the session is live and after it ended, until the session's Q&A is published.
 */
export async function answerLiveQuestion(deps: LiveRoomDeps, actor: Actor, questionId: string, answer: string): Promise<void> {
  await hostAct(
    deps,
    actor,
    questionId,
    (question, at, host) => {
      if (question.status !== 'visible') throw new AppError('NOT_FOUND', 'No such question');
      if (question.threadId !== null) throw new AppError('SESSION_CLOSED', 'The session’s questions and answers are published');
      if (question.answer?.text === answer) return null;
      return { update: { $set: { answer: { at, by: actor.userId, organisationId: host.organisationId, text: answer }, pinned: false } }, event: 'live.question_answered' };
    },
    { afterEnd: true },
  );
}

type HostChange = { update: Record<string, unknown>; event: EventType } | null;

/** A host's act on a question: the policy, the session's state, the change and its event together. */
async function hostAct(
  deps: LiveRoomDeps,
  actor: Actor,
  questionId: string,
  decide: (question: LiveQuestionDocument, at: string, host: MemberActor) => HostChange,
  options: { afterEnd?: boolean } = {},
): Promise<void> {
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const { question, room } = await questionIn(scope, actor, questionId);
    const host = refuseUnlessHost(actor, room);
    if (!(options.afterEnd && room.session.status === 'ended')) refuseUnlessLive(room.session);
    const at = deps.clock.now().toISOString();
    const decided = decide(question, at, host);
    if (decided === null) return;
    await changeQuestion(scope, question, decided.update, decided.event, actor, at);
    changed = true;
  });
  if (changed) deps.onCommit();
}

async function changeQuestion(scope: TransactionScope, question: LiveQuestionDocument, update: Record<string, unknown>, event: EventType, actor: Actor, at: string): Promise<void> {
  const change = await nextRoomChange(scope, question.sessionId);
  const set = { ...((update.$set as Record<string, unknown> | undefined) ?? {}), change };
  await scope.collection<LiveQuestionDocument>(LIVE_QUESTIONS).updateOne({ _id: question._id }, { ...update, $set: set });
  await appendEvent(scope, event, question.dialogueId, { sessionId: question.sessionId, questionId: question._id, by: actor.userId, change: String(change) }, at);
}

/** The question and its room, if the actor may see the room; a question they may not see answers as missing. */
async function questionIn(scope: TransactionScope, actor: Actor, questionId: string): Promise<{ question: LiveQuestionDocument; room: LiveRoom }> {
  const question = await scope.collection<LiveQuestionDocument>(LIVE_QUESTIONS).findOne({ _id: questionId });
  if (!question) throw new AppError('NOT_FOUND', 'No such question');
  const room = await liveRoomOf(scope, actor, question.sessionId).catch((error: unknown) => {
    if (error instanceof AppError && error.appCode === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'No such question');
    throw error;
  });
  return { question, room };
}
