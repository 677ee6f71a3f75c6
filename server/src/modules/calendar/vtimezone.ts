// A VTIMEZONE (RFC 5545 §3.6.5) for an IANA zone, built from the zone rules the runtime has (Intl),
// so a calendar app places DTSTART;TZID=Europe/Stockholm:… right on either side of a daylight-saving
// change even if it does not know the zone's name. Each change of offset in the years the calendar
// spans is one observance with its own DTSTART; before the first, the offset the range starts with.
import { zoneOffsetAt } from '@dialogforum/contracts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

type Transition = { at: number; from: number; to: number };

/** Every change of the zone's offset from `fromMs` to `toMs`, to the minute. */
function transitions(timeZone: string, fromMs: number, toMs: number): Transition[] {
  const found: Transition[] = [];
  let before = zoneOffsetAt(fromMs, timeZone);
  // Offsets change at most a few times a year, never twice within a day: a day's step finds each.
  for (let day = fromMs; day < toMs; day += DAY_MS) {
    const after = zoneOffsetAt(day + DAY_MS, timeZone);
    if (after === before) continue;
    let low = day;
    let high = day + DAY_MS;
    while (high - low > MINUTE_MS) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
      if (zoneOffsetAt(middle, timeZone) === before) low = middle;
      else high = middle;
    }
    found.push({ at: high, from: before, to: after });
    before = after;
  }
  return found;
}

/** +0200, -0430 */
function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  return `${offsetMs < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}${String(minutes % 60).padStart(2, '0')}`;
}

/** The local time an observance starts at: the instant as the clock showed it before the change. */
function localStart(atMs: number, offsetMs: number): string {
  return new Date(atMs + offsetMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, '');
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', atMs: number, from: number, to: number): string[] {
  return [`BEGIN:${kind}`, `DTSTART:${localStart(atMs, from)}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`, `END:${kind}`];
}

const built = new Map<string, string[]>();

/** The zone's component, covering the calendar years `fromYear` to `toYear` (kept: zone rules do not change while the process runs). */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const key = `${timeZone} ${fromYear} ${toYear}`;
  let lines = built.get(key);
  if (!lines) {
    lines = build(timeZone, fromYear, toYear);
    if (built.size > 1000) built.clear();
    built.set(key, lines);
  }
  return lines;
}

function build(timeZone: string, fromYear: number, toYear: number): string[] {
  const fromMs = Date.UTC(fromYear, 0, 1);
  const toMs = Date.UTC(toYear + 1, 0, 1);
  const changes = transitions(timeZone, fromMs, toMs);
  const first = zoneOffsetAt(fromMs, timeZone);
  // Where a zone keeps summer time, the larger of its offsets is the daylight one.
  const standard = Math.min(first, ...changes.map((change) => change.to));
  const kindOf = (offset: number) => (offset > standard ? 'DAYLIGHT' : 'STANDARD');
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${timeZone}`,
    ...observance(kindOf(first), fromMs, first, first),
    ...changes.flatMap((change) => observance(kindOf(change.to), change.at, change.from, change.to)),
    'END:VTIMEZONE',
  ];
}
