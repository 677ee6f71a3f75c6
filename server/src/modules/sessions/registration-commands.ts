// Signing up for a session. A place is taken by a conditional increment of the session's count
// below its capacity, so many people registering for the last place at once never overbook: the
// increment either succeeds for one of them or not at all (on MongoDB the competing transactions
// conflict on the session document and are retried). Those who find it full join the waitlist in
// order and move up, and are told, when a place frees.
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { registrationRefusal } from '../../platform/policy/session-policy.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { REGISTRATIONS, registrationId, SESSIONS, type RegistrationDocument, type SessionDocument } from './documents.ts';

export type RegistrationDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

export async function register(deps: RegistrationDeps, actor: Actor, sessionId: string): Promise<'registered' | 'waitlisted'> {
  const now = deps.clock.now();
  let outcome: 'registered' | 'waitlisted' = 'registered';
  let wrote = false;
  await deps.store.withTransaction(async (scope) => {
    const sessions = scope.collection<SessionDocument>(SESSIONS);
    const session = await sessions.findOne({ _id: sessionId });
    if (!session) throw new AppError('NOT_FOUND', 'No such session');
    const dialogue = await visibleDialogue(scope, actor, session.dialogueId, 'No such session');
    if (registrationRefusal(actor, dialogue) !== null) throw new AppError('FORBIDDEN', 'The buyers host their sessions; members of other organisations register');
    if (session.status !== 'scheduled' || now.getTime() > Date.parse(session.registrationDeadline)) {
      throw new AppError('REGISTRATION_CLOSED', 'Registration for this session is closed');
    }
    const registrations = scope.collection<RegistrationDocument>(REGISTRATIONS);
    const existing = await registrations.findOne({ _id: registrationId(sessionId, actor.userId) });
    if (existing) {
      outcome = existing.state;
      return;
    }
    const at = now.toISOString();
    const place = await sessions.findOneAndUpdate(
      { _id: sessionId, $expr: { $lt: ['$registeredCount', '$capacity'] } },
      { $inc: { registeredCount: 1 } },
    );
    let waitlistPosition: number | null = null;
    if (!place) {
      const queued = await sessions.findOneAndUpdate({ _id: sessionId }, { $inc: { waitlistSeq: 1, waitlistCount: 1 } });
      waitlistPosition = queued?.waitlistSeq ?? 0;
      outcome = 'waitlisted';
    }
    await registrations.insertOne({
      _id: registrationId(sessionId, actor.userId),
      sessionId,
      dialogueId: session.dialogueId,
      userId: actor.userId,
      organisationId: actor.organisationId ?? '',
      state: outcome,
      waitlistPosition,
      at,
    });
    // The organisation is named so the metrics can count attendance by organisation from the log alone.
    await appendEvent(
      scope,
      outcome === 'registered' ? 'session.registered' : 'session.waitlisted',
      session.dialogueId,
      { sessionId, userId: actor.userId, organisationId: actor.organisationId ?? '', by: actor.userId },
      at,
    );
    wrote = true;
  });
  if (wrote) deps.onCommit();
  return outcome;
}

/** Leaving frees the place for the first on the waitlist; leaving what one never joined changes nothing. */
export async function unregister(deps: RegistrationDeps, actor: Actor, sessionId: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let wrote = false;
  await deps.store.withTransaction(async (scope) => {
    const registrations = scope.collection<RegistrationDocument>(REGISTRATIONS);
    const registration = await registrations.findOne({ _id: registrationId(sessionId, actor.userId) });
    if (!registration) return;
    const sessions = scope.collection<SessionDocument>(SESSIONS);
    const session = await sessions.findOne({ _id: sessionId });
    if (!session) throw new AppError('NOT_FOUND', 'No such session');
    await registrations.deleteMany({ _id: registration._id });
    if (registration.state === 'registered') {
      await sessions.updateOne({ _id: sessionId }, { $inc: { registeredCount: -1 } });
      await promoteFromWaitlist(scope, sessionId, session.capacity, at);
    } else {
      await sessions.updateOne({ _id: sessionId }, { $inc: { waitlistCount: -1 } });
    }
    await appendEvent(scope, 'session.unregistered', session.dialogueId, { sessionId, userId: actor.userId, by: actor.userId }, at);
    wrote = true;
  });
  if (wrote) deps.onCommit();
}

/** Fills free places from the waitlist, first come first served; each person moved up is an event (and told). */
export async function promoteFromWaitlist(scope: TransactionScope, sessionId: string, capacity: number, at: string): Promise<void> {
  const sessions = scope.collection<SessionDocument>(SESSIONS);
  const registrations = scope.collection<RegistrationDocument>(REGISTRATIONS);
  for (;;) {
    const session = await sessions.findOne({ _id: sessionId });
    if (!session || session.registeredCount >= capacity || session.waitlistCount <= 0) return;
    const [next] = await registrations.find({ sessionId, state: 'waitlisted' }, { sort: { waitlistPosition: 1 }, limit: 1 });
    if (!next) return;
    await registrations.updateOne({ _id: next._id }, { $set: { state: 'registered', waitlistPosition: null } });
    await sessions.updateOne({ _id: sessionId }, { $inc: { registeredCount: 1, waitlistCount: -1 } });
    await appendEvent(scope, 'session.promoted', session.dialogueId, { sessionId, userId: next.userId, organisationId: next.organisationId, by: next.userId }, at);
  }
}
