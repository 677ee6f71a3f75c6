// The buyers edit their dialogue after publishing it, move it through its phases, and archive it.
// Each edit writes the new state, one entry of the dialogue's history and its events in one
// transaction; an edit that changes nothing records nothing.
import type { UpdateDialogueInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayEditDialogue } from '../../platform/policy/policy.ts';
import type { DialogueDeps } from './commands.ts';
import { changesBetween, dialogueFacts, editedFacts, refuseInvalidFacts } from './dialogue-facts.ts';
import { recordDialogueChanges } from './dialogue-history.ts';
import { DIALOGUES, type DialogueDocument } from './documents.ts';
import { visibleDialogue } from './queries.ts';

export async function updateDialogue(deps: DialogueDeps, actor: Actor, input: UpdateDialogueInput): Promise<void> {
  const now = deps.clock.now();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, input.dialogueId);
    if (!mayEditDialogue(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue edit it');
    if (dialogue.archivedAt) throw new AppError('DIALOGUE_ARCHIVED', 'Bring the dialogue back from the archive before editing it');
    const before = dialogueFacts(dialogue);
    const after = editedFacts(before, input);
    const changes = changesBetween(before, after);
    if (changes.length === 0) return;
    refuseInvalidFacts(after, new Set(changes.map((change) => change.field)), now);
    const set = Object.fromEntries(changes.map((change) => [change.field, after[change.field as keyof typeof after]]));
    // A change of Q&A mode changes what the threads' pages show: it takes a change number, as setQaMode does.
    const inc = set.qaMode === undefined ? {} : { $inc: { change: 1 } };
    await scope.collection<DialogueDocument>(DIALOGUES).updateOne({ _id: dialogue._id }, { $set: set, ...inc });
    await recordDialogueChanges(scope, dialogue._id, actor, changes, now.toISOString());
    changed = true;
  });
  if (changed) deps.onCommit();
}

/** Archiving closes the dialogue to new questions and lists it apart; bringing it back reopens it as it was. */
export async function setDialogueArchived(deps: DialogueDeps, actor: Actor, dialogueId: string, archived: boolean): Promise<void> {
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const dialogue = await visibleDialogue(scope, actor, dialogueId);
    if (!mayEditDialogue(actor, dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue archive it');
    const wasArchived = Boolean(dialogue.archivedAt);
    if (wasArchived === archived) return;
    await scope
      .collection<DialogueDocument>(DIALOGUES)
      .updateOne({ _id: dialogueId }, { $set: archived ? { archivedAt: at, archivedBy: actor.userId } : { archivedAt: null, archivedBy: null } });
    await recordDialogueChanges(scope, dialogueId, actor, [{ field: 'archived', from: wasArchived, to: archived }], at);
    changed = true;
  });
  if (changed) deps.onCommit();
}
