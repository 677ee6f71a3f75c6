// The sessions' clock: every few seconds it fires the jobs that are due (session-jobs.ts). A job is
// claimed by a conditional update from pending to done in the same transaction that writes what it
// does — a reminder's `session.reminder_due` event, or the session going live or ending — so it
// happens once however often it is looked at, across restarts and nodes. The notifier turns each
// reminder event into a notification per registrant whose id is (event, person): exactly one each.
//
// Behind several nodes one node runs the clock, the one holding its lease (the same lease the
// event processors use, on a checkpoint document of its own): the claim alone would keep it
// correct, the lease keeps the other nodes from doing the same reads for nothing.
import type { Clock } from '../../platform/clock.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { ProcessorLease } from '../../platform/events/processor-lease.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';
import { REMINDER_LEAD_MS, SESSION_JOBS, type SessionJobDocument } from './session-jobs.ts';
import { endAtItsTime, goLive } from './session-transitions.ts';

/** The lease's name among the checkpoints. */
export const SESSION_CLOCK = 'session-clock';
const BATCH = 100;

/** Fires every job due now; true when something was written (the dispatcher should look). */
export async function fireDueJobs(store: DocumentStore, clock: Clock): Promise<boolean> {
  const now = clock.now();
  const due = await store.collection<SessionJobDocument>(SESSION_JOBS).find({ state: 'pending', dueAt: { $lte: now.toISOString() } }, { sort: { dueAt: 1 }, limit: BATCH });
  let wrote = false;
  for (const job of due) {
    await store.withTransaction(async (scope) => {
      const at = now.toISOString();
      const claimed = await scope
        .collection<SessionJobDocument>(SESSION_JOBS)
        .findOneAndUpdate({ _id: job._id, state: 'pending', dueAt: job.dueAt }, { $set: { state: 'done', doneAt: at } });
      if (!claimed) return;
      const session = await scope.collection<SessionDocument>(SESSIONS).findOne({ _id: job.sessionId });
      const done = session ? await perform(scope, claimed, session, now) : false;
      if (!done) await scope.collection<SessionJobDocument>(SESSION_JOBS).updateOne({ _id: job._id }, { $set: { state: 'skipped' } });
      wrote = true;
    });
  }
  return wrote;
}

async function perform(scope: TransactionScope, job: SessionJobDocument, session: SessionDocument, now: Date): Promise<boolean> {
  const at = now.toISOString();
  if (job.kind === 'start') return goLive(scope, session, at);
  if (job.kind === 'end') return endAtItsTime(scope, session, at);
  // A reminder is for a session still to come. Late (the server was down), it is still worth
  // sending until the next reminder is due: "tomorrow" ten minutes before the start is not.
  const startsAt = Date.parse(session.startsAt);
  const latest = job.kind === 'reminder-24h' ? startsAt - REMINDER_LEAD_MS['reminder-15m'] : startsAt;
  if (session.status !== 'scheduled' || now.getTime() >= latest) return false;
  await appendEvent(scope, 'session.reminder_due', session.dialogueId, { sessionId: session._id, reminder: job.kind }, at);
  return true;
}

export type SessionClockOptions = {
  everyMs: number;
  /** Behind several nodes: run only while holding this lease. */
  lease: ProcessorLease | null;
  onFired: () => void;
  onError: (error: unknown) => void;
};

/** Looks at once and then every `everyMs`; stop() waits for a look in progress and releases the lease. */
export function startSessionClock(store: DocumentStore, clock: Clock, options: SessionClockOptions): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const look = async () => {
    if (options.lease && !options.lease.holds() && (await options.lease.tryAcquire()) === null) return;
    if (await fireDueJobs(store, clock)) options.onFired();
  };
  const tick = () => {
    if (stopped) return;
    running = running.then(look).catch(options.onError);
  };
  tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await options.lease?.release();
    },
  };
}
