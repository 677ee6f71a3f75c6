// Counts the figures from the folded documents: a pure function of the ledgers, the organisations'
// facts and the dialogues counted (those everyone may see, with their arena and buyers as they are
// now). Every fact is dated, and counted in the month it happened in Swedish time; a bucket (the
// whole, a month, an arena, a buyer, a dialogue) counts the facts that fall in it.
import {
  ARENAS,
  CONTRACT_VALUE_BANDS,
  isSmallOrMedium,
  PROCUREMENT_TIME_ZONE,
  supplementaryInformationCutoff,
  utcToZonedLocal,
  type ArenaId,
  type DialogueSummary,
  type MetricFigures,
  type MetricsFilter,
  type MetricsView,
} from '@dialogforum/contracts';
import type { MetricLedgerDocument, MetricOrganisationDocument, OutcomeFact, TenderClockHistory } from './documents.ts';

export type MetricInputs = {
  /** The dialogues counted, oldest first. */
  dialogues: DialogueSummary[];
  ledgers: Map<string, MetricLedgerDocument>;
  organisations: Map<string, MetricOrganisationDocument>;
};

type Where = { dialogueId: string; arenaId: ArenaId; buyerIds: string[]; at: string; month: string };
type Fact = Where &
  (
    | { type: 'dialogue' }
    | { type: 'engaged'; organisationId: string; first: boolean }
    | { type: 'asked' }
    | { type: 'answered'; hours: number; withinCutoff: boolean }
    | { type: 'session'; attendance: number }
    | { type: 'meeting' }
    | { type: 'outcome'; outcome: OutcomeFact }
  );

export function countMetrics(inputs: MetricInputs, filter: MetricsFilter): Omit<MetricsView, 'buyerChoices'> {
  const organisation = organisationResolver(inputs.organisations);
  const all = inputs.dialogues.flatMap((dialogue) => dialogueFacts(dialogue, inputs.ledgers.get(dialogue.id), organisation.resolve));
  markFirstEngagements(all);
  const inScope = (dialogue: DialogueSummary) =>
    (filter.arenaId === undefined || dialogue.arenaId === filter.arenaId) &&
    (filter.buyerId === undefined || dialogue.owners.some((owner) => owner.id === filter.buyerId));
  const inPeriod = (fact: Fact) => (filter.from === undefined || fact.month >= filter.from) && (filter.to === undefined || fact.month <= filter.to);
  const scoped = new Set(inputs.dialogues.filter(inScope).map((dialogue) => dialogue.id));
  const facts = all.filter((fact) => scoped.has(fact.dialogueId) && inPeriod(fact));
  const figures = (subset: Fact[]) => figuresOf(subset, organisation);

  const dialogues = inputs.dialogues
    .filter((dialogue) => scoped.has(dialogue.id))
    .map((dialogue) => ({ dialogue, facts: facts.filter((fact) => fact.dialogueId === dialogue.id) }))
    // Without a period every dialogue has its own fact (its publication); with one, those active in it.
    .filter(({ facts: own }) => own.length > 0)
    .reverse()
    .map(({ dialogue, facts: own }) => {
      const outcome = inputs.ledgers.get(dialogue.id)?.outcome ?? null;
      return {
        id: dialogue.id,
        title: dialogue.title,
        arenaId: dialogue.arenaId,
        buyers: dialogue.owners.map((owner) => ({ id: owner.id, name: owner.name })),
        outcome: outcome && { procuredInnovation: outcome.procuredInnovation, newToMarket: outcome.newToMarket, contractValueBand: outcome.contractValueBand, recordedAt: outcome.recordedAt },
        figures: figures(own),
      };
    });
  const buyers = new Map<string, string>();
  for (const dialogue of inputs.dialogues) if (scoped.has(dialogue.id)) for (const owner of dialogue.owners) buyers.set(owner.id, owner.name);

  return {
    filter,
    total: figures(facts),
    months: monthsOf(facts, filter).map((month) => ({ month, figures: figures(facts.filter((fact) => fact.month === month)) })),
    arenas: ARENAS.filter((arena) => filter.arenaId === undefined || arena.id === filter.arenaId).map((arena) => ({
      id: arena.id,
      figures: figures(facts.filter((fact) => fact.arenaId === arena.id)),
    })),
    buyers: [...buyers]
      .filter(([id]) => filter.buyerId === undefined || id === filter.buyerId)
      .sort(([, a], [, b]) => a.localeCompare(b, 'sv'))
      .map(([id, name]) => ({ id, name, figures: figures(facts.filter((fact) => fact.buyerIds.includes(id))) })),
    dialogues,
  };
}

