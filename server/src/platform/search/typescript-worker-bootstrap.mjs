// Starts a worker thread whose entry point is TypeScript source (development and tests; the
// bundled server runs plain .js workers and never loads this file). Node 20 cannot run .ts, and
// tsx's `--import tsx` registers its loader on the main thread only, so the worker registers tsx
// itself, then imports its real entry, which the parent passes as `workerData.typescriptEntry`.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const entry = workerData?.typescriptEntry;
if (typeof entry !== 'string') throw new Error('typescript-worker-bootstrap: pass the entry URL as workerData.typescriptEntry');
register();
await import(entry);
