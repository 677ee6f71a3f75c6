// How post markdown becomes the words the search index holds and the snippet a hit shows.

import { describe, expect, it } from 'vitest';
import { plainTextFromMarkdown } from '../../src/platform/search/markdown-plain-text.ts';
import { SNIPPET_LENGTH, snippetAround } from '../../src/platform/search/search-snippet.ts';
import { searchTerm, searchTokens } from '../../src/platform/search/search-terms.ts';

describe('plainTextFromMarkdown', () => {
  it.each([
    ['headings, emphasis and strike-through', '# Rubrik\n\nHej **Åsa**, _kursiv_ och ~~struken~~.', 'Rubrik Hej Åsa, kursiv och struken.'],
    ['links keep their label, images their alt text', 'Se [rapporten](https://x.se/a_b "titel") och ![karta](k.png).', 'Se rapporten och karta.'],
    ['reference links and definitions', 'Se [rapporten][1].\n\n[1]: https://x.se', 'Se rapporten.'],
    ['quotes and lists', '> citat\n\n- punkt\n- [x] klar\n1. första', 'citat punkt klar första'],
    ['code keeps its words, fences and ticks go', '```js\nconst snake_case = 1;\n```\nKör `npm test`.', 'const snake_case = 1; Kör npm test.'],
    ['tables keep their cells', '| a | b |\n|---|:-:|\n| 1 | 2 |', 'a b 1 2'],
    ['HTML tags go, entities are decoded', '<div class="x">text</div> &amp; &lt;b&gt; &#228;', 'text & <b> ä'],
    ['backslash escapes show the character', '\\*inte kursiv\\*', '*inte kursiv*'],
    ['autolinks keep their address', 'Läs <https://dialogforum.se>.', 'Läs https://dialogforum.se.'],
  ])('%s', (_, markdown, plain) => {
    expect(plainTextFromMarkdown(markdown)).toBe(plain);
  });
});

describe('search terms', () => {
  it('splits on anything that is not a letter, digit or mark', () => {
    expect(searchTokens('E-post: `kod`+=ord, 2026! Skärgård')).toEqual(['E', 'post', 'kod', 'ord', '2026', 'Skärgård']);
  });

  it('lower-cases and folds diacritics, whatever the Unicode normal form', () => {
    expect(searchTerm('ÖVERENSKOMMELSE')).toBe('overenskommelse');
    expect(searchTerm('Skärgården'.normalize('NFD'))).toBe(searchTerm('Skärgården'.normalize('NFC')));
  });
});

describe('snippetAround', () => {
  const text = `Inledning ${'ord '.repeat(40)}vattenkvaliteten i sjön ${'efter '.repeat(60)}slut`;

  it('starts a little before the first matched word and stays within the snippet length', () => {
    const snippet = snippetAround(text, new Set(['vattenkvaliteten']));
    expect(snippet.startsWith('…ord ')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.indexOf('vattenkvaliteten')).toBeGreaterThan(20);
    expect(snippet.indexOf('vattenkvaliteten')).toBeLessThan(70);
    expect(snippet.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
  });

  it('matches words by their search term, so folded query terms find accented words', () => {
    expect(snippetAround('Ett förslag om sjön.', new Set(['sjon']))).toBe('Ett förslag om sjön.');
  });

  it('is the beginning of the text when no word matches (a title-only match)', () => {
    expect(snippetAround(text, new Set(['saknas'])).startsWith('Inledning ord ord')).toBe(true);
  });
});
