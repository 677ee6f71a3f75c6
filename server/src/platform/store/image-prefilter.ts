// A scan (a filter no index serves) would decode every document image of the collection. Most
// scans ask top-level or nested fields to equal strings (`{ authorId }`, `{ authorOrganisationId }`),
// and a document can only match when its image holds each of those strings: v8 writes a string's
// characters as they are, as Latin-1 bytes or as UTF-16, whichever way V8 happens to hold it. An
// image holding neither form of one of them cannot match and is not decoded; every other image is
// decoded and judged by the filter itself, so this only ever skips work, never a match. An index
// walk uses it too: the index gives the candidates for its own fields (a thread's posts), and the
// strings asked of other fields (`kind: 'answer'`) rule out candidates without decoding them.

import type { Filter } from './document-store.ts';

export type ImagePrefilter = (image: Buffer) => boolean;

/** A test that is false only for images that cannot match `filter`, or null when it cannot tell. */
export function imagePrefilter(filter: Filter): ImagePrefilter | null {
  const required = requiredStrings(filter, []).map(stringForms);
  if (required.length === 0) return null;
  return (image) => required.every((forms) => forms.some((form) => image.includes(form)));
}

/**
 * Strings a match must hold: those its fields must equal, also inside `$and`. Every other
 * condition ($or, $ne, $in, numbers, …) requires no string and is left to the decoded document.
 */
function requiredStrings(filter: Filter, into: string[]): string[] {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (typeof clause === 'object' && clause !== null) requiredStrings(clause as Filter, into);
    } else if (!field.startsWith('$') && typeof condition === 'string' && condition.length > 0) {
      into.push(condition);
    }
  }
  return into;
}

/** The bytes of `text` as v8 may write them: UTF-16 always, Latin-1 too when every character fits. */
function stringForms(text: string): Buffer[] {
  const utf16 = Buffer.from(text, 'utf16le');
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0xff) return [utf16];
  return [Buffer.from(text, 'latin1'), utf16];
}
