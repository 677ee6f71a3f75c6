// A visitor's search once the server has handled every committed event, so the index holds what the
// test just wrote; and the ids of its hits, in a stable order to compare.
import type { SearchResultsView } from '@dialogforum/contracts';
import type { TestServer, Visitor } from './test-server.ts';

export async function settledSearch(server: TestServer, visitor: Visitor, q: string): Promise<SearchResultsView> {
  await server.settled();
  return visitor.api.search.query.query({ q, facets: true, limit: 50 });
}

export const hitIds = (results: SearchResultsView) => results.hits.map((hit) => hit.id).sort();
