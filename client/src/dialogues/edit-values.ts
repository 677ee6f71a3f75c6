// A dialogue as the edit form holds it (text in fields, dates as `datetime-local` values in the
// browser's zone) and back: only what the buyer changed is sent, so a deadline that passed long ago
// and was left alone is not sent again (the server holds only changed deadlines to "not in the past").
import type { DialogueView, Phase, QaMode, UpdateDialogueInput, Visibility } from '@dialogforum/contracts';
import { isoToLocalInput, localInputToIsoWithOffset } from '../i18n/date-format.ts';

export type MilestoneValues = { key: number; label: string; at: string };

export type EditValues = {
  title: string;
  description: string;
  phase: Phase;
  /** Asked only when the edit moves the dialogue into the tender phase. */
  tenderQaMode: QaMode;
  questionDeadline: string;
  tenderDeadline: string;
  accelerated: boolean;
  visibility: Visibility;
  referenceNumber: string;
  cpvCodes: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  milestones: MilestoneValues[];
};

let nextKey = 0;
/** A stable key for a milestone row, so removing one keeps focus and typing in the others. */
export const milestoneKey = () => ++nextKey;

export function editValuesOf(dialogue: DialogueView): EditValues {
  return {
    title: dialogue.title,
    description: dialogue.description,
    phase: dialogue.phase,
    tenderQaMode: 'moderated',
    questionDeadline: isoToLocalInput(dialogue.questionDeadline),
    tenderDeadline: dialogue.tenderDeadline ? isoToLocalInput(dialogue.tenderDeadline) : '',
    accelerated: dialogue.accelerated,
    visibility: dialogue.visibility,
    referenceNumber: dialogue.referenceNumber ?? '',
    cpvCodes: dialogue.cpvCodes.join(', '),
    contactName: dialogue.contact?.name ?? '',
    contactEmail: dialogue.contact?.email ?? '',
    contactPhone: dialogue.contact?.phone ?? '',
    milestones: dialogue.milestones.map((milestone) => ({ key: milestoneKey(), label: milestone.label, at: isoToLocalInput(milestone.at) })),
  };
}

export function movesIntoTender(dialogue: DialogueView, values: EditValues): boolean {
  return values.phase === 'tender' && dialogue.phase !== 'tender';
}

/** The edit as the server's schema checks it: the dialogue's id and every field whose value changed. */
export function editInput(dialogue: DialogueView, initial: EditValues, values: EditValues): UpdateDialogueInput {
  const input: Record<string, unknown> = { dialogueId: dialogue.id };
  const changed = (key: keyof EditValues) => JSON.stringify(initial[key]) !== JSON.stringify(values[key]);
  if (changed('title')) input.title = values.title;
  if (changed('description')) input.description = values.description;
  if (changed('phase')) input.phase = values.phase;
  if (movesIntoTender(dialogue, values)) input.qaMode = values.tenderQaMode;
  if (changed('questionDeadline')) input.questionDeadline = localInputToIsoWithOffset(values.questionDeadline);
  if (changed('tenderDeadline')) input.tenderDeadline = values.tenderDeadline === '' ? null : localInputToIsoWithOffset(values.tenderDeadline);
  if (changed('accelerated')) input.accelerated = values.accelerated;
  if (changed('visibility')) input.visibility = values.visibility;
  if (changed('referenceNumber')) input.referenceNumber = values.referenceNumber.trim() === '' ? null : values.referenceNumber;
  if (changed('cpvCodes')) input.cpvCodes = values.cpvCodes.split(/[\s,;]+/).filter((code) => code !== '');
  if (changed('contactName') || changed('contactEmail') || changed('contactPhone')) {
    const empty = [values.contactName, values.contactEmail, values.contactPhone].every((value) => value.trim() === '');
    input.contact = empty
      ? null
      : { name: values.contactName, email: values.contactEmail, phone: values.contactPhone.trim() === '' ? null : values.contactPhone };
  }
  const milestones = (list: MilestoneValues[]) => list.map(({ label, at }) => ({ label, at }));
  if (JSON.stringify(milestones(initial.milestones)) !== JSON.stringify(milestones(values.milestones))) {
    input.milestones = values.milestones.map(({ label, at }) => ({ label, at: localInputToIsoWithOffset(at) }));
  }
  return input as UpdateDialogueInput;
}
