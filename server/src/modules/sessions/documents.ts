import type { SessionFormat, SessionStatus } from '@dialogforum/contracts';

export type SessionDocument = {
  _id: string;
  dialogueId: string;
  title: string;
  agenda: string;
  /** UTC, ISO 8601. */
  startsAt: string;
  endsAt: string;
  registrationDeadline: string;
  /** The zone the host entered the times in (IANA name). */
  timeZone: string;
  format: SessionFormat;
  meetingLink: string | null;
  address: string | null;
  capacity: number;
  questionsNeedApproval: boolean;
  status: SessionStatus;
  /** Places taken; raised only by a conditional update below `capacity`, so concurrent sign-ups cannot overbook. */
  registeredCount: number;
  waitlistCount: number;
  /** Hands out waitlist positions in order. */
  waitlistSeq: number;
  cancellation: { at: string; by: string; reason: string } | null;
  /** The live room's change counter: the number of the room's last change (live-room-access.ts). */
  roomChange?: number;
  /** Minutes the host published after the session. */
  minutes?: { text: string; at: string; by: string } | null;
  /** When the session went live and ended (by hand or at its time); absent before. */
  startedAt?: string;
  endedAt?: string;
  createdBy: string;
  createdAt: string;
  /**
   * The iCalendar SEQUENCE: raised by every change a calendar shows (details, time, cancellation),
   * so calendar apps replace their copy. Absent on sessions made before calendars: 0.
   */
  sequence?: number;
  /** When a calendar-visible detail last changed (absent: `createdAt`). */
  updatedAt?: string;
};

export type RegistrationDocument = {
  _id: string; // `${sessionId}:${userId}`
  sessionId: string;
  dialogueId: string;
  userId: string;
  organisationId: string;
  state: 'registered' | 'waitlisted';
  /** Waitlist order (lower first); null once registered. */
  waitlistPosition: number | null;
  at: string;
};

export const SESSIONS = 'sessions';
export const REGISTRATIONS = 'sessionRegistrations';

export function registrationId(sessionId: string, userId: string): string {
  return `${sessionId}:${userId}`;
}
