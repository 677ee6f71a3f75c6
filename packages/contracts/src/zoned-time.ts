// Wall-clock times in a named time zone (a session "at 10:00 Stockholm time") and the instants they
// are. Sessions are stored in UTC and shown in each viewer's zone; the host enters them in the
// session's own zone. Only Intl is used, so server and browser agree without a time zone database
// of their own.

/** `YYYY-MM-DDTHH:mm`, as an `<input type="datetime-local">` gives it. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(timeZone)) return false;
  try {
    formatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at the instant `utcMs`, as `YYYY-MM-DDTHH:mm`. */
export function utcToZonedLocal(utcMs: number, timeZone: string): string {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`, in ms. */
export function zoneOffsetAt(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(utcMs)).map((part) => [part.type, Number(part.value)]));
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - (utcMs - (utcMs % 1000));
}

export type ZonedInstant = { ok: true; utcMs: number } | { ok: false; reason: 'invalid' | 'nonexistent' };

/**
 * The instant a wall-clock time in `timeZone` is. A time skipped when the clocks go forward (02:30 on
 * the last Sunday of March in Stockholm) does not exist; a time that happens twice when they go back
 * is taken at its first occurrence (summer time), as calendars do.
 */
export function zonedLocalToUtc(local: string, timeZone: string): ZonedInstant {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match || !isValidTimeZone(timeZone)) return { ok: false, reason: 'invalid' };
  const [, year, month, day, hour, minute] = match.map(Number);
  const naive = Date.UTC(year!, month! - 1, day!, hour!, minute!);
  if (Number.isNaN(naive) || utcToZonedLocal(naive, 'UTC') !== local) return { ok: false, reason: 'invalid' };
  // A transition is at most once a day: the offsets half a day either side are the only candidates.
  const candidates = [...new Set([zoneOffsetAt(naive - 12 * 3_600_000, timeZone), zoneOffsetAt(naive + 12 * 3_600_000, timeZone)])]
    .map((offset) => naive - offset)
    .filter((utcMs) => utcToZonedLocal(utcMs, timeZone) === local)
    .sort((a, b) => a - b);
  const first = candidates[0];
  return first === undefined ? { ok: false, reason: 'nonexistent' } : { ok: true, utcMs: first };
}
