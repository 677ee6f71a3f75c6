// Dialogue inputs and the dialogue's history. A dialogue is edited by its buyers after publishing:
// its facts (title, description, reference number, CPV codes, contact person, timeline), its phase,
// its deadlines (questions, tenders: the statutory clock) and who may see it; each edit is recorded.
import { z } from 'zod';
import { ARENA_IDS } from './arenas.ts';
import { cpvCodeSchema } from './cpv-code.ts';
import { emailSchema, idSchema, lineOfText, longText, phaseSchema } from './inputs.ts';
import { qaModeSchema } from './threads.ts';

export const VISIBILITIES = ['public', 'registered'] as const;
export const visibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

/** ISO 8601 with offset, e.g. 2026-12-01T17:00:00+01:00. */
const moment = z.iso.datetime({ offset: true });

/** The buyer's own reference (diarienummer), e.g. "KS 2026/0142". */
export const referenceNumberSchema = lineOfText(1, 60);

/** A telephone number as people write it: digits, spaces, hyphens, brackets, a leading +. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, { error: 'phone_format' });

/** Whom suppliers may contact about the procurement (besides asking here). */
export const contactPersonSchema = z.strictObject({
  name: lineOfText(2, 100),
  email: emailSchema,
  phone: phoneSchema.nullable(),
});
export type ContactPerson = z.infer<typeof contactPersonSchema>;

/** A point on the dialogue's timeline: a dialogue meeting, the tender documents out, a decision. */
export const milestoneSchema = z.strictObject({ label: lineOfText(2, 120), at: moment });
export type Milestone = z.infer<typeof milestoneSchema>;

export const MAX_CPV_CODES = 20;
export const MAX_MILESTONES = 20;

const cpvCodesSchema = z
  .array(cpvCodeSchema)
  .max(MAX_CPV_CODES)
  .refine((codes) => new Set(codes).size === codes.length, { error: 'cpv_duplicate' });

/** Facts a dialogue may be given when published and changed later. */
const facts = {
  referenceNumber: referenceNumberSchema.nullable().optional(),
  cpvCodes: cpvCodesSchema.optional(),
  contact: contactPersonSchema.nullable().optional(),
  milestones: z.array(milestoneSchema).max(MAX_MILESTONES).optional(),
  /** Needed in the tender phase: supplementary information must reach suppliers 6 (4) days before. */
  tenderDeadline: moment.nullable().optional(),
  /** An accelerated procedure: 4 days instead of 6 for supplementary information. */
  accelerated: z.boolean().optional(),
};

export const createDialogueInput = z.strictObject({
  title: lineOfText(3, 200),
  description: longText(1, 20_000),
  arenaId: z.enum(ARENA_IDS),
  phase: phaseSchema,
  questionDeadline: moment,
  visibility: visibilitySchema.default('public'),
  /** Open discussion or moderated Q&A; when left out, moderated in the tender phase and open before it. */
  qaMode: qaModeSchema.optional(),
  ...facts,
});
export type CreateDialogueInput = z.infer<typeof createDialogueInput>;

/**
 * An edit by the dialogue's buyers: what is given is set, what is left out stays. Moving into the
 * tender phase switches Q&A to moderated unless the same edit gives `qaMode`.
 */
export const updateDialogueInput = z.strictObject({
  dialogueId: idSchema,
  title: lineOfText(3, 200).optional(),
  description: longText(1, 20_000).optional(),
  phase: phaseSchema.optional(),
  questionDeadline: moment.optional(),
  visibility: visibilitySchema.optional(),
  qaMode: qaModeSchema.optional(),
  ...facts,
});
export type UpdateDialogueInput = z.infer<typeof updateDialogueInput>;

/** Buyers move the question deadline (to extend it, usually); every change is in the audit log. */
export const setQuestionDeadlineInput = z.strictObject({ dialogueId: idSchema, questionDeadline: moment });

/** An archived dialogue takes no new questions and is listed apart; its buyers may bring it back. */
export const setDialogueArchivedInput = z.strictObject({ dialogueId: idSchema, archived: z.boolean() });

/** Joint procurement: an owning buyer adds another verified buyer organisation as co-owner. */
export const addDialogueOwnerInput = z.strictObject({ dialogueId: idSchema, organisationId: idSchema });

export const listDialoguesInput = z
  .strictObject({
    arenaId: z.enum(ARENA_IDS).optional(),
    /** The archive instead of the current dialogues. */
    archived: z.boolean().default(false),
  })
  .default({ archived: false });

/** What the buyers set and change, in the order the history lists them. */
export const DIALOGUE_FACT_FIELDS = [
  'title',
  'description',
  'phase',
  'referenceNumber',
  'cpvCodes',
  'contact',
  'milestones',
  'questionDeadline',
  'tenderDeadline',
  'accelerated',
  'visibility',
  'qaMode',
] as const;

/** What one entry of a dialogue's history may say changed: its facts, and its publication, archiving and owners. */
export const DIALOGUE_HISTORY_FIELDS = ['created', ...DIALOGUE_FACT_FIELDS, 'archived', 'owners'] as const;
export type DialogueHistoryField = (typeof DIALOGUE_HISTORY_FIELDS)[number];

export type DialogueHistoryValue = string | string[] | boolean | ContactPerson | Milestone[] | null;

export type DialogueFieldChange = { field: DialogueHistoryField; from: DialogueHistoryValue; to: DialogueHistoryValue };

/** One recorded edit: when, by whom (a buyer acts in office, so by name and organisation), what. */
export type DialogueHistoryEntryView = {
  id: string;
  at: string;
  by: { name: string; organisation: string | null } | null;
  changes: DialogueFieldChange[];
};
