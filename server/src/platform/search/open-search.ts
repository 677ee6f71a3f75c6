// Chooses the search engine from configuration (DESIGN.md §4): Meilisearch when a URL is set,
// otherwise the embedded index under DATA_DIR/search.

import { join } from 'node:path';
import { openEmbeddedSearch } from './embedded-search.ts';
import { openMeiliSearch } from './meili-search.ts';
import type { SearchIndex } from './search-index.ts';

export type SearchConfig = { meilisearchUrl?: string; meilisearchKey?: string; dataDir: string; onWarning?: (message: string) => void };

export function openSearch(config: SearchConfig): Promise<SearchIndex> {
  if (config.meilisearchUrl) return openMeiliSearch(config.meilisearchUrl, config.meilisearchKey);
  return openEmbeddedSearch(join(config.dataDir, 'search'), config.onWarning ? { onWarning: config.onWarning } : {});
}
