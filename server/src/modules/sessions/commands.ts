// Scheduling a dialogue's sessions: the buyers create, edit and cancel them. Each command checks the
// policy and the times and writes the session and its event in one transaction; whoever is
// registered is told of a new time or a cancellation by the notifier, which reacts to the event.
import type { CreateSessionInput, UpdateSessionInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayHostSessions } from '../../platform/policy/session-policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { REGISTRATIONS, SESSIONS, type SessionDocument } from './documents.ts';
import { ANNOUNCEMENTS, LIVE_QUESTIONS, LIVE_VOTES, POLL_BALLOTS, POLLS } from './live-documents.ts';
import { nextRoomChange } from './live-room-access.ts';
import { promoteFromWaitlist } from './registration-commands.ts';
import { dropSessionJobs, planSessionJobs, SESSION_JOBS } from './session-jobs.ts';
import { sessionPlace } from './session-place.ts';
import { refuseOverlap, resolveSessionTimes } from './session-times.ts';

export type SessionDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function createSession(deps: SessionDeps, actor: Actor, input: CreateSessionInput): Promise<string> {
  const sessionId = newId();
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, input.dialogueId);
    if (!mayHostSessions(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue schedule its sessions');
    const times = resolveSessionTimes(input, now);
    await refuseOverlap(scope, dialogue._id, times, null);
    const at = now.toISOString();
    await scope.collection<SessionDocument>(SESSIONS).insertOne({
      _id: sessionId,
      dialogueId: dialogue._id,
      title: input.title,
      agenda: input.agenda,
      ...times,
      timeZone: input.timeZone,
      ...sessionPlace(input),
      capacity: input.capacity,
      questionsNeedApproval: input.questionsNeedApproval,
      status: 'scheduled',
      registeredCount: 0,
      waitlistCount: 0,
      waitlistSeq: 0,
      cancellation: null,
      createdBy: actor.userId,
      createdAt: at,
      sequence: 0,
      updatedAt: at,
    });
    await planSessionJobs(scope, { _id: sessionId, dialogueId: dialogue._id, ...times }, now);
    await appendEvent(scope, 'session.scheduled', dialogue._id, { sessionId, by: actor.userId }, at);
  });
  deps.onCommit();
  return sessionId;
}

/** A session the actor hosts that has not ended or been cancelled; anything else of theirs answers as refused. */
async function hostedSession(scope: TransactionScope, actor: Actor, sessionId: string): Promise<SessionDocument> {
  const session = await scope.collection<SessionDocument>(SESSIONS).findOne({ _id: sessionId });
  if (!session) throw new AppError('NOT_FOUND', 'No such session');
  const dialogue = await visibleDialogue(scope, actor, session.dialogueId, 'No such session');
  if (!mayHostSessions(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue change its sessions');
  if (session.status === 'ended' || session.status === 'cancelled') throw new AppError('SESSION_CLOSED', 'The session has ended or was cancelled');
  return session;
}

export async function updateSession(deps: SessionDeps, actor: Actor, input: UpdateSessionInput): Promise<void> {
  const now = deps.clock.now();
  await deps.store.withTransaction(async (scope) => {
    const session = await hostedSession(scope, actor, input.sessionId);
    const times = resolveSessionTimes(input, now);
    await refuseOverlap(scope, session.dialogueId, times, session._id);
    const timeChanged = times.startsAt !== session.startsAt || times.endsAt !== session.endsAt;
    if (timeChanged && session.status === 'live') throw new AppError('SESSION_CLOSED', 'A session that has started keeps its time');
    await scope.collection<SessionDocument>(SESSIONS).updateOne(
      { _id: session._id },
      {
        $set: {
          title: input.title,
          agenda: input.agenda,
          ...times,
          timeZone: input.timeZone,
          ...sessionPlace(input),
          capacity: input.capacity,
          questionsNeedApproval: input.questionsNeedApproval,
          updatedAt: now.toISOString(),
        },
        $inc: { sequence: 1 },
      },
    );
    const at = now.toISOString();
    if (timeChanged) await planSessionJobs(scope, { _id: session._id, dialogueId: session.dialogueId, ...times }, now);
    // More places: those waiting move up, in order. Fewer: nobody registered loses their place.
    await promoteFromWaitlist(scope, session._id, input.capacity, at);
    await appendEvent(
      scope,
      timeChanged ? 'session.rescheduled' : 'session.updated',
      session.dialogueId,
      { sessionId: session._id, by: actor.userId, ...(timeChanged ? { from: session.startsAt, to: times.startsAt } : {}) },
      at,
    );
  });
  deps.onCommit();
}

export async function cancelSession(deps: SessionDeps, actor: Actor, sessionId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const session = await hostedSession(scope, actor, sessionId);
    await scope
      .collection<SessionDocument>(SESSIONS)
      .updateOne({ _id: sessionId }, { $set: { status: 'cancelled', cancellation: { at, by: actor.userId, reason }, updatedAt: at }, $inc: { sequence: 1 } });
    await dropSessionJobs(scope, sessionId);
    await appendEvent(scope, 'session.cancelled', session.dialogueId, { sessionId, by: actor.userId }, at);
  });
  deps.onCommit();
}

