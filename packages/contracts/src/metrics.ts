// Innovation metrics (issue 11 §6): how dialogues drive innovation, counted from the event log over
// what is public — public dialogues, published questions and their official answers, sessions
// held, one-to-one meetings whose minutes were published, and the outcome a buyer records when a
// procurement ends. The same figures are shown on the dashboard and served as open data.
import { z } from 'zod';
import { ARENA_IDS, type ArenaId } from './arenas.ts';
import { idSchema } from './inputs.ts';

/** What an organisation declares about its size (the EU's SME categories: staff under 10, 50, 250). */
export const ORGANISATION_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type OrganisationSize = (typeof ORGANISATION_SIZES)[number];
/** Small and medium-sized enterprises, as the EU counts them. */
export const isSmallOrMedium = (size: OrganisationSize | null): boolean => size !== null && size !== 'large';

/** The contract's value in Swedish kronor, in bands: an exact figure is often confidential. */
export const CONTRACT_VALUE_BANDS = ['none', 'under-1m', '1m-10m', '10m-100m', 'over-100m'] as const;
export type ContractValueBand = (typeof CONTRACT_VALUE_BANDS)[number];

/** The buyer's account of how the procurement ended. */
export const recordOutcomeInput = z.strictObject({
  dialogueId: idSchema,
  /** Was an innovation procured (a solution new to the buyer, developed or adapted for the need)? */
  procuredInnovation: z.boolean(),
  /** Was the solution new to the market? */
  newToMarket: z.boolean(),
  contractValueBand: z.enum(CONTRACT_VALUE_BANDS),
});
export type RecordOutcomeInput = z.infer<typeof recordOutcomeInput>;

export type DialogueOutcome = {
  procuredInnovation: boolean;
  newToMarket: boolean;
  contractValueBand: ContractValueBand;
  recordedAt: string;
};

/** A calendar month, "2026-03" (counted in Swedish time). */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const metricsFilter = z.strictObject({
  arenaId: z.enum(ARENA_IDS).optional(),
  /** A buyer organisation: its dialogues, jointly owned ones included. */
  buyerId: idSchema.optional(),
  /** First and last month of the period, both included. */
  from: monthSchema.optional(),
  to: monthSchema.optional(),
});
export type MetricsFilter = z.infer<typeof metricsFilter>;

export type MetricFigures = {
  /** Dialogues published in the period. */
  dialogues: number;
  /** Supplier organisations that asked a published question, attended a session or met the buyers. */
  suppliersEngaged: number;
  /** Of those, small and medium-sized by their own declaration. */
  smallSuppliersEngaged: number;
  /** Of those, taking part for the first time (their first engagement in any public dialogue). */
  firstTimeSuppliersEngaged: number;
  researchersEngaged: number;
  /** Questions published (asked openly, or published from the inbox or a session). */
  questionsAsked: number;
  /** Published questions given an official answer (counted in the month of the answer). */
  questionsAnswered: number;
  /** Median hours from asking to the first official answer; null without answers. */
  medianHoursToAnswer: number | null;
  /** Of the answered, those answered before the statutory cut-off of the tender deadline then in force (or with none set). */
  answeredWithinCutoff: number;
  sessionsHeld: number;
  /** People registered for a session when it began. */
  sessionAttendance: number;
  /** One-to-one meetings whose minutes were published (their round closed). */
  meetingsWithMinutes: number;
  outcomesRecorded: number;
  innovationsProcured: number;
  newToMarket: number;
  contractValueBands: Record<ContractValueBand, number>;
};

export type MetricsDialogueRow = {
  id: string;
  title: string;
  arenaId: ArenaId;
  buyers: { id: string; name: string }[];
  outcome: DialogueOutcome | null;
  figures: MetricFigures;
};

export type MetricsView = {
  filter: MetricsFilter;
  total: MetricFigures;
  /** Every month of the period (from the first public activity when no period is given), oldest first. */
  months: { month: string; figures: MetricFigures }[];
  arenas: { id: ArenaId; figures: MetricFigures }[];
  buyers: { id: string; name: string; figures: MetricFigures }[];
  dialogues: MetricsDialogueRow[];
  /** Buyers with public dialogues, for the filter. */
  buyerChoices: { id: string; name: string }[];
};

/** The figures' names in the order tables and CSV files give them. */
export const METRIC_NAMES = [
  'dialogues',
  'suppliersEngaged',
  'smallSuppliersEngaged',
  'firstTimeSuppliersEngaged',
  'researchersEngaged',
  'questionsAsked',
  'questionsAnswered',
  'medianHoursToAnswer',
  'answeredWithinCutoff',
  'sessionsHeld',
  'sessionAttendance',
  'meetingsWithMinutes',
  'outcomesRecorded',
  'innovationsProcured',
  'newToMarket',
] as const satisfies readonly (keyof MetricFigures)[];
