// Entry point of the embedded search's worker thread (started by embedded-search.ts). The index
// lives here so that indexing and queries, which cost milliseconds of CPU each, never delay the
// event loop that serves live sockets. The worker owns the index and its segment files.
//
// Opening answers at once and loads the segments in the background: the server listens meanwhile,
// and every request that needs the index waits until it is loaded, so no search is answered from a
// half-loaded index. Waiting is short — sealed segments are read from their snapshots, not rebuilt
// (segment-log.ts) — and a partial answer would be wrong in ways a reader cannot see: facet counts
// too low, and "nothing found" for what was discussed, which is what people search to find out.
// Writes to disk run beside searches (segment-log.ts): none waits for another.
//
// Bundled, this file is its own esbuild entry point, dist/search-worker.js, next to dist/main.js.

import { parentPort } from 'node:worker_threads';
import { InvertedIndex } from './inverted-index.ts';
import { plainTextFromMarkdown } from './markdown-plain-text.ts';
import { SegmentLog } from './segment-log.ts';
import type { SearchWorkerMessage, SearchWorkerRequest } from './search-worker-protocol.ts';

if (!parentPort) throw new Error('search-worker runs only as a worker thread; open it with openEmbeddedSearch()');
const port = parentPort;

type Opened = { index: InvertedIndex; log: SegmentLog };
let loading: Promise<Opened> | null = null;

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
    const index = new InvertedIndex();
    loading = SegmentLog.open(request.dir, index, {
      onWarning: warn,
      ...(request.segmentBytes ? { segmentBytes: request.segmentBytes } : {}),
      ...(request.slowPersistenceMsPerDocument ? { slowPersistenceMsPerDocument: request.slowPersistenceMsPerDocument } : {}),
    }).then((log) => ({ index, log }));
    // A load that fails is reported to every later request; an unhandled rejection would end the worker.
    loading.catch(() => undefined);
    return undefined;
  }
  if (!loading) throw new Error(`search worker: "${request.op}" before "open"`);
  const { index, log } = await loading;
  switch (request.op) {
    case 'upsert': {
      const changed = [];
      for (const doc of request.docs) {
        const { title, body, ...facts } = doc;
        const terms = index.weigh(title, plainTextFromMarkdown(body));
        // The indexer writes a thread's posts again after any change to it: most are unchanged.
        if (index.holds(facts, terms)) continue;
        log.released(index.put(facts, terms).replacedSegment);
        changed.push({ facts, terms });
      }
      index.advance(request.throughSeq);
      log.record({ seq: index.throughSeq, removed: [], docs: changed });
      return undefined;
    }
    case 'remove': {
      const removed = request.ids.filter((id) => {
        const { removedSegment, found } = index.remove(id);
        log.released(removedSegment);
        return found;
      });
      index.advance(request.throughSeq);
      log.record({ seq: index.throughSeq, removed, docs: [] });
      return undefined;
    }
    case 'search':
      return index.search(request.query);
    case 'clear':
      index.clear();
      await log.clear();
      return undefined;
    case 'durableThroughSeq':
      return log.durableThroughSeq;
    case 'flush':
      await log.flush();
      return undefined;
    case 'close':
      await log.close();
      setImmediate(() => port.close());
      return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
