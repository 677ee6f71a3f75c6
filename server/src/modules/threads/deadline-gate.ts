import { AppError } from '../../platform/app-error.ts';
import { isPastQuestionDeadline, type DialogueAccessFacts } from '../../platform/policy/policy.ts';

/**
 * After the question deadline no question is accepted (DESIGN.md §3.2): a clear refusal, not a
 * silent drop. An archived dialogue takes none either, whatever its deadline says.
 */
export function refuseAfterDeadline(dialogue: DialogueAccessFacts & { archivedAt?: string | null }, now: Date): void {
  if (dialogue.archivedAt) throw new AppError('DIALOGUE_ARCHIVED', 'The dialogue is archived and takes no new questions');
  if (isPastQuestionDeadline(dialogue, now)) {
    throw new AppError('DEADLINE_PASSED', `The question deadline passed at ${dialogue.questionDeadline}`);
  }
}
