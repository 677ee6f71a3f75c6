// When a procurement ends its buyers record how it went: was an innovation procured, was it new to
// the market, in which band the contract's value lies. The innovation metrics count it. Recording
// again replaces the account (a correction); each record is an event in the audit trail, carrying
// the recorded values, which are facts about the procurement, not about a person.
import type { RecordOutcomeInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { hasVerifiedEmail, mayRecordOutcome } from '../../platform/policy/policy.ts';
import type { DialogueDeps } from './commands.ts';
import { DIALOGUES, type DialogueDocument } from './documents.ts';
import { nextDialogueChange } from './change-counter.ts';
import { visibleDialogue } from './queries.ts';

/** A procurement has ended when it reached contract & follow-up or its buyers archived it. */
export function procurementEnded(dialogue: Pick<DialogueDocument, 'phase' | 'archivedAt'>): boolean {
  return dialogue.phase === 'contract' || Boolean(dialogue.archivedAt);
}

export async function recordOutcome(deps: DialogueDeps, actor: Actor, input: RecordOutcomeInput): Promise<void> {
  if (!hasVerifiedEmail(actor)) throw new AppError('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address first');
  const recordedAt = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, input.dialogueId);
    if (!mayRecordOutcome(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue record its outcome');
    if (!procurementEnded(dialogue)) throw new AppError('PROCUREMENT_NOT_ENDED', 'Record the outcome when the procurement has ended');
    const { procuredInnovation, newToMarket, contractValueBand } = input;
    const before = dialogue.outcome;
    // The same account again records nothing (no event, no audit line).
    if (before && before.procuredInnovation === procuredInnovation && before.newToMarket === newToMarket && before.contractValueBand === contractValueBand) return;
    await nextDialogueChange(scope, dialogue._id);
    await scope
      .collection<DialogueDocument>(DIALOGUES)
      .updateOne({ _id: dialogue._id }, { $set: { outcome: { procuredInnovation, newToMarket, contractValueBand, recordedAt, recordedBy: actor.userId } } });
    await appendEvent(
      scope,
      'dialogue.outcome_recorded',
      dialogue._id,
      { dialogueId: dialogue._id, by: actor.userId, procuredInnovation: String(procuredInnovation), newToMarket: String(newToMarket), contractValueBand },
      recordedAt,
    );
    changed = true;
  });
  if (changed) deps.onCommit();
}
