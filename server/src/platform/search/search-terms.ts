// How text becomes index terms, shared by indexing, querying and snippet placement so that all
// three agree on what "the same word" is.
//
// A term is a run of letters, digits and combining marks: markdown leftovers and symbols (`, =, +)
// separate words like punctuation does. Terms are compared lower-cased and without diacritics, so
// "Överenskommelse", "överenskommelse" and "overenskommelse" are one term: Swedish readers type on
// keyboards without å/ä/ö often enough that recall matters more than the few words folding merges
// (får/far).

const WORD_SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
const COMBINING_MARKS = /\p{M}+/gu;

export function searchTokens(text: string): string[] {
  return text.split(WORD_SEPARATORS).filter((token) => token.length > 0);
}

export function searchTerm(token: string): string {
  return token.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}

/** Where each word of `text` starts and ends, for cutting a snippet around a matched term. */
export function* wordSpans(text: string): Generator<{ start: number; end: number; word: string }> {
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    yield { start: match.index, end: match.index + match[0].length, word: match[0] };
  }
}
