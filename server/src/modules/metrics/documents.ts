// The innovation metrics' own documents: what the metrics processor folded from the event log. One
// ledger per dialogue holds the public facts the figures are counted from (each with its time and
// the sequence of the event that made it), one document per organisation what it is counted as.
// Nothing here is read by anyone but the metrics' queries; all of it can be thrown away and folded
// again from the log (event-log-fold.ts), which gives the same figures.
import type { ContractValueBand, OrganisationKind, OrganisationSize } from '@dialogforum/contracts';

/** A published question; answered when its first official answer everyone may read was published. */
export type QuestionFact = {
  threadId: string;
  askedAt: string;
  publishedAt: string;
  /** The asker's organisation. */
  organisationId: string;
  answeredAt: string | null;
  answeredSeq: number | null;
};

/** A person's latest registration state for a session, by the event that set it. */
export type RegistrantFact = { userId: string; organisationId: string; registered: boolean; seq: number };

export type SessionFact = {
  sessionId: string;
  /**
   * Who is registered, while the session is still to be held. Emptied when it begins or is
   * cancelled: only the organisations of those who attended are kept, so the metrics hold no
   * person's id for longer than the registrations themselves do.
   */
  registrants: RegistrantFact[];
  cancelled: boolean;
  /** When the session began; null until it has. */
  heldAt: string | null;
  /** Organisations of the people registered when it began (one entry per person). */
  attendees: string[];
};

/** A closed round: the organisations met, one per meeting whose minutes were published. */
export type RoundFact = { roundId: string; closedAt: string; meetings: string[] };

/**
 * The tender deadline (and whether the procedure is accelerated) over time: each change as its
 * event recorded it, from and to. What held before the first change is that change's "from"; a
 * field never changed holds what the dialogue held when the ledger was made (`asRead`, which on a
 * rebuild is its state today, the same value).
 */
export type TenderClockHistory = {
  asRead: { tenderDeadline: string | null; accelerated: boolean };
  changes: TenderClockChange[];
};

export type TenderClockChange = {
  seq: number;
  tenderDeadline?: { from: string | null; to: string | null };
  accelerated?: { from: boolean; to: boolean };
};

export type OutcomeFact = { procuredInnovation: boolean; newToMarket: boolean; contractValueBand: ContractValueBand; recordedAt: string; seq: number };

export type MetricLedgerDocument = {
  _id: string; // the dialogue's id
  createdAt: string | null;
  tenderClock: TenderClockHistory;
  questions: QuestionFact[];
  sessions: SessionFact[];
  rounds: RoundFact[];
  outcome: OutcomeFact | null;
};

export type MetricOrganisationDocument = {
  _id: string; // the organisation's id
  kind: OrganisationKind;
  size: OrganisationSize | null;
  mergedInto: string | null;
};

export const METRIC_LEDGERS = 'metricLedgers';
export const METRIC_ORGANISATIONS = 'metricOrganisations';
