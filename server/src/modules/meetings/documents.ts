import type { MeetingPlace } from '@dialogforum/contracts';

/** A round of one-to-one meetings: everything the meetings have in common lives here, once. */
export type MeetingRoundDocument = {
  _id: string;
  dialogueId: string;
  title: string;
  agenda: string;
  timeZone: string;
  slotMinutes: number;
  slotCount: number;
  place: MeetingPlace;
  meetingLink: string | null;
  address: string | null;
  status: 'open' | 'closed';
  bookedCount: number;
  /** UTC, ISO 8601: the first slot's start, the last slot's end. */
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
};

/** One slot of a round; booked by one person for their organisation, with the buyers' minutes. */
export type MeetingSlotDocument = {
  _id: string;
  roundId: string;
  dialogueId: string;
  index: number;
  startsAt: string;
  endsAt: string;
  bookedBy: string | null;
  organisationId: string | null;
  bookedAt: string | null;
  minutes: string | null;
  minutesBy: string | null;
  minutesAt: string | null;
};

/**
 * An organisation's one booking in a round. Its id is (round, organisation) under the primary key,
 * so two colleagues booking at once cannot both succeed: the second insert is a duplicate.
 */
export type MeetingBookingDocument = { _id: string; roundId: string; slotId: string; organisationId: string; userId: string; at: string };

export const MEETING_ROUNDS = 'meetingRounds';
export const MEETING_SLOTS = 'meetingSlots';
export const MEETING_BOOKINGS = 'meetingBookings';

export function bookingId(roundId: string, organisationId: string): string {
  return `${roundId}:${organisationId}`;
}