/** The calendar month of an instant in Swedish time ("2026-03"). */
export function monthOf(instant: string): string {
  return utcToZonedLocal(Date.parse(instant), PROCUREMENT_TIME_ZONE).slice(0, 7);
}

function dialogueFacts(dialogue: DialogueSummary, ledger: MetricLedgerDocument | undefined, resolve: (id: string) => string): Fact[] {
  const where = (at: string): Where => ({ dialogueId: dialogue.id, arenaId: dialogue.arenaId, buyerIds: dialogue.owners.map((owner) => owner.id), at, month: monthOf(at) });
  const facts: Fact[] = [{ ...where(ledger?.createdAt ?? dialogue.createdAt), type: 'dialogue' }];
  if (!ledger) return facts;
  const engaged = (at: string, organisationId: string): Fact => ({ ...where(at), type: 'engaged', organisationId: resolve(organisationId), first: false });
  for (const question of ledger.questions) {
    facts.push({ ...where(question.publishedAt), type: 'asked' }, engaged(question.publishedAt, question.organisationId));
    if (question.answeredAt !== null && question.answeredSeq !== null) {
      const hours = (Date.parse(question.answeredAt) - Date.parse(question.askedAt)) / 3_600_000;
      facts.push({ ...where(question.answeredAt), type: 'answered', hours, withinCutoff: withinCutoff(ledger.tenderClock, question.answeredSeq, question.answeredAt) });
    }
  }
  for (const session of ledger.sessions) {
    if (session.heldAt === null) continue;
    facts.push({ ...where(session.heldAt), type: 'session', attendance: session.attendees.length });
    for (const organisationId of session.attendees) if (organisationId) facts.push(engaged(session.heldAt, organisationId));
  }
  for (const round of ledger.rounds) {
    for (const organisationId of round.meetings) facts.push({ ...where(round.closedAt), type: 'meeting' }, engaged(round.closedAt, organisationId));
  }
  if (ledger.outcome) facts.push({ ...where(ledger.outcome.recordedAt), type: 'outcome', outcome: ledger.outcome });
  return facts;
}

/**
 * An answer is in time when it was published before the statutory cut-off (6 days, or 4 when
 * accelerated, before the tender deadline, in Swedish calendar days) of the tender deadline in
 * force when it was published; without a tender deadline no cut-off applies.
 */
export function withinCutoff(clock: TenderClockHistory, answeredSeq: number, answeredAt: string): boolean {
  const tenderDeadline = inForce(clock, answeredSeq, 'tenderDeadline', clock.asRead.tenderDeadline);
  if (tenderDeadline === null) return true;
  const accelerated = inForce(clock, answeredSeq, 'accelerated', clock.asRead.accelerated);
  return Date.parse(answeredAt) < Date.parse(supplementaryInformationCutoff(tenderDeadline, accelerated));
}

function inForce<K extends 'tenderDeadline' | 'accelerated'>(clock: TenderClockHistory, seq: number, field: K, asRead: TenderClockHistory['asRead'][K]) {
  const changes = clock.changes.filter((change) => change[field] !== undefined).sort((a, b) => a.seq - b.seq);
  const before = changes.filter((change) => change.seq < seq).at(-1);
  if (before) return before[field]!.to as TenderClockHistory['asRead'][K];
  const first = changes[0];
  return first ? (first[field]!.from as TenderClockHistory['asRead'][K]) : asRead;
}

