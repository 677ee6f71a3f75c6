// The statutory clock of a tender (LOU 12 kap. 12 §, directive 2014/24/EU art. 47.3): supplementary
// information must reach every supplier at least six days before the tender deadline, four when the
// procedure is accelerated. Days are calendar days in Swedish time: the cut-off is the same time of
// day on the date six (or four) days earlier, so across a change to or from summer time it is not
// 6 × 24 hours. Shared by the server (the dialogue's view) and the client (live countdowns).

/** The time zone Swedish procurement law counts days in. */
export const PROCUREMENT_TIME_ZONE = 'Europe/Stockholm';

export function supplementaryInformationDays(accelerated: boolean): 6 | 4 {
  return accelerated ? 4 : 6;
}

/** The last moment at which supplementary information still reaches suppliers in time. */
export function supplementaryInformationCutoff(tenderDeadline: string, accelerated: boolean, timeZone = PROCUREMENT_TIME_ZONE): string {
  return shiftCalendarDays(new Date(tenderDeadline), -supplementaryInformationDays(accelerated), timeZone).toISOString();
}

/** The earliest tender deadline whose cut-off is not before `now`: what a late answer needs. */
export function earliestTenderDeadlineAfter(now: Date, accelerated: boolean, timeZone = PROCUREMENT_TIME_ZONE): Date {
  return shiftCalendarDays(now, supplementaryInformationDays(accelerated), timeZone);
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockOf(instant: number, timeZone: string): WallClock {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The wall clock read as if it were UTC: comparing two of these compares wall-clock times. */
function asUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallClockOf(instant, timeZone)) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant `days` calendar days from `instant` at the same wall-clock time in `timeZone`. A time
 * that happens twice that day (autumn) is its earlier occurrence; one that does not exist (spring,
 * skipped by the clocks) is the earlier of its two readings, with the offset before or after the
 * change. Earlier is the safe side for a cut-off: a buyer is warned sooner, never later.
 */
export function shiftCalendarDays(instant: Date, days: number, timeZone: string): Date {
  const millis = instant.getTime() % 1000;
  const wall = wallClockOf(instant.getTime(), timeZone);
  const target = asUtc({ ...wall, day: wall.day + days });
  const offsets = new Set([offsetAt(target - 86_400_000, timeZone), offsetAt(target + 86_400_000, timeZone)]);
  const readings = [...offsets].map((offset) => target - offset);
  const exact = readings.filter((reading) => asUtc(wallClockOf(reading, timeZone)) === target);
  return new Date(Math.min(...(exact.length > 0 ? exact : readings)) + millis);
}
