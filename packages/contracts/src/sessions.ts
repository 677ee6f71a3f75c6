// Live dialogue sessions (dialogmöten) of a dialogue: inputs and views. Times are entered as wall
// clock times in the session's own time zone (Europe/Stockholm by default), stored in UTC and shown
// in each viewer's zone.
import { z } from 'zod';
import { idSchema, lineOfText, longText } from './inputs.ts';
import { isValidTimeZone, LOCAL_DATE_TIME } from './zoned-time.ts';

export const SESSION_FORMATS = ['online', 'onsite', 'hybrid'] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

/** A wall-clock time as `<input type="datetime-local">` gives it: `2026-12-01T10:00`. */
export const localDateTimeSchema = z.string().regex(LOCAL_DATE_TIME, { error: 'invalid_date' });

export const timeZoneSchema = z.string().refine(isValidTimeZone, { error: 'invalid_time_zone' });

/** Only links people can safely follow to the buyer's own meeting tool. */
const meetingLinkSchema = z
  .url({ protocol: /^https$/, error: 'invalid_meeting_link' })
  .max(500);

/** What every session has, a dialogue's or a buyers' network's. */
export const sessionBasics = {
  title: lineOfText(3, 200),
  agenda: longText(0, 20_000).default(''),
  startsAt: localDateTimeSchema,
  endsAt: localDateTimeSchema,
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  format: z.enum(SESSION_FORMATS),
  meetingLink: meetingLinkSchema.optional(),
  address: lineOfText(3, 300).optional(),
  capacity: z.number().int().min(1).max(10_000),
};

const sessionFields = {
  ...sessionBasics,
  /** When registration closes; by default when the session starts. */
  registrationDeadline: localDateTimeSchema.optional(),
  /** Live questions are shown once the host approves them. */
  questionsNeedApproval: z.boolean().default(false),
};

/** What a session needs whatever its format; the times' order and the clock are checked by the server. */
export function withFormatFacts<T extends { format: SessionFormat; meetingLink?: string | undefined; address?: string | undefined; startsAt: string; endsAt: string }>(
  schema: z.ZodType<T>,
) {
  return schema
    .refine((session) => session.format === 'onsite' || session.meetingLink !== undefined, { error: 'meeting_link_required', path: ['meetingLink'] })
    .refine((session) => session.format === 'online' || session.address !== undefined, { error: 'address_required', path: ['address'] })
    .refine((session) => session.endsAt > session.startsAt, { error: 'date_order', path: ['endsAt'] });
}

export const createSessionInput = withFormatFacts(z.strictObject({ dialogueId: idSchema, ...sessionFields }));
export type CreateSessionInput = z.infer<typeof createSessionInput>;

/** Changing the time tells everyone registered. */
export const updateSessionInput = withFormatFacts(z.strictObject({ sessionId: idSchema, ...sessionFields }));
export type UpdateSessionInput = z.infer<typeof updateSessionInput>;

export const cancelSessionInput = z.strictObject({ sessionId: idSchema, reason: longText(3, 2000) });
export const sessionRef = z.strictObject({ sessionId: idSchema });

export type SessionRegistrationState = 'registered' | 'waitlisted' | null;

export type SessionSummary = {
  id: string;
  dialogueId: string;
  title: string;
  /** UTC, ISO 8601. */
  startsAt: string;
  endsAt: string;
  /** The session's own zone: what the host entered the times in. */
  timeZone: string;
  format: SessionFormat;
  status: SessionStatus;
  capacity: number;
  registeredCount: number;
  waitlistCount: number;
};

export type SessionView = SessionSummary & {
  dialogueTitle: string;
  agenda: string;
  address: string | null;
  /** Only for those registered (not on the waitlist) and the hosts. */
  meetingLink: string | null;
  registrationDeadline: string;
  questionsNeedApproval: boolean;
  cancellation: { at: string; reason: string } | null;
  /** The times as the host entered them, in the session's zone (for editing). */
  local: { startsAt: string; endsAt: string; registrationDeadline: string };
  viewer: {
    isHost: boolean;
    registration: SessionRegistrationState;
    /** 1 for the first on the waitlist. */
    waitlistPosition: number | null;
    canRegister: boolean;
    /** Why the viewer cannot register, when they cannot. */
    cannotRegisterBecause: 'signed-out' | 'unconfirmed' | 'host' | 'closed' | 'not-a-member' | null;
  };
};

/** A registered person, for the hosts: who is coming. */
export type SessionRegistrationView = {
  name: string;
  organisationName: string;
  state: 'registered' | 'waitlisted';
  at: string;
};
