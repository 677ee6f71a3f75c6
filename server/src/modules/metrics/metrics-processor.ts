// The metrics processor: folds committed events into the metrics' documents (ledger-fold.ts), one
// node for the whole service (the default placement), resuming from its checkpoint. It may be
// rebuilt at any time by deleting its documents and its checkpoint: it then folds the log again
// from the first event, which gives the same figures (server/test/integration/innovation-metrics.test.ts).
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { tenderClockFacts } from '../dialogues/queries.ts';
import { minutedMeetingOrganisations } from '../meetings/queries.ts';
import { organisationMetricFacts } from '../organisations/queries.ts';
import { registrationOrganisation } from '../sessions/queries.ts';
import { isPublicOfficialAnswer, publishedQuestionFacts } from '../threads/queries.ts';
import { METRIC_LEDGERS, METRIC_ORGANISATIONS, type MetricLedgerDocument, type MetricOrganisationDocument } from './documents.ts';
import { foldEvent, foldsEvent, type MetricDocuments, type MetricFactReader } from './ledger-fold.ts';

export const METRICS_PROCESSOR = 'metrics';

export function metricsProcessor(store: DocumentStore): EventProcessor {
  const facts = storedFacts(store);
  const documents = storedMetricDocuments(store);
  return {
    name: METRICS_PROCESSOR,
    async handle(event: DomainEvent) {
      if (foldsEvent(event.type)) await foldEvent(event, facts, documents);
    },
  };
}

/** What events point at, read through the owning modules' queries as the store holds it now. */
export function storedFacts(store: DocumentStore): MetricFactReader {
  return {
    tenderClock: (dialogueId) => tenderClockFacts(store, dialogueId),
    publishedQuestion: (threadId) => publishedQuestionFacts(store, threadId),
    isPublicOfficialAnswer: (postId) => isPublicOfficialAnswer(store, postId),
    registrationOrganisation: (sessionId, userId) => registrationOrganisation(store, sessionId, userId),
    minutedMeetings: (roundId) => minutedMeetingOrganisations(store, roundId),
    organisation: (organisationId) => organisationMetricFacts(store, organisationId),
  };
}

export function storedMetricDocuments(store: DocumentStore): MetricDocuments {
  const ledgers = store.collection<MetricLedgerDocument>(METRIC_LEDGERS);
  const organisations = store.collection<MetricOrganisationDocument>(METRIC_ORGANISATIONS);
  return {
    ledger: (dialogueId) => ledgers.findOne({ _id: dialogueId }),
    async saveLedger({ _id, ...ledger }) {
      await ledgers.updateOne({ _id }, { $set: ledger }, { upsert: true });
    },
    async saveOrganisation({ _id, ...organisation }) {
      await organisations.updateOne({ _id }, { $set: organisation }, { upsert: true });
    },
  };
}
