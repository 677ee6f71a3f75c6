// iCalendar content lines (RFC 5545 §3.1, §3.3): text escaped, lines folded at 75 octets without
// splitting a UTF-8 character, CRLF line ends, date-times as UTC or as wall-clock time in a zone.
import { utcToZonedLocal } from '@dialogforum/contracts';

/** TEXT values (§3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/[\\;,]/g, (character) => `\\${character}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    // Other control characters are not allowed in a content line (§3.1).
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

const encoder = new TextEncoder();

/** Folds one content line (§3.1): at most 75 octets a line, continuations start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** The lines of a calendar object, folded and joined with CRLF, ending with one. */
export function contentLines(lines: string[]): string {
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** 20261024T080000Z */
export function utcDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** The wall-clock time in the zone, for `DTSTART;TZID=<zone>:` (20261024T100000). */
export function zonedDateTime(iso: string, timeZone: string): string {
  return `${utcToZonedLocal(Date.parse(iso), timeZone).replace(/[-:]/g, '')}00`;
}
