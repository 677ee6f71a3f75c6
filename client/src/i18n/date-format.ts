// Dates as the reader expects them: in their language, in the browser's own time zone, with the
// zone named so a deadline is never ambiguous (e.g. "1 december 2026 17:00 CET").
import type { Language } from './i18n.tsx';

const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, withZone: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALES[lang], {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(withZone ? { timeZoneName: 'short' as const } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

/** A deadline or publication time, with the time zone named. */
export function formatDateTime(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(lang, true).format(date);
}

/** The browser's IANA time zone, e.g. "Europe/Stockholm". */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A day without a time ("1 december 2026"), e.g. when someone became a member. */
export function formatDate(iso: string, lang: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
}

/** A moment as ISO 8601 with the browser zone's offset at that moment ("2026-12-01T17:00:00+01:00"). */
function isoWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`
  );
}

/**
 * A `datetime-local` value ("2026-12-01T17:00") read in the browser's time zone, as ISO 8601 with
 * the offset that applies on that date ("2026-12-01T17:00:00+01:00"). Empty or invalid → "".
 */
export function localInputToIsoWithOffset(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return isoWithOffset(date);
}

/** The other way: an ISO moment as a `datetime-local` value in the browser's time zone. */
export function isoToLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `date` value ("2026-12-01") as the start of that day in the browser's time zone; with
 * `nextDay`, the start of the day after (an exclusive end, so "to 1 December" includes that day).
 */
export function localDayToIsoWithOffset(value: string, { nextDay = false } = {}): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
  const date = new Date(`${value}T00:00`);
  if (Number.isNaN(date.getTime())) return '';
  if (nextDay) date.setDate(date.getDate() + 1);
  return isoWithOffset(date);
}
