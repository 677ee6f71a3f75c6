// Chooses the document store engine from configuration (DESIGN.md §4): MongoDB when a URL is
// set, otherwise the embedded engine, so a newcomer runs the product with no server at all.

import { join } from 'node:path';
import type { DocumentStore } from './document-store.ts';
import { openEmbeddedStore } from './embedded-store.ts';
import { openMongoStore } from './mongo-store.ts';

/** `mongodbDb` overrides the database named in the URL. */
export type StoreConfig = { mongodbUrl?: string | undefined; mongodbDb?: string | undefined; dataDir: string };

export function openStore(config: StoreConfig): Promise<DocumentStore> {
  if (config.mongodbUrl !== undefined && config.mongodbUrl !== '') return openMongoStore(config.mongodbUrl, config.mongodbDb);
  // DATA_DIR also holds other engines' files (mail, search): the store gets its own folder.
  return openEmbeddedStore(join(config.dataDir, 'store'));
}
