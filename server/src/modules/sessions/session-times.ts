// A session's wall-clock times, as the host entered them in the session's zone, checked and turned
// into instants: each must exist (not skipped by a daylight-saving change), the session must start
// in the future and end after it starts, registration must close by the start, and it must not
// overlap another session of the same dialogue. Each problem is a field issue the form shows.
import { zonedLocalToUtc, type FieldIssue } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { SESSIONS, type SessionDocument } from './documents.ts';

export type SessionTimes = { startsAt: string; endsAt: string; registrationDeadline: string };

export function resolveSessionTimes(
  input: { startsAt: string; endsAt: string; registrationDeadline?: string | undefined; timeZone: string },
  now: Date,
): SessionTimes {
  const issues: FieldIssue[] = [];
  const instant = (field: 'startsAt' | 'endsAt' | 'registrationDeadline', local: string): number => {
    const resolved = zonedLocalToUtc(local, input.timeZone);
    if (resolved.ok) return resolved.utcMs;
    issues.push({ path: field, code: resolved.reason === 'nonexistent' ? 'time_nonexistent' : 'invalid_date' });
    return Number.NaN;
  };
  const start = instant('startsAt', input.startsAt);
  const end = instant('endsAt', input.endsAt);
  const deadline = input.registrationDeadline === undefined ? start : instant('registrationDeadline', input.registrationDeadline);
  if (start <= now.getTime()) issues.push({ path: 'startsAt', code: 'time_in_past' });
  if (end <= start) issues.push({ path: 'endsAt', code: 'date_order' });
  if (deadline > start) issues.push({ path: 'registrationDeadline', code: 'registration_after_start' });
  if (issues.length > 0) throw new AppError('VALIDATION', 'The session times are not right', issues);
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString(), registrationDeadline: new Date(deadline).toISOString() };
}

/** Two sessions of one dialogue at once would split the people it is for. */
export async function refuseOverlap(scope: TransactionScope, dialogueId: string, times: SessionTimes, exceptSessionId: string | null): Promise<void> {
  const overlapping = await scope.collection<SessionDocument>(SESSIONS).findOne({
    dialogueId,
    status: { $in: ['scheduled', 'live'] },
    startsAt: { $lt: times.endsAt },
    endsAt: { $gt: times.startsAt },
    ...(exceptSessionId ? { _id: { $ne: exceptSessionId } } : {}),
  });
  if (overlapping) throw new AppError('VALIDATION', `Overlaps the session "${overlapping.title}"`, [{ path: 'startsAt', code: 'session_overlap' }]);
}
