// One-to-one meetings, equal by construction (LOU 4 kap. 8 §, directive 2014/24/EU art. 41): a buyer
// publishes a round of identical slots — one length, one agenda, one place — each supplier
// organisation books at most one, the buyer records minutes of every meeting, and closing the round
// publishes all the minutes to everyone who may see the dialogue, suppliers under the dialogue's
// pseudonyms. A round with a meeting without minutes cannot be closed.
import { z } from 'zod';
import { idSchema, lineOfText, longText } from './inputs.ts';
import { DEFAULT_TIME_ZONE, localDateTimeSchema, timeZoneSchema } from './sessions.ts';

export const MEETING_PLACES = ['online', 'onsite'] as const;
export type MeetingPlace = (typeof MEETING_PLACES)[number];

export const createMeetingRoundInput = z
  .strictObject({
    dialogueId: idSchema,
    title: lineOfText(3, 200),
    /** The same agenda for every meeting of the round. */
    agenda: longText(0, 20_000).default(''),
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    /** When the first slot starts, as a wall-clock time in `timeZone`; the others follow it. */
    firstStartsAt: localDateTimeSchema,
    slotMinutes: z.number().int().min(10).max(240),
    breakMinutes: z.number().int().min(0).max(120).default(0),
    slotCount: z.number().int().min(1).max(40),
    place: z.enum(MEETING_PLACES),
    /** Online: where every meeting is held, shown to the booking organisation and the buyers. */
    meetingLink: z.url({ protocol: /^https$/, error: 'invalid_meeting_link' }).max(500).optional(),
    address: lineOfText(3, 300).optional(),
  })
  .refine((round) => round.place === 'onsite' || round.meetingLink !== undefined, { error: 'meeting_link_required', path: ['meetingLink'] })
  .refine((round) => round.place === 'online' || round.address !== undefined, { error: 'address_required', path: ['address'] });
export type CreateMeetingRoundInput = z.infer<typeof createMeetingRoundInput>;

export const meetingRoundRef = z.strictObject({ roundId: idSchema });
export const meetingSlotRef = z.strictObject({ slotId: idSchema });
export const recordMinutesInput = z.strictObject({ slotId: idSchema, minutes: longText(3, 20_000) });
export type RecordMinutesInput = z.infer<typeof recordMinutesInput>;

export type MeetingRoundStatus = 'open' | 'closed';

export type MeetingRoundSummary = {
  id: string;
  dialogueId: string;
  title: string;
  status: MeetingRoundStatus;
  timeZone: string;
  slotMinutes: number;
  slotCount: number;
  bookedCount: number;
  /** UTC, ISO 8601: the first slot's start and the last slot's end. */
  startsAt: string;
  endsAt: string;
};

/** Who a meeting was with, as the viewer may know it: by name for the buyers and the supplier itself, else by pseudonym. */
export type MeetingSupplier = { kind: 'organisation'; name: string; person: string } | { kind: 'pseudonym'; label: string };

export type MeetingSlotView = {
  id: string;
  startsAt: string;
  endsAt: string;
  booked: boolean;
  /** Booked by the viewer's organisation. */
  mine: boolean;
  /** Null where the viewer may not know who booked it (other suppliers while the round is open). */
  supplier: MeetingSupplier | null;
  /** The buyers' minutes: for the buyers and the meeting's own supplier, for everyone once published. */
  minutes: string | null;
  minutesRecordedAt: string | null;
};

export type MeetingRoundView = MeetingRoundSummary & {
  dialogueTitle: string;
  agenda: string;
  place: MeetingPlace;
  address: string | null;
  /** For the buyers and an organisation that booked a slot. */
  meetingLink: string | null;
  closedAt: string | null;
  slots: MeetingSlotView[];
  viewer: {
    isHost: boolean;
    /** The slot the viewer's organisation booked. */
    bookedSlotId: string | null;
    canBook: boolean;
    cannotBookBecause: 'signed-out' | 'unconfirmed' | 'host' | 'not-a-member' | 'closed' | 'booked' | null;
    /** Booked meetings still without minutes (for the buyers: what stops the round from closing). */
    missingMinutes: number;
  };
};