/**
 * The host opens the session's live room by hand (it also goes live at its start time when the
 * scheduler runs it). `by` is null when the scheduler did it.
 */
export async function startSession(deps: SessionDeps, actor: Actor, sessionId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const session = await hostedSession(scope, actor, sessionId);
    if (session.status === 'live') throw new AppError('SESSION_NOT_LIVE', 'The session is live already');
    const change = await nextRoomChange(scope, sessionId);
    await scope.collection<SessionDocument>(SESSIONS).updateOne({ _id: sessionId, status: 'scheduled' }, { $set: { status: 'live', startedAt: at } });
    await appendEvent(scope, 'session.started', session.dialogueId, { sessionId, by: actor.userId, change: String(change) }, at);
  });
  deps.onCommit();
}

/** The host closes the live room; from then on it only shows what was said, and minutes may be published. */
export async function endSession(deps: SessionDeps, actor: Actor, sessionId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  await deps.store.withTransaction(async (scope) => {
    const session = await hostedSession(scope, actor, sessionId);
    if (session.status !== 'live') throw new AppError('SESSION_NOT_LIVE', 'The session has not started');
    const change = await nextRoomChange(scope, sessionId);
    await scope.collection<SessionDocument>(SESSIONS).updateOne({ _id: sessionId, status: 'live' }, { $set: { status: 'ended', endedAt: at } });
    await appendEvent(scope, 'session.ended', session.dialogueId, { sessionId, by: actor.userId, change: String(change) }, at);
  });
  deps.onCommit();
}

export async function ensureSessionIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(SESSIONS, [{ keys: { dialogueId: 1, startsAt: 1 }, name: 'dialogue' }]);
  await store.ensureIndexes(REGISTRATIONS, [
    { keys: { sessionId: 1, state: 1 }, name: 'session' },
    { keys: { userId: 1 }, name: 'person' },
  ]);
  await store.ensureIndexes(SESSION_JOBS, [{ keys: { state: 1, dueAt: 1 }, name: 'due' }]);
  // A live room is read by its change numbers (what a client missed, what a push carries).
  for (const collection of [LIVE_QUESTIONS, ANNOUNCEMENTS, POLLS]) {
    await store.ensureIndexes(collection, [{ keys: { sessionId: 1, change: 1 }, name: 'room-change' }]);
  }
  await store.ensureIndexes(LIVE_QUESTIONS, [
    { keys: { sessionId: 1, createdAt: 1 }, name: 'session-order' },
    { keys: { askerId: 1 }, name: 'asker' },
  ]);
  for (const collection of [LIVE_VOTES, POLL_BALLOTS]) {
    await store.ensureIndexes(collection, [{ keys: { sessionId: 1, userId: 1 }, name: 'person-in-room' }]);
  }
}
