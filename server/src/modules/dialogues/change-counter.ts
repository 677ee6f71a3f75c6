// A dialogue's change counter. Every command that changes what a dialogue's readers see (a thread
// asked, answered, edited, voted on, hidden …) takes the next number in its own transaction and
// stamps it on what it changed. Live updates carry it, so a client keeps the newest copy of each
// thread; a client that was away asks for everything stamped after the last number it saw.
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { AppError } from '../../platform/app-error.ts';
import { DIALOGUES, type DialogueDocument } from './documents.ts';

export async function nextDialogueChange(scope: TransactionScope, dialogueId: string): Promise<number> {
  const dialogue = await scope.collection<DialogueDocument>(DIALOGUES).findOneAndUpdate({ _id: dialogueId }, { $inc: { change: 1 } });
  if (!dialogue) throw new AppError('NOT_FOUND', 'No such dialogue');
  return dialogue.change;
}
