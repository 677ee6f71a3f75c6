import { AppError } from '../../platform/app-error.ts';
import { isPastQuestionDeadline, type DialogueAccessFacts } from '../../platform/policy/policy.ts';

/** After the question deadline no question is accepted (DESIGN.md §3.2): a clear refusal, not a silent drop. */
export function refuseAfterDeadline(dialogue: DialogueAccessFacts, now: Date): void {
  if (isPastQuestionDeadline(dialogue, now)) {
    throw new AppError('DEADLINE_PASSED', `The question deadline passed at ${dialogue.questionDeadline}`);
  }
}
