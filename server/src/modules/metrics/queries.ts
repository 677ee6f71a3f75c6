// The innovation metrics as everyone reads them: counted over public dialogues only, whoever asks
// (the dashboard, its downloads and the open data API give the same figures), from the documents
// the metrics processor folded.
import type { MetricsFilter, MetricsView } from '@dialogforum/contracts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { everyVisibleDialogue } from '../dialogues/queries.ts';
import type { MetricOrganisationDocument } from './documents.ts';
import { countMetrics } from './metric-figures.ts';
import { storedMetrics, type MetricSource } from './metric-source.ts';

export async function metricsView(store: DocumentStore, filter: MetricsFilter, source: MetricSource = storedMetrics(store)): Promise<MetricsView> {
  // Anonymous on purpose: metrics are open data, the same for every reader.
  const dialogues = await everyVisibleDialogue(store, null);
  const ledgers = await source.ledgers(dialogues.map((dialogue) => dialogue.id));
  const referenced = [...ledgers.values()].flatMap((ledger) => [
    ...ledger.questions.map((question) => question.organisationId),
    ...ledger.sessions.flatMap((session) => session.attendees),
    ...ledger.rounds.flatMap((round) => round.meetings),
  ]);
  const organisations = await withMergeTargets(source, referenced);
  const buyerChoices = new Map<string, string>();
  for (const dialogue of dialogues) for (const owner of dialogue.owners) buyerChoices.set(owner.id, owner.name);
  return {
    ...countMetrics({ dialogues, ledgers, organisations }, filter),
    buyerChoices: [...buyerChoices].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  };
}

/** The organisations named, and those they were merged into (a merge can follow a merge). */
async function withMergeTargets(source: MetricSource, ids: string[]): Promise<Map<string, MetricOrganisationDocument>> {
  const found = await source.organisations([...new Set(ids.filter(Boolean))]);
  for (let round = 0; round < 5; round++) {
    const missing = [...found.values()].flatMap((organisation) => (organisation.mergedInto && !found.has(organisation.mergedInto) ? [organisation.mergedInto] : []));
    if (missing.length === 0) break;
    for (const [id, organisation] of await source.organisations(missing)) found.set(id, organisation);
  }
  return found;
}
