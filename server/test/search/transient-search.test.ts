// The transient index saved searches are run over (a few new documents, in memory): the embedded
// engine's rules for words — folding, a typo, a prefix, a compound's head — and, unlike the search
// page, no fallback to documents holding only some of the words.
import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '../../src/platform/search/search-index.ts';
import { transientSearch } from '../../src/platform/search/transient-search.ts';

const doc = (id: string, title: string, body: string, visibility: SearchDocument['visibility'] = 'public'): SearchDocument => ({
  id,
  kind: 'question',
  group: id,
  dialogueId: 'dialogue-1',
  threadId: 'thread-1',
  arenaId: 'transport',
  visibility,
  readers: [],
  buyerOrganisationIds: ['org-1'],
  phase: 'market-dialogue',
  answered: false,
  title,
  body,
  createdAt: '2026-11-26T08:00:00.000Z',
});

const found = async (docs: SearchDocument[], text: string, visibilities: SearchDocument['visibility'][] = ['public', 'registered']) =>
  (await transientSearch(docs).search({ text, visibilities, limit: 10 })).hits.map((hit) => hit.id);

describe('the transient index of new content', () => {
  const question = doc('post:a', 'Vinterväghållning i Malmö', 'Hur mäts **isbildning** på broar?');

  it('finds words as the search page does: folded, with a typo, by prefix, by a compound’s head', async () => {
    expect(await found([question], 'malmo')).toEqual(['post:a']);
    expect(await found([question], 'isbildnig')).toEqual(['post:a']);
    expect(await found([question], 'vinterväg')).toEqual(['post:a']);
    expect(await found([question], 'väghållning')).toEqual(['post:a']);
  });

  it('needs every word: a document with only some of them is no match', async () => {
    expect(await found([question], 'isbildning broar')).toEqual(['post:a']);
    expect(await found([question], 'isbildning tunnlar')).toEqual([]);
  });

  it('keeps to the visibilities asked for', async () => {
    const members = doc('post:b', 'Isbildning för medlemmar', 'Bara registrerade.', 'registered');
    expect(await found([question, members], 'isbildning', ['public'])).toEqual(['post:a']);
    expect((await found([question, members], 'isbildning')).sort()).toEqual(['post:a', 'post:b']);
  });
});
