// What a dialogue's buyers set and change, as one record: read from the stored dialogue, edited by an
// input, compared field by field (what the history records), and checked against the rules every
// dialogue keeps: a deadline set now is not in the past, the tender phase has a tender deadline, and
// questions close no later than tenders do.
import {
  DIALOGUE_FACT_FIELDS,
  type CreateDialogueInput,
  type DialogueFieldChange,
  type DialogueHistoryValue,
  type FieldIssue,
  type UpdateDialogueInput,
} from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { DialogueDocument } from './documents.ts';

export type DialogueFacts = Required<Pick<DialogueDocument, (typeof DIALOGUE_FACT_FIELDS)[number]>>;

/** A dialogue stored before these facts existed has none: read as empty. */
export function dialogueFacts(dialogue: DialogueDocument): DialogueFacts {
  return {
    title: dialogue.title,
    description: dialogue.description,
    phase: dialogue.phase,
    questionDeadline: dialogue.questionDeadline,
    visibility: dialogue.visibility,
    qaMode: dialogue.qaMode,
    referenceNumber: dialogue.referenceNumber ?? null,
    cpvCodes: dialogue.cpvCodes ?? [],
    contact: dialogue.contact ?? null,
    milestones: dialogue.milestones ?? [],
    tenderDeadline: dialogue.tenderDeadline ?? null,
    accelerated: dialogue.accelerated ?? false,
  };
}

/** Moments are stored in UTC, so an unchanged deadline sent with another offset is unchanged. */
const utc = (moment: string) => new Date(moment).toISOString();

type GivenFacts = Omit<CreateDialogueInput, 'arenaId'> | Omit<UpdateDialogueInput, 'dialogueId'>;

/** `current` with what `input` gives; what it leaves out stays. */
export function editedFacts(current: DialogueFacts, input: GivenFacts): DialogueFacts {
  const next: DialogueFacts = {
    title: input.title ?? current.title,
    description: input.description ?? current.description,
    phase: input.phase ?? current.phase,
    questionDeadline: input.questionDeadline === undefined ? current.questionDeadline : utc(input.questionDeadline),
    visibility: input.visibility ?? current.visibility,
    qaMode: input.qaMode ?? current.qaMode,
    referenceNumber: input.referenceNumber === undefined ? current.referenceNumber : input.referenceNumber,
    cpvCodes: input.cpvCodes ?? current.cpvCodes,
    contact: input.contact === undefined ? current.contact : input.contact,
    milestones:
      input.milestones === undefined
        ? current.milestones
        : input.milestones.map((milestone) => ({ label: milestone.label, at: utc(milestone.at) })).sort((a, b) => a.at.localeCompare(b.at)),
    tenderDeadline:
      input.tenderDeadline === undefined ? current.tenderDeadline : input.tenderDeadline === null ? null : utc(input.tenderDeadline),
    accelerated: input.accelerated ?? current.accelerated,
  };
  // In the tender phase what one supplier is told must reach all at once: moving into it makes Q&A
  // moderated, unless the buyers chose otherwise in the same edit.
  if (next.phase === 'tender' && current.phase !== 'tender' && input.qaMode === undefined) next.qaMode = 'moderated';
  return next;
}

export function changesBetween(before: DialogueFacts, after: DialogueFacts): DialogueFieldChange[] {
  return DIALOGUE_FACT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])).map((field) => ({
    field,
    from: before[field] as DialogueHistoryValue,
    to: after[field] as DialogueHistoryValue,
  }));
}

/**
 * Refuses facts a dialogue may not have. Only what changes is held to "not in the past": a deadline
 * that passed long ago does not stop its buyers from correcting a typo in the title.
 */
export function refuseInvalidFacts(facts: DialogueFacts, changed: ReadonlySet<string>, now: Date): void {
  const past: FieldIssue[] = [];
  if (changed.has('questionDeadline') && Date.parse(facts.questionDeadline) <= now.getTime()) {
    past.push({ path: 'questionDeadline', code: 'deadline_in_past' });
  }
  if (changed.has('tenderDeadline') && facts.tenderDeadline !== null && Date.parse(facts.tenderDeadline) <= now.getTime()) {
    past.push({ path: 'tenderDeadline', code: 'deadline_in_past' });
  }
  if (past.length > 0) throw new AppError('DEADLINE_IN_PAST', 'A deadline cannot be set to a moment that has passed', past);

  const invalid: FieldIssue[] = [];
  const clockChanged = changed.has('phase') || changed.has('tenderDeadline') || changed.has('questionDeadline');
  if (clockChanged && facts.phase === 'tender' && facts.tenderDeadline === null) {
    invalid.push({ path: 'tenderDeadline', code: 'tender_deadline_required' });
  }
  if (clockChanged && facts.tenderDeadline !== null && Date.parse(facts.questionDeadline) > Date.parse(facts.tenderDeadline)) {
    invalid.push({ path: 'questionDeadline', code: 'question_deadline_after_tender' });
  }
  if (invalid.length > 0) throw new AppError('VALIDATION', 'The dialogue’s deadlines do not fit together', invalid);
}
