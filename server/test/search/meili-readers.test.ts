// Reader lists on Meilisearch. No Meilisearch runs on the development machines (the contract suite
// tries them against a real one when MEILISEARCH_URL is set), so here the two halves the engine is
// given are checked as text: the document as it is sent (meiliDocument) and the filter expression
// (meiliFilter). Then one table of documents and searchers goes through the embedded engine and
// through those two halves read as Meilisearch reads them ("readers NOT EXISTS OR readers IN […]":
// a document matches when it has no `readers` attribute or shares a value with the list), and both
// must find the same documents.
import { describe, expect, it } from 'vitest';
import { EVERY_READER, MEILI_SETTINGS, meiliDocument, meiliFilter } from '../../src/platform/search/meili-search.ts';
import type { SearchDocument, SearchQuery } from '../../src/platform/search/search-index.ts';
import { transientSearch } from '../../src/platform/search/transient-search.ts';

const doc = (id: string, readers: string[]): SearchDocument => ({
  id,
  kind: 'meeting-minutes',
  group: id,
  dialogueId: 'd1',
  threadId: null,
  arenaId: 'transport',
  visibility: 'public',
  readers,
  buyerOrganisationIds: ['kommun'],
  phase: 'market-dialogue',
  answered: false,
  title: 'Enskilda möten',
  body: 'Minnesanteckningar om halkvarning.',
  createdAt: '2026-11-26T08:00:00.000Z',
});

const query = (readers?: string[]): SearchQuery => ({ text: 'halkvarning', visibilities: ['public'], limit: 10, ...(readers ? { readers } : {}) });

/** The reader clause of a filter, read as Meilisearch reads it, applied to a document as Meilisearch holds it. */
function meiliReads(filter: string, stored: { readers?: string[] }): boolean {
  const clause = /\(readers NOT EXISTS OR readers IN (\[[^\]]*\])\)/.exec(filter);
  if (!clause) throw new Error(`no reader clause in ${filter}`);
  const keys = JSON.parse(clause[1]!) as string[];
  return stored.readers === undefined || stored.readers.some((reader) => keys.includes(reader));
}

describe('reader lists on Meilisearch', () => {
  it('filters on them and never searches, returns or counts them', () => {
    expect(MEILI_SETTINGS.filterableAttributes).toContain('readers');
    expect(MEILI_SETTINGS.searchableAttributes).not.toContain('readers');
  });

  it('holds a document everyone reads under the key every searcher holds', () => {
    expect(meiliDocument(doc('meeting:open', [])).readers).toEqual([EVERY_READER]);
    expect(meiliDocument(doc('meeting:few', ['host:k', 'org:a'])).readers).toEqual(['host:k', 'org:a']);
  });

  it('builds the filter from the visibilities and the searcher’s keys, quoted', () => {
    expect(meiliFilter(query())).toBe('visibility IN ["public"] AND (readers NOT EXISTS OR readers IN ["everyone"])');
    expect(meiliFilter({ ...query(['org:a', 'host:a']), filters: { kinds: ['meeting-minutes'] } })).toBe(
      'visibility IN ["public"] AND (readers NOT EXISTS OR readers IN ["everyone", "org:a", "host:a"]) AND kind IN ["meeting-minutes"]',
    );
    // A key is a string literal, whatever it holds: it cannot close the list or add a condition.
    expect(meiliFilter(query(['org:a"] OR visibility = "registered']))).toBe(
      'visibility IN ["public"] AND (readers NOT EXISTS OR readers IN ["everyone", "org:a\\"] OR visibility = \\"registered"])',
    );
  });

  it('finds what the embedded engine finds, for every searcher', async () => {
    const docs = [doc('meeting:open', []), doc('meeting:a', ['host:k', 'org:a']), doc('meeting:b', ['host:k', 'org:b']), doc('meeting:host-only', ['host:k'])];
    // Written before reader lists existed: no `readers` at all (everyone read such a document).
    const former = { ...meiliDocument(doc('meeting:former', [])) } as Partial<ReturnType<typeof meiliDocument>>;
    delete former.readers;
    const embedded = transientSearch([...docs, doc('meeting:former', [])]);
    const searchers = [undefined, [], ['org:a'], ['org:b'], ['host:k'], ['org:a', 'host:a'], ['org:c', 'host:c'], [EVERY_READER]];
    for (const readers of searchers) {
      const expected = (await embedded.search(query(readers))).hits.map((hit) => hit.id).sort();
      const filter = meiliFilter(query(readers));
      const byMeili = [...docs.map(meiliDocument), former].filter((stored) => meiliReads(filter, stored)).map((stored) => stored.id!).sort();
      expect(byMeili, `readers ${JSON.stringify(readers)}`).toEqual(expected);
    }
    expect((await embedded.search(query(['org:a']))).hits.map((hit) => hit.id).sort()).toEqual(['meeting:a', 'meeting:former', 'meeting:open']);
  });
});
