// The excerpt shown under a search hit: about 200 characters of plain text, cut at word edges,
// placed so the first matched word is near its start (with a little context before it).

import { searchTerm, wordSpans } from './search-terms.ts';

export const SNIPPET_LENGTH = 200;
const CONTEXT_BEFORE_MATCH = 60;
const ELLIPSIS = '…';

/**
 * `plainText` is already free of markup (see plainTextFromMarkdown); `matchedTerms` are index terms
 * (see searchTerm). Without a match in the text, the snippet is its beginning.
 */
export function snippetAround(plainText: string, matchedTerms: ReadonlySet<string>): string {
  let matchStart = 0;
  for (const span of wordSpans(plainText)) {
    if (matchedTerms.has(searchTerm(span.word))) {
      matchStart = span.start;
      break;
    }
  }
  let start = Math.max(0, matchStart - CONTEXT_BEFORE_MATCH);
  if (start > 0) start = nextWordStart(plainText, start, matchStart);
  return excerpt(plainText, start);
}

/** Shortens text that is already an excerpt (e.g. Meilisearch's crop) to the snippet length. */
export function clampSnippet(text: string): string {
  return excerpt(text.replace(/\s+/g, ' ').trim(), 0);
}

function excerpt(text: string, start: number): string {
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const lastSpace = text.lastIndexOf(' ', end);
    if (lastSpace > start) end = lastSpace;
  }
  const body = text.slice(start, end).trim();
  return (start > 0 ? ELLIPSIS : '') + body + (end < text.length ? ELLIPSIS : '');
}

/** The first word boundary at or after `from`, never past `limit` (the matched word's start). */
function nextWordStart(text: string, from: number, limit: number): number {
  if (text[from - 1] === ' ') return from;
  const space = text.indexOf(' ', from);
  return space === -1 || space >= limit ? Math.min(from, limit) : space + 1;
}
