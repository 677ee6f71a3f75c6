// Sessions as an iCalendar object (RFC 5545): one VEVENT per session with a UID that never changes,
// a SEQUENCE the session raises whenever a calendar-visible detail changes, STATUS:CANCELLED for a
// cancelled session (so subscribed calendars strike it), its times as wall-clock times in the
// session's own zone with that zone's VTIMEZONE, and the meeting link only where the entry carries
// it (the person is registered, or hosts).
import type { Language } from '@dialogforum/contracts';
import type { CalendarEntry } from '../sessions/calendar-entries.ts';
import { contentLines, escapeText, utcDateTime, zonedDateTime } from './icalendar-lines.ts';
import { vtimezone } from './vtimezone.ts';

type Texts = { dialogue: string; network: string; meetingLink: string; more: string; cancelled: string; waitlisted: string };

const TEXTS: Record<Language, Texts> = {
  sv: { dialogue: 'Dialog', network: 'Nätverk', meetingLink: 'Möteslänk', more: 'Mer om mötet', cancelled: 'INSTÄLLT', waitlisted: 'Du står på väntelistan.' },
  en: { dialogue: 'Dialogue', network: 'Network', meetingLink: 'Meeting link', more: 'About the session', cancelled: 'CANCELLED', waitlisted: 'You are on the waitlist.' },
};

export type CalendarContext = { publicUrl: string; language: Language };

/**
 * The same UID in every file and feed, whoever downloads it: calendars merge them into one event. A
 * network's session has its own prefix, so it can never merge with a dialogue's.
 */
export function sessionUid(sessionId: string, publicUrl: string, kind: CalendarEntry['owner']['kind'] = 'dialogue'): string {
  return `${kind === 'network' ? 'network-session' : 'session'}-${sessionId}@${new URL(publicUrl).hostname}`;
}

function vevent(entry: CalendarEntry, context: CalendarContext): string[] {
  const texts = TEXTS[context.language];
  const network = entry.owner.kind === 'network';
  const page = `${context.publicUrl}/${network ? 'networks/sessions' : 'sessions'}/${entry.sessionId}`;
  const cancelled = entry.status === 'cancelled';
  const description = [
    `${network ? texts.network : texts.dialogue}: ${entry.owner.title}`,
    ...(cancelled && entry.cancellationReason ? [`${texts.cancelled}: ${entry.cancellationReason}`] : []),
    ...(entry.registration === 'waitlisted' ? [texts.waitlisted] : []),
    ...(entry.agenda.trim() ? ['', entry.agenda.trim()] : []),
    '',
    ...(entry.meetingLink ? [`${texts.meetingLink}: ${entry.meetingLink}`] : []),
    `${texts.more}: ${page}`,
  ].join('\n');
  const location = entry.format === 'online' ? entry.meetingLink : [entry.address, entry.meetingLink].filter(Boolean).join(' · ') || null;
  return [
    'BEGIN:VEVENT',
    `UID:${sessionUid(entry.sessionId, context.publicUrl, entry.owner.kind)}`,
    `DTSTAMP:${utcDateTime(entry.updatedAt)}`,
    `LAST-MODIFIED:${utcDateTime(entry.updatedAt)}`,
    `SEQUENCE:${entry.sequence}`,
    `DTSTART;TZID=${entry.timeZone}:${zonedDateTime(entry.startsAt, entry.timeZone)}`,
    `DTEND;TZID=${entry.timeZone}:${zonedDateTime(entry.endsAt, entry.timeZone)}`,
    `SUMMARY:${escapeText(cancelled ? `${texts.cancelled}: ${entry.title}` : entry.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(location ? [`LOCATION:${escapeText(location)}`] : []),
    `URL:${page}`,
    `STATUS:${cancelled ? 'CANCELLED' : entry.registration === 'waitlisted' ? 'TENTATIVE' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  ];
}

/** A whole calendar: the zones its sessions use, then the sessions. A feed has a name and a refresh hint. */
export function sessionCalendar(entries: CalendarEntry[], context: CalendarContext, feed: { name: string } | null = null): string {
  const years = new Map<string, { from: number; to: number }>();
  for (const entry of entries) {
    // A year early too: the first observance then starts well before any session's local time.
    const from = new Date(entry.startsAt).getUTCFullYear() - 1;
    const to = new Date(entry.endsAt).getUTCFullYear();
    const known = years.get(entry.timeZone);
    years.set(entry.timeZone, { from: Math.min(from, known?.from ?? from), to: Math.max(to, known?.to ?? to) });
  }
  return contentLines([
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dialogforum//Dialogmöten//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(feed ? [`X-WR-CALNAME:${escapeText(feed.name)}`, 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H'] : []),
    ...[...years].flatMap(([timeZone, span]) => vtimezone(timeZone, span.from, span.to)),
    ...entries.flatMap((entry) => vevent(entry, context)),
    'END:VCALENDAR',
  ]);
}
