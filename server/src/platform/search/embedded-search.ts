// The embedded search engine (no MEILISEARCH_URL): an inverted index in a worker thread, persisted
// as append-only segment files under `dir` (inverted-index.ts, segment-log.ts). This side only forwards calls to the worker (search-worker.ts) and
// routes its answers back; the worker does the work, off the event loop that serves sockets.

import { Worker } from 'node:worker_threads';
import type { SearchDocument, SearchIndex, SearchQuery, SearchResult } from './search-index.ts';
import type { SearchWorkerCalls, SearchWorkerMessage, SearchWorkerOperation, SearchWorkerRequest } from './search-worker-protocol.ts';

/**
 * Where the worker's entry point is, relative to the module that starts it.
 *
 * - From source (tsx, vitest), this module is `…/platform/search/embedded-search.ts` and the worker
 *   is the sibling `search-worker.ts`.
 * - Bundled by esbuild, this code is inside `dist/main.js`, so `import.meta.url` is that file and
 *   the worker must be `dist/search-worker.js`: esbuild builds `src/platform/search/search-worker.ts`
 *   as a second entry point named `search-worker`, into the same directory, in ESM format.
 */
export function searchWorkerUrl(moduleUrl: string = import.meta.url): URL {
  const fromSource = new URL(moduleUrl).pathname.endsWith('.ts');
  return new URL(fromSource ? './search-worker.ts' : './search-worker.js', moduleUrl);
}

export async function openEmbeddedSearch(
  dir: string,
  options: {
    workerUrl?: URL;
    onWarning?: (message: string) => void;
    segmentBytes?: number;
    /** Fault injection (tests): busy milliseconds per document the persistence path encodes. */
    slowPersistenceMsPerDocument?: number;
  } = {},
): Promise<EmbeddedSearchIndex> {
  const search = new EmbeddedSearch(startWorker(options.workerUrl ?? searchWorkerUrl()), options.onWarning ?? console.warn);
  const { segmentBytes, slowPersistenceMsPerDocument } = options;
  try {
    await search.call('open', { dir, ...(segmentBytes ? { segmentBytes } : {}), ...(slowPersistenceMsPerDocument ? { slowPersistenceMsPerDocument } : {}) });
  } catch (error) {
    await search.terminate();
    throw error;
  }
  return search;
}

function startWorker(entry: URL): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry);
  return new Worker(new URL('./typescript-worker-bootstrap.mjs', import.meta.url), { workerData: { typescriptEntry: entry.href } });
}

const CLOSED = () => new Error('the search index is closed');

type PendingCall = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export type EmbeddedSearchIndex = SearchIndex & {
  /** Resolves once every change so far is on disk (tests, benchmarks). */
  flush(): Promise<void>;
};

class EmbeddedSearch implements EmbeddedSearchIndex {
  readonly engine = 'embedded';
  readonly #worker: Worker;
  readonly #pending = new Map<number, PendingCall>();
  #nextId = 1;
  #closing = false;
  /** Set once the worker is gone; every later call fails with it. */
  #stopped: Error | null = null;

  readonly #warn: (message: string) => void;

  constructor(worker: Worker, warn: (message: string) => void) {
    this.#worker = worker;
    this.#warn = warn;
    worker.on('message', (message: SearchWorkerMessage) => this.#receive(message));
    worker.on('error', (error) => this.#stop(new Error(`search worker failed: ${error.message}`, { cause: error })));
    worker.on('messageerror', (error) => this.#stop(new Error(`search worker sent an unreadable message: ${error.message}`)));
    // A worker that exits while we close it is the close, not a failure.
    worker.on('exit', (code) => this.#stop(this.#closing ? CLOSED() : new Error(`search worker exited (code ${code})`)));
  }

  upsert(docs: SearchDocument[], throughSeq: number): Promise<void> {
    return this.call('upsert', { docs, throughSeq });
  }

  remove(ids: string[], throughSeq: number): Promise<void> {
    return this.call('remove', { ids, throughSeq });
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.call('search', { query });
  }

  clear(): Promise<void> {
    return this.call('clear', {});
  }

  durableThroughSeq(): Promise<number> {
    return this.call('durableThroughSeq', {});
  }

  flush(): Promise<void> {
    return this.call('flush', {});
  }

  async close(): Promise<void> {
    if (this.#stopped) return;
    this.#closing = true;
    try {
      await this.call('close', {});
    } finally {
      await this.terminate();
    }
  }

  async terminate(): Promise<void> {
    this.#stop(CLOSED());
    await this.#worker.terminate();
  }

  call<Op extends SearchWorkerOperation>(op: Op, args: SearchWorkerCalls[Op]['args']): Promise<SearchWorkerCalls[Op]['result']> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ id, op, ...args } as SearchWorkerRequest);
    });
  }

  #receive(message: SearchWorkerMessage): void {
    if (message.type === 'warning') {
      this.#warn(message.message);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error));
  }

  #stop(reason: Error): void {
    this.#stopped ??= reason;
    for (const pending of this.#pending.values()) pending.reject(reason);
    this.#pending.clear();
  }
}