/** An organisation's first engagement in any dialogue counted (by time, then dialogue) makes it a first-timer there. */
function markFirstEngagements(facts: Fact[]): void {
  const first = new Map<string, Extract<Fact, { type: 'engaged' }>>();
  for (const fact of facts) {
    if (fact.type !== 'engaged') continue;
    const known = first.get(fact.organisationId);
    if (!known || fact.at < known.at || (fact.at === known.at && fact.dialogueId < known.dialogueId)) first.set(fact.organisationId, fact);
  }
  for (const fact of first.values()) fact.first = true;
}

function organisationResolver(organisations: Map<string, MetricOrganisationDocument>) {
  /** A merged organisation counts as the one it was merged into. */
  const resolve = (id: string): string => {
    let current = id;
    for (let hops = 0; hops < 10; hops++) {
      const next = organisations.get(current)?.mergedInto;
      if (!next) break;
      current = next;
    }
    return current;
  };
  return { resolve, get: (id: string) => organisations.get(id) ?? null };
}

function figuresOf(facts: Fact[], organisations: ReturnType<typeof organisationResolver>): MetricFigures {
  const engaged = facts.filter((fact) => fact.type === 'engaged');
  const ofKind = (kind: string) => new Set(engaged.filter((fact) => organisations.get(fact.organisationId)?.kind === kind).map((fact) => fact.organisationId));
  const suppliers = ofKind('supplier');
  const answered = facts.filter((fact) => fact.type === 'answered');
  const sessions = facts.filter((fact) => fact.type === 'session');
  const outcomes = facts.filter((fact) => fact.type === 'outcome').map((fact) => fact.outcome);
  const bands = Object.fromEntries(CONTRACT_VALUE_BANDS.map((band) => [band, outcomes.filter((outcome) => outcome.contractValueBand === band).length]));
  return {
    dialogues: facts.filter((fact) => fact.type === 'dialogue').length,
    suppliersEngaged: suppliers.size,
    smallSuppliersEngaged: [...suppliers].filter((id) => isSmallOrMedium(organisations.get(id)?.size ?? null)).length,
    firstTimeSuppliersEngaged: new Set(engaged.filter((fact) => fact.first && suppliers.has(fact.organisationId)).map((fact) => fact.organisationId)).size,
    researchersEngaged: ofKind('research').size,
    questionsAsked: facts.filter((fact) => fact.type === 'asked').length,
    questionsAnswered: answered.length,
    medianHoursToAnswer: median(answered.map((fact) => fact.hours)),
    answeredWithinCutoff: answered.filter((fact) => fact.withinCutoff).length,
    sessionsHeld: sessions.length,
    sessionAttendance: sessions.reduce((sum, fact) => sum + fact.attendance, 0),
    meetingsWithMinutes: facts.filter((fact) => fact.type === 'meeting').length,
    outcomesRecorded: outcomes.length,
    innovationsProcured: outcomes.filter((outcome) => outcome.procuredInnovation).length,
    newToMarket: outcomes.filter((outcome) => outcome.newToMarket).length,
    contractValueBands: bands as MetricFigures['contractValueBands'],
  };
}

/** The median in hours, to one decimal; null for none. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}

/** Every month from the first to the last, within the period asked for (open ends: the facts'). */
function monthsOf(facts: Fact[], filter: MetricsFilter): string[] {
  if (facts.length === 0) return [];
  const months = facts.map((fact) => fact.month).sort();
  let month = filter.from !== undefined && filter.from > months[0]! ? filter.from : months[0]!;
  const last = filter.to !== undefined && filter.to < months.at(-1)! ? filter.to : months.at(-1)!;
  const result: string[] = [];
  while (month <= last) {
    result.push(month);
    const [year, number] = month.split('-').map(Number) as [number, number];
    month = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  }
  return result;
}
