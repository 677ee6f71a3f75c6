// A rebuild of the metrics from nothing: every event of the log, from the first, folded into
// documents held in memory by the same fold the processor runs. The figures counted from them are
// the figures the processor's documents give (the integration test compares the two); an operator
// rebuilds the stored documents by deleting them and the processor's checkpoint.
import { lastEventSeq, readEventsAfter } from '../../platform/events/event-log.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { MetricLedgerDocument, MetricOrganisationDocument } from './documents.ts';
import { foldEvent } from './ledger-fold.ts';
import { storedFacts } from './metrics-processor.ts';
import type { MetricSource } from './metric-source.ts';

const BATCH = 500;

export async function foldEventLog(store: DocumentStore): Promise<MetricSource> {
  const ledgers = new Map<string, MetricLedgerDocument>();
  const organisations = new Map<string, MetricOrganisationDocument>();
  const facts = storedFacts(store);
  const documents = {
    ledger: async (dialogueId: string) => structuredClone(ledgers.get(dialogueId) ?? null),
    saveLedger: async (ledger: MetricLedgerDocument) => void ledgers.set(ledger._id, structuredClone(ledger)),
    saveOrganisation: async (organisation: MetricOrganisationDocument) => void organisations.set(organisation._id, { ...organisation }),
  };
  const last = await lastEventSeq(store);
  for (let seq = 0; seq < last; ) {
    const events = await readEventsAfter(store, seq, Math.min(BATCH, last - seq));
    if (events.length === 0) break;
    for (const event of events) await foldEvent(event, facts, documents);
    seq = events.at(-1)!.seq;
  }
  return {
    ledgers: async (ids) => new Map(ids.flatMap((id) => (ledgers.has(id) ? [[id, ledgers.get(id)!] as const] : []))),
    organisations: async (ids) => new Map(ids.flatMap((id) => (organisations.has(id) ? [[id, organisations.get(id)!] as const] : []))),
  };
}
