// What a session's clock must do, kept in the store: remind those registered 24 hours and 15
// minutes before, open the session at its start and end it at its end. Each job is a document
// with its due time, written in the same transaction as the session's own change, so a scheduled
// session always has its jobs and a restart loses none. Moving the session moves them (and a
// reminder already sent is due again for the new time); cancelling it drops those not yet done.
import type { TransactionScope } from '../../platform/store/document-store.ts';
import type { SessionDocument } from './documents.ts';

export const SESSION_JOB_KINDS = ['reminder-24h', 'reminder-15m', 'start', 'end'] as const;
export type SessionJobKind = (typeof SESSION_JOB_KINDS)[number];

export type SessionJobDocument = {
  _id: string; // `${sessionId}:${kind}`
  sessionId: string;
  dialogueId: string;
  kind: SessionJobKind;
  /** UTC, ISO 8601. */
  dueAt: string;
  /** Done once its event is written (in the same transaction); skipped when it had no point. */
  state: 'pending' | 'done' | 'skipped';
  doneAt: string | null;
};

export const SESSION_JOBS = 'sessionJobs';

const MINUTE_MS = 60_000;
/** How long before the start each reminder is due. */
export const REMINDER_LEAD_MS: Record<'reminder-24h' | 'reminder-15m', number> = { 'reminder-24h': 24 * 60 * MINUTE_MS, 'reminder-15m': 15 * MINUTE_MS };

function dueAt(kind: SessionJobKind, session: Pick<SessionDocument, 'startsAt' | 'endsAt'>): number {
  if (kind === 'start') return Date.parse(session.startsAt);
  if (kind === 'end') return Date.parse(session.endsAt);
  return Date.parse(session.startsAt) - REMINDER_LEAD_MS[kind];
}

/**
 * (Re)plans every job of the session for its current times. A reminder whose moment has already
 * passed when the session is planned (a session made 10 hours ahead has no 24-hour reminder) is
 * skipped rather than sent late.
 */
export async function planSessionJobs(scope: TransactionScope, session: Pick<SessionDocument, '_id' | 'dialogueId' | 'startsAt' | 'endsAt'>, now: Date): Promise<void> {
  const jobs = scope.collection<SessionJobDocument>(SESSION_JOBS);
  for (const kind of SESSION_JOB_KINDS) {
    const due = dueAt(kind, session);
    const passed = kind.startsWith('reminder') && due <= now.getTime();
    await jobs.updateOne(
      { _id: `${session._id}:${kind}` },
      { $set: { sessionId: session._id, dialogueId: session.dialogueId, kind, dueAt: new Date(due).toISOString(), state: passed ? 'skipped' : 'pending', doneAt: null } },
      { upsert: true },
    );
  }
}

/** A cancelled session's clock stops: what is not done yet is dropped. */
export async function dropSessionJobs(scope: TransactionScope, sessionId: string): Promise<void> {
  await scope.collection<SessionJobDocument>(SESSION_JOBS).deleteMany({ sessionId, state: 'pending' });
}
