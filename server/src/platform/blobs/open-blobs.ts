// Chooses the blob engine from configuration, like the other ports (DESIGN.md §4): GridFS on the
// same MongoDB as the document store when MONGODB_URL is set, otherwise files under DATA_DIR/blobs.
import { join } from 'node:path';
import type { BlobStore } from './blob-store.ts';
import { openFileBlobs } from './file-blobs.ts';
import { openGridFsBlobs } from './gridfs-blobs.ts';

export type BlobConfig = { mongodbUrl?: string | undefined; mongodbDb?: string | undefined; dataDir: string };

export function openBlobs(config: BlobConfig): Promise<BlobStore> {
  if (config.mongodbUrl !== undefined && config.mongodbUrl !== '') return openGridFsBlobs(config.mongodbUrl, config.mongodbDb);
  return openFileBlobs(join(config.dataDir, 'blobs'));
}
