// When a moderator merges a duplicate organisation into the one it duplicates, the dialogues the
// duplicate owned are owned by the one it was merged into. Called inside the merge's transaction, so
// the duplicate's people (members of the survivor from then on) never lose the dialogues they manage.
// Each dialogue records the change in its own history and announces it as an owner change, so the
// search index writes the dialogue's reader lists again (`host:<id>` of its owners) and live rights
// are derived again, exactly as when a buyer adds a co-owner.
import type { Actor } from '../../platform/policy/actor.ts';
import type { TransactionScope } from '../../platform/store/document-store.ts';
import { recordDialogueChanges } from './dialogue-history.ts';
import { DIALOGUES, type DialogueDocument } from './documents.ts';

type MergedOrganisation = { id: string; name: string };

export async function transferDialogueOwnership(
  scope: TransactionScope,
  actor: Actor,
  from: MergedOrganisation,
  to: MergedOrganisation,
  at: string,
): Promise<void> {
  const dialogues = scope.collection<DialogueDocument>(DIALOGUES);
  for (const dialogue of await dialogues.find({ ownerOrganisationIds: from.id })) {
    const owners = [...new Set(dialogue.ownerOrganisationIds.map((id) => (id === from.id ? to.id : id)))];
    await dialogues.updateOne({ _id: dialogue._id }, { $set: { ownerOrganisationIds: owners } });
    const change = { field: 'owners' as const, from: [from.name], to: [to.name] };
    await recordDialogueChanges(scope, dialogue._id, actor, [change], at, { organisationId: to.id, mergedOrganisationId: from.id });
  }
}
