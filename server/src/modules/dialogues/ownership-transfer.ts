// When a moderator merges a duplicate organisation into the one it duplicates, the dialogues the
// duplicate owned are owned by the one it was merged into. Called inside the merge's transaction;
// the merge's event records it.
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from './documents.ts';

export async function transferDialogueOwnership(scope: TransactionScope, fromOrganisationId: string, toOrganisationId: string): Promise<void> {
  const dialogues = scope.collection<DialogueDocument>(DIALOGUES);
  for (const dialogue of await dialogues.find({ ownerOrganisationIds: fromOrganisationId })) {
    const owners = [...new Set(dialogue.ownerOrganisationIds.map((id) => (id === fromOrganisationId ? toOrganisationId : id)))];
    await dialogues.updateOne({ _id: dialogue._id }, { $set: { ownerOrganisationIds: owners } });
  }
}
