// The files a person attached, and those they removed, for their own data export. The files stay
// after an erasure, like the answers they belong to: they are part of the procurement's record and
// are shown under the buyer organisation, never the person's name. Drafts nobody published expire
// within a day (blob-sweep.ts).
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { dialogueTitles } from '../dialogues/queries.ts';
import { ATTACHMENTS, type AttachmentDocument } from './documents.ts';

export async function attachmentsPersonalData(store: DocumentStore, userId: string) {
  const attachments = store.collection<AttachmentDocument>(ATTACHMENTS);
  const [added, removed] = await Promise.all([
    attachments.find({ addedBy: userId }, { sort: { addedAt: 1 } }),
    attachments.find({ 'removed.by': userId }, { sort: { addedAt: 1 } }),
  ]);
  const titleOf = await dialogueTitles(store, [...new Set([...added, ...removed].map((attachment) => attachment.dialogueId))]);
  const dialogueOf = (attachment: AttachmentDocument) => titleOf.get(attachment.dialogueId) ?? attachment.dialogueId;
  return {
    attachmentsAdded: added.map((attachment) => ({
      id: attachment._id,
      name: attachment.name,
      dialogue: dialogueOf(attachment),
      on: attachment.on,
      size: attachment.size,
      addedAt: attachment.addedAt,
      removedAt: attachment.removed?.at ?? null,
    })),
    attachmentsRemoved: removed.map((attachment) => ({
      id: attachment._id,
      name: attachment.name,
      dialogue: dialogueOf(attachment),
      removedAt: attachment.removed?.at ?? null,
      reason: attachment.removed?.reason ?? null,
    })),
  };
}
