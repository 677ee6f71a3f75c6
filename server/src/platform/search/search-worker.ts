// Entry point of the embedded search's worker thread (started by embedded-search.ts). MiniSearch
// runs here so that indexing and queries, which cost milliseconds of CPU each, never delay the
// event loop that serves live sockets. The worker owns the index and its snapshot file.
//
// Bundled, this file is its own esbuild entry point, dist/search-worker.js, next to dist/main.js.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { MiniSearchIndex } from './minisearch-index.ts';
import type { SearchWorkerMessage, SearchWorkerRequest } from './search-worker-protocol.ts';
import { readSnapshotFile, SNAPSHOT_FILE_NAME } from './snapshot-file.ts';
import { SnapshotSchedule } from './snapshot-schedule.ts';

const SNAPSHOT_DELAY_MS = 1000;

if (!parentPort) throw new Error('search-worker runs only as a worker thread; open it with openEmbeddedSearch()');
const port = parentPort;

let opened: { index: MiniSearchIndex; snapshots: SnapshotSchedule } | null = null;

port.on('message', (request: SearchWorkerRequest) => {
  perform(request).then(
    (value) => post({ type: 'reply', id: request.id, ok: true, value }),
    (error: unknown) => post({ type: 'reply', id: request.id, ok: false, error: describe(error) }),
  );
});

function post(message: SearchWorkerMessage): void {
  port.postMessage(message);
}

function warn(message: string): void {
  post({ type: 'warning', message });
}

async function perform(request: SearchWorkerRequest): Promise<unknown> {
  if (request.op === 'open') {
    opened = await open(request.dir);
    return undefined;
  }
  if (!opened) throw new Error(`search worker: "${request.op}" before "open"`);
  const { index, snapshots } = opened;
  switch (request.op) {
    case 'upsert':
      index.upsert(request.docs, request.throughSeq);
      snapshots.changed();
      return undefined;
    case 'remove':
      index.remove(request.ids, request.throughSeq);
      snapshots.changed();
      return undefined;
    case 'search':
      return index.search(request.query);
    case 'clear':
      // Written at once, so that after clear() the snapshot on disk no longer claims the old
      // sequence: a crash during a rebuild then restarts it from the beginning.
      index.clear();
      snapshots.changed();
      await snapshots.flush();
      return undefined;
    case 'durableThroughSeq':
      return snapshots.durableThroughSeq;
    case 'close':
      await snapshots.flush();
      opened = null;
      setImmediate(() => port.close());
      return undefined;
  }
}

async function open(dir: string): Promise<{ index: MiniSearchIndex; snapshots: SnapshotSchedule }> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, SNAPSHOT_FILE_NAME);
  const index = await loadIndex(path);
  const snapshots = new SnapshotSchedule({
    path,
    capture: () => index.snapshot(),
    delayMs: SNAPSHOT_DELAY_MS,
    onFailure: (error) => warn(`search index snapshot ${path} could not be written, will retry: ${describe(error)}`),
    durableThroughSeq: index.throughSeq,
  });
  return { index, snapshots };
}

/** A snapshot that cannot be read costs a rebuild, never the server's start. */
async function loadIndex(path: string): Promise<MiniSearchIndex> {
  const content = await readSnapshotFile(path);
  if (content === null) return MiniSearchIndex.empty();
  try {
    return MiniSearchIndex.fromSnapshot(content);
  } catch (error) {
    warn(`search index snapshot ${path} is unusable, starting empty at seq 0 (the indexer replays the event log): ${describe(error)}`);
    return MiniSearchIndex.empty();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
