// Readiness: may this node take traffic? It may when its store accepts writes and its search index
// answers. How far each event processor is behind and how many dead letters wait are reported with
// the details (for operators) but do not make a node unready: taking it out of the load balancer
// would not deliver one mail more, and every node shares the same log. Metrics alert on those.
import { openDeadLettersByProcessor } from '../events/dead-letters.ts';
import type { EventDispatcher } from '../events/dispatcher.ts';
import { lastEventSeq } from '../events/event-log.ts';
import { errorSummary } from '../logging/redaction.ts';
import type { SearchIndex } from '../search/search-index.ts';
import type { DocumentStore } from '../store/document-store.ts';

export type CheckResult = { ok: true } | { ok: false; error: string };

export type ReadinessReport = {
  ready: boolean;
  store: CheckResult & { engine: DocumentStore['engine'] };
  search: CheckResult & { engine: SearchIndex['engine'] };
  lastEventSeq: number | null;
  processors: {
    name: string;
    handledThrough: number;
    /** Events behind; null when unknown, or while another node runs the processor (its lag is that node's). */
    lag: number | null;
    retrying: { seq: number; attempts: number } | null;
    runsHere: boolean;
  }[];
  deadLetters: { open: number; byProcessor: Record<string, number> } | null;
};

/** A check that does not answer within this time failed. */
const CHECK_TIMEOUT_MS = 2000;
/** Probes come every few seconds, from several places: one check serves them all for this long. */
const REUSE_MS = 1000;

type ReadinessDeps = { store: DocumentStore; search: SearchIndex; dispatcher: () => EventDispatcher | null };

export function readinessCheck(deps: ReadinessDeps): () => Promise<ReadinessReport> {
  let last: { at: number; report: Promise<ReadinessReport> } | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - last.at > REUSE_MS) last = { at: now, report: checkReadiness(deps) };
    return last.report;
  };
}

async function checkReadiness({ store, search, dispatcher }: ReadinessDeps): Promise<ReadinessReport> {
  const [storeCheck, searchCheck] = await Promise.all([
    withTimeout(() => storeAcceptsWrites(store)),
    withTimeout(() => search.search({ text: 'readiness', limit: 1, visibilities: ['public'] })),
  ]);
  // The store could not be written: what it holds may still be read, but need not be.
  const [lastSeq, open] = await Promise.all([
    lastEventSeq(store).catch(() => null),
    openDeadLettersByProcessor(store).catch(() => null),
  ]);
  const processors = (dispatcher()?.status() ?? []).map((processor) => ({
    ...processor,
    lag: lastSeq === null || !processor.runsHere ? null : Math.max(0, lastSeq - processor.handledThrough),
  }));
  return {
    ready: storeCheck.ok && searchCheck.ok,
    store: { engine: store.engine, ...storeCheck },
    search: { engine: search.engine, ...searchCheck },
    lastEventSeq: lastSeq,
    processors,
    deadLetters: open && { open: Object.values(open).reduce((sum, count) => sum + count, 0), byProcessor: open },
  };
}

const PROBE_COLLECTION = 'readiness';

/**
 * Writes one small document: the only proof that the store takes writes now (a failed sync stops
 * the embedded store, a lost primary stops MongoDB's writes).
 */
async function storeAcceptsWrites(store: DocumentStore): Promise<void> {
  await store
    .collection<{ _id: string; at: string }>(PROBE_COLLECTION)
    .updateOne({ _id: 'probe' }, { $set: { at: new Date().toISOString() } }, { upsert: true });
}

async function withTimeout(check: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: errorSummary(error) };
  } finally {
    clearTimeout(timer);
  }
}
