// Every thread page starts by reading its dialogue, to check that the viewer may see it and to learn
// its change counter. The store keeps documents encoded, so that read decoded the whole dialogue on
// every page: the largest item of a cached page's own path (docs/benchmarks.md, §2). A node keeps
// the dialogues it read, frozen, while the store's count of writes to the dialogues collection
// stays the same: any write to any dialogue (made registered-only, archived, a new question) moves
// it, so nothing is served from a dialogue older than the store's. On MongoDB other nodes write too
// and the store gives no count: there every read goes to the store. Only what is kept is shared;
// whoever reads it decides, on every read, whether the viewer may see it (visibleKeptDialogue).
import type { ViewCache, ViewCaches } from '../../platform/cache/view-cache.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { DIALOGUES, type DialogueDocument } from './documents.ts';

/** Dialogues by id, each with the collection's write count it was read at. */
export type KeptDialogues = ViewCache<DialogueDocument>;

export function keptDialogues(caches: ViewCaches): KeptDialogues {
  return caches.named<DialogueDocument>('dialogues');
}

/**
 * The dialogue as the store holds it now, or null when there is none. Frozen through and through
 * and shared by every reader of this node: change nothing in it (a change throws).
 */
export async function keptDialogue(store: DocumentStore, kept: KeptDialogues, dialogueId: string): Promise<DialogueDocument | null> {
  // Counted before the read: a write landing during the read only makes the next reader read again.
  const writes = store.writeCount(DIALOGUES);
  if (writes !== null) {
    const cached = kept.get(dialogueId, writes);
    if (cached !== undefined) return cached;
  }
  const dialogue = await store.collection<DialogueDocument>(DIALOGUES).findOne({ _id: dialogueId });
  // A missing dialogue is not kept: ids nobody has are not worth memory.
  if (dialogue !== null && writes !== null) kept.set(dialogueId, writes, frozen(dialogue));
  return dialogue;
}

function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}
