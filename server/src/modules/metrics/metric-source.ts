// Where the figures read the folded documents from: the store (what the processor wrote) or a
// rebuild held in memory (event-log-fold.ts), so both are counted by the same code.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { METRIC_LEDGERS, METRIC_ORGANISATIONS, type MetricLedgerDocument, type MetricOrganisationDocument } from './documents.ts';

export type MetricSource = {
  ledgers(dialogueIds: string[]): Promise<Map<string, MetricLedgerDocument>>;
  organisations(organisationIds: string[]): Promise<Map<string, MetricOrganisationDocument>>;
};

export function storedMetrics(store: DocumentStore): MetricSource {
  return {
    async ledgers(dialogueIds) {
      if (dialogueIds.length === 0) return new Map();
      const found = await store.collection<MetricLedgerDocument>(METRIC_LEDGERS).find({ _id: { $in: dialogueIds } });
      return new Map(found.map((ledger) => [ledger._id, ledger]));
    },
    async organisations(organisationIds) {
      if (organisationIds.length === 0) return new Map();
      const found = await store.collection<MetricOrganisationDocument>(METRIC_ORGANISATIONS).find({ _id: { $in: [...new Set(organisationIds)] } });
      return new Map(found.map((organisation) => [organisation._id, organisation]));
    },
  };
}
