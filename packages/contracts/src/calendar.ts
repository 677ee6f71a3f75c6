// Calendars: a session as an iCalendar file (RFC 5545) to download, and subscribable feeds — a
// person's own sessions, or one dialogue's sessions as that person may see them. A feed is reached
// by a secret token in its URL (calendar apps send no cookie); the server keeps only the token's
// hash, so the URL is shown once, when it is made, and can be revoked or made anew.
import { z } from 'zod';
import { idSchema } from './inputs.ts';

export const CALENDAR_FEED_SCOPES = ['person', 'dialogue'] as const;
export type CalendarFeedScope = (typeof CALENDAR_FEED_SCOPES)[number];

/** A feed token: 32 random bytes, base64url. */
export const CALENDAR_FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Making a feed replaces the person's earlier feed of the same scope (and dialogue): its URL stops working. */
export const createCalendarFeedInput = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('person') }),
  z.strictObject({ scope: z.literal('dialogue'), dialogueId: idSchema }),
]);
export type CreateCalendarFeedInput = z.infer<typeof createCalendarFeedInput>;

export const calendarFeedRef = z.strictObject({ feedId: idSchema });

/** One of the person's feeds; its URL is not kept, so it is not shown again. */
export type CalendarFeedView = {
  id: string;
  scope: CalendarFeedScope;
  dialogue: { id: string; title: string } | null;
  createdAt: string;
};

/** Only once, when the feed is made. */
export type CreatedCalendarFeed = { feedId: string; url: string };

export function sessionCalendarPath(sessionId: string): string {
  return `/calendar/sessions/${encodeURIComponent(sessionId)}.ics`;
}

export function calendarFeedPath(token: string): string {
  return `/calendar/feeds/${token}.ics`;
}
