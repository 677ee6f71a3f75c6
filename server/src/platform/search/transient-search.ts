// A search index of a few documents in memory, for one moment: what a saved search finds among the
// new content of one event (modules/saved-searches). It is the embedded engine's own index and
// query code (inverted-index.ts), so a word is found as the search page finds it — folded, by
// prefix, with a typo, by its compound's head — whichever engine serves the search page. Unlike the
// search page it never falls back to documents holding only some of the words: an alert is for
// content that has every word, or a burst of unrelated posts would each alert.
import { InvertedIndex } from './inverted-index.ts';
import { plainTextFromMarkdown } from './markdown-plain-text.ts';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from './search-index.ts';

export function transientSearch(docs: SearchDocument[]): SearchIndex {
  const index = new InvertedIndex();
  const put = (batch: SearchDocument[]) => {
    for (const { title, body, ...facts } of batch) index.put(facts, index.weigh(title, plainTextFromMarkdown(body)));
  };
  put(docs);
  return {
    engine: 'embedded',
    upsert: async (batch) => put(batch),
    remove: async (ids) => {
      for (const id of ids) index.remove(id);
    },
    search: async (query: SearchQuery): Promise<SearchResult> => index.search(query, { everyWord: true }),
    clear: async () => index.clear(),
    durableThroughSeq: async () => null,
    close: async () => undefined,
  };
}
