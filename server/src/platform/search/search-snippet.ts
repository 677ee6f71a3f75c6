// The excerpt shown under a search hit: about 200 characters of plain text, cut at word edges,
// placed so the first matched word is near its start (with a little context before it), and split
// into pieces that say which words matched — text and flags, never markup, so nothing in a post
// can become HTML on the way to the screen.

import type { HighlightedText } from '@dialogforum/contracts';
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

/** `text` in pieces, the words whose index term is in `matchedTerms` marked. */
export function highlighted(text: string, matchedTerms: ReadonlySet<string>): HighlightedText {
  const pieces: HighlightedText = [];
  let at = 0;
  const push = (piece: string, match: boolean) => {
    if (piece === '') return;
    const last = pieces.at(-1);
    if (last && last.match === match) last.text += piece;
    else pieces.push({ text: piece, match });
  };
  for (const span of wordSpans(text)) {
    if (!matchedTerms.has(searchTerm(span.word))) continue;
    push(text.slice(at, span.start), false);
    push(span.word, true);
    at = span.end;
  }
  push(text.slice(at), false);
  return pieces;
}

/** The excerpt around the first match, highlighted. */
export function highlightedSnippet(plainText: string, matchedTerms: ReadonlySet<string>): HighlightedText {
  return highlighted(snippetAround(plainText, matchedTerms), matchedTerms);
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
