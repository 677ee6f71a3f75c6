// The messages between the embedded search (main thread, embedded-search.ts) and its worker
// (search-worker.ts). Each request carries an id; the worker answers every request exactly once.

import type { SearchDocument, SearchQuery, SearchResult } from './search-index.ts';

export type SearchWorkerCalls = {
  /** Starts loading the index under `dir`; answers before the load ends (later requests wait for it). */
  open: { args: { dir: string; segmentBytes?: number; slowPersistenceMsPerDocument?: number }; result: void };
  upsert: { args: { docs: SearchDocument[]; throughSeq: number }; result: void };
  remove: { args: { ids: string[]; throughSeq: number }; result: void };
  search: { args: { query: SearchQuery }; result: SearchResult };
  clear: { args: Record<never, never>; result: void };
  durableThroughSeq: { args: Record<never, never>; result: number };
  /** Resolves once every change so far is on disk. */
  flush: { args: Record<never, never>; result: void };
  /** Writes pending changes; the worker exits after answering. */
  close: { args: Record<never, never>; result: void };
};

export type SearchWorkerOperation = keyof SearchWorkerCalls;

export type SearchWorkerRequest = {
  [Op in SearchWorkerOperation]: { id: number; op: Op } & SearchWorkerCalls[Op]['args'];
}[SearchWorkerOperation];

export type SearchWorkerMessage =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  /** Something worth an operator's attention that failed no request (a damaged segment, a failed background write). */
  | { type: 'warning'; message: string };
