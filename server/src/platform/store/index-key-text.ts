// An ordered index's key as one string whose plain string order (UTF-16 code units, JS `<`) is the
// index's order: each indexed value encoded so that its text sorts as compareIndexValues sorts the
// value (MongoDB's BSON order), a descending field's text with every code unit flipped, and the
// document's _id last, as it is.
//
// Why: a key used to be an array [value…, _id]. At a million posts an index holds a million of them,
// each an array, its elements and its strings: four objects a key, made by the million at every
// open. Half of a reopen was the garbage collector copying them. One string per key is one object,
// it compares natively (no comparator walking types), and saved keys load as a JSON array of strings.
//
// The encoding of one value (ascending) starts with its type's tag, in BSON order:
//   null (and missing)  TAG_NULL
//   number, bigint      TAG_NUMBER, then 4 code units: the IEEE-754 bits made to sort as numbers
//                       (-0 as 0; NaN as 0000, below every number, as MongoDB sorts it)
//   string              TAG_STRING, the code units with each one up to U+0020 written as U+0020
//                       and (unit + 0x22), then U+0020 U+0021 (below every unit and escape, so a
//                       string sorts before every longer one it begins)
//   object              TAG_OBJECT, its sorted keys as an array, then each key's value in that order
//   array               TAG_ARRAY, each element (a hole or undefined as null), then END
//   boolean             TAG_BOOLEAN, then '0' (false) or '1' (true)
//   Date                TAG_DATE, then its time as a number
//   RegExp, other       their tag, then String(value) as a string
// Every encoding is prefix-free (none is the beginning of another), so in a key the first field
// that differs decides, as the array comparison did, and flipping a field's code units (x ^ 0xFFFF)
// reverses its order. Tags and END lie in 0x21…0x2B, flipped 0xFFD4…0xFFDE: a key's fields are
// followed by ID_MARK (a space) and the _id, and U+FFFF after a prefix sorts after every key that
// begins with it (a range's open end). Tags, END, ID_MARK and a string's end are printable ASCII
// (never '"' or a backslash), so saved keys' JSON holds them as they are, not as six-byte escapes.

const TAG_END = 0x21; // '!'
const TAG_NULL = 0x23; // '#'
const TAG_NUMBER = 0x24;
const TAG_STRING = 0x25;
const TAG_OBJECT = 0x26;
const TAG_ARRAY = 0x27;
const TAG_BOOLEAN = 0x28;
const TAG_DATE = 0x29;
const TAG_REGEXP = 0x2a;
const TAG_OTHER = 0x2b; // '+'

const FLIP = 0xffff;
/** Between a key's fields and its _id. */
export const ID_MARK = ' ';
/** Sorts after every continuation of a key's text (see above). */
export const AFTER_EVERY_CONTINUATION = '\uffff';

/** A string's end: a space, then '!'. A space in the string is always followed by an escaped unit, 0x22 or more. */
const STRING_END = ' !';
const FLIPPED_STRING_END = '\uffdf\uffde';
/** The code units a string's text escapes: up to a space. */
const ESCAPED_UNIT = /[\u0000-\u0020]/;
const ESCAPED_UNITS = /[\u0000-\u0020]/g;
const escapeUnit = (unit: string) => ' ' + String.fromCharCode(unit.charCodeAt(0) + 0x22);

const numberBits = new DataView(new ArrayBuffer(8));

/** The text of `value` in ascending order. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '#';
  switch (typeof value) {
    case 'string':
      return stringText(TAG_STRING, value);
    case 'number':
      return numberText(TAG_NUMBER, value);
    case 'bigint':
      return numberText(TAG_NUMBER, Number(value));
    case 'boolean':
      return String.fromCharCode(TAG_BOOLEAN, value ? 0x31 : 0x30);
    case 'object':
      break;
    default:
      return stringText(TAG_OTHER, String(value));
  }
  if (Array.isArray(value)) {
    let text = "'";
    for (let i = 0; i < value.length; i += 1) text += valueText(value[i] ?? null);
    return text + '!';
  }
  if (value instanceof Date) return numberText(TAG_DATE, value.getTime());
  if (value instanceof RegExp) return stringText(TAG_REGEXP, String(value));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = String.fromCharCode(TAG_OBJECT) + valueText(keys);
  for (const key of keys) text += valueText(record[key] ?? null);
  return text;
}

/** The text of `value` for a field of `direction`. */
export function fieldText(value: unknown, direction: 1 | -1): string {
  const text = valueText(value);
  return direction === 1 ? text : flipped(text);
}

/** Every code unit of `text` flipped: the reverse order, for a descending field. */
function flipped(text: string): string {
  const units = new Array<number>(text.length);
  for (let i = 0; i < text.length; i += 1) units[i] = text.charCodeAt(i) ^ FLIP;
  let out = '';
  // fromCharCode takes its units as arguments: a long text goes in slices.
  for (let i = 0; i < units.length; i += 8_192) out += String.fromCharCode(...units.slice(i, i + 8_192));
  return out;
}

function stringText(tag: number, value: string): string {
  const escaped = ESCAPED_UNIT.test(value) ? value.replace(ESCAPED_UNITS, escapeUnit) : value;
  return String.fromCharCode(tag) + escaped + STRING_END;
}

function numberText(tag: number, value: number): string {
  if (Number.isNaN(value)) return String.fromCharCode(tag, 0, 0, 0, 0);
  numberBits.setFloat64(0, value === 0 ? 0 : value);
  let high = numberBits.getUint32(0);
  let low = numberBits.getUint32(4);
  // Negative numbers: all bits flipped (larger magnitude sorts first); others: the sign bit set.
  if (high >= 0x8000_0000) {
    high = ~high >>> 0;
    low = ~low >>> 0;
  } else {
    high = (high | 0x8000_0000) >>> 0;
  }
  return String.fromCharCode(tag, high >>> 16, high & 0xffff, low >>> 16, low & 0xffff);
}

/** Where the value encoded at `at` ends, in a field of flip mask `flip` (0 or 0xFFFF). */
export function valueEnd(text: string, at: number, flip: number): number {
  switch (text.charCodeAt(at) ^ flip) {
    case TAG_NULL:
      return at + 1;
    case TAG_BOOLEAN:
      return at + 2;
    case TAG_NUMBER:
    case TAG_DATE:
      return at + 5;
    case TAG_STRING:
    case TAG_REGEXP:
    case TAG_OTHER: {
      const end = text.indexOf(flip === 0 ? STRING_END : FLIPPED_STRING_END, at + 1);
      if (end < 0) throw new Error('bug: an index key text whose string has no end');
      return end + STRING_END.length;
    }
    case TAG_ARRAY:
      return arrayEnd(text, at, flip).end;
    case TAG_OBJECT: {
      const keys = arrayEnd(text, at + 1, flip);
      let end = keys.end;
      for (let i = 0; i < keys.elements; i += 1) end = valueEnd(text, end, flip);
      return end;
    }
    default:
      throw new Error('bug: an index key text with an unknown tag');
  }
}

function arrayEnd(text: string, at: number, flip: number): { end: number; elements: number } {
  let end = at + 1;
  let elements = 0;
  while ((text.charCodeAt(end) ^ flip) !== TAG_END) {
    end = valueEnd(text, end, flip);
    elements += 1;
  }
  return { end: end + 1, elements };
}
