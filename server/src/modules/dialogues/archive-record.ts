// The dialogue's part of its archive package (modules/archive-package): its facts as they stand,
// every recorded edit of them (so every earlier version of every field can be read back), and the
// deadline changes picked out of those edits, for the operator's registry. Read as stored, for no
// viewer: only operators export, and the package route asks the policy first.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { dialogueFacts } from './dialogue-facts.ts';
import { DIALOGUE_HISTORY, DIALOGUES, type DialogueDocument, type DialogueHistoryDocument } from './documents.ts';

/** Fields whose changes move a deadline a supplier plans by. */
const DEADLINE_FIELDS = new Set(['questionDeadline', 'tenderDeadline', 'accelerated']);

/** Null when there is no such dialogue. */
export async function dialogueArchiveRecord(store: Pick<DocumentStore, 'collection'>, dialogueId: string) {
  const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: dialogueId });
  if (!dialogue) return null;
  const history = await store.collection<DialogueHistoryDocument>(DIALOGUE_HISTORY).find({ dialogueId }, { sort: { at: 1, _id: 1 } });
  const edits = history.map((entry) => ({ id: entry._id, at: entry.at, by: entry.by, organisationId: entry.organisationId, changes: entry.changes }));
  return {
    dialogue: {
      id: dialogue._id,
      ...dialogueFacts(dialogue),
      arenaId: dialogue.arenaId,
      ownerOrganisationIds: dialogue.ownerOrganisationIds,
      createdAt: dialogue.createdAt,
      createdBy: dialogue.createdBy,
      archivedAt: dialogue.archivedAt ?? null,
      archivedBy: dialogue.archivedBy ?? null,
    },
    /** Oldest first: each entry says which fields changed, from what, to what, by whom. */
    history: edits,
    deadlineChanges: edits.flatMap((edit) => {
      const changes = edit.changes.filter((change) => DEADLINE_FIELDS.has(change.field));
      return changes.length > 0 ? [{ ...edit, changes }] : [];
    }),
    people: [dialogue.createdBy, ...(dialogue.archivedBy ? [dialogue.archivedBy] : []), ...history.map((entry) => entry.by)],
    organisations: [...dialogue.ownerOrganisationIds, ...history.flatMap((entry) => (entry.organisationId ? [entry.organisationId] : []))],
  };
}
