// Reading attachments as a viewer may: a dialogue's own files, one file to download, and the names
// everyone may read (for search; an export may list them too). What a viewer may not see answers as
// if it did not exist.
import type { DialogueAttachments } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayAttachTo, mayDownloadAttachment, mayRemoveAttachment } from '../../platform/policy/attachment-policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import { visiblePost } from '../threads/thread-access.ts';
import { attachmentViews } from './attachment-views.ts';
import { ATTACHMENTS, type AttachmentDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export async function dialogueAttachments(store: DocumentStore, actor: Actor | null, dialogueId: string): Promise<DialogueAttachments> {
  const dialogue = await visibleDialogue(store, actor, dialogueId);
  const attachments = await store.collection<AttachmentDocument>(ATTACHMENTS).find({ dialogueId, on: 'dialogue' }, { sort: { addedAt: 1 } });
  return {
    attachments: await attachmentViews(store, attachments),
    canAttach: mayAttachTo(actor, dialogue),
    canRemove: mayRemoveAttachment(actor, dialogue),
  };
}

const MISSING = 'No such attachment';

/** The attachment if the actor may download it, with its dialogue; otherwise NOT_FOUND, as for an id that names nothing. */
export async function downloadableAttachment(store: Readable, actor: Actor | null, attachmentId: string): Promise<{ attachment: AttachmentDocument; dialogue: DialogueDocument }> {
  const attachment = await store.collection<AttachmentDocument>(ATTACHMENTS).findOne({ _id: attachmentId });
  if (!attachment) throw new AppError('NOT_FOUND', MISSING);
  let dialogue: DialogueDocument;
  let onHiddenPost = false;
  if (attachment.on === 'answer') {
    const found = await visiblePost(store, actor, attachment.postId ?? '').catch(() => {
      throw new AppError('NOT_FOUND', MISSING);
    });
    dialogue = found.dialogue;
    onHiddenPost = found.post.hidden !== null;
  } else {
    dialogue = await visibleDialogue(store, actor, attachment.dialogueId, MISSING);
  }
  const facts = { removed: attachment.removed !== null, onHiddenPost, draftOf: attachment.on === 'draft' ? attachment.addedBy : null };
  if (!mayDownloadAttachment(actor, facts)) throw new AppError('NOT_FOUND', MISSING);
  return { attachment, dialogue };
}

/** The names of a dialogue's own files everyone who sees the dialogue may read (not removed ones). */
export async function publicDialogueAttachmentNames(store: Readable, dialogueId: string): Promise<string[]> {
  const attachments = await store.collection<AttachmentDocument>(ATTACHMENTS).find({ dialogueId, on: 'dialogue', removed: null }, { sort: { addedAt: 1 } });
  return attachments.map((attachment) => attachment.name);
}

/**
 * The names of these answers' files that are not removed, by answer. Whether an answer itself is
 * for everyone (published, not private, not hidden) is the caller's to decide.
 */
export async function answerAttachmentNames(store: Readable, postIds: string[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (postIds.length === 0) return names;
  const attachments = await store.collection<AttachmentDocument>(ATTACHMENTS).find({ postId: { $in: postIds }, on: 'answer', removed: null }, { sort: { addedAt: 1 } });
  for (const attachment of attachments) names.set(attachment.postId ?? '', [...(names.get(attachment.postId ?? '') ?? []), attachment.name]);
  return names;
}

/** Every name everyone may read, by dialogue (its own files) and by answer: for rebuilding the search index. */
export async function everyPublicAttachmentName(store: Readable): Promise<{ byDialogue: Map<string, string[]>; byPost: Map<string, string[]> }> {
  const attachments = await store.collection<AttachmentDocument>(ATTACHMENTS).find({ on: { $in: ['dialogue', 'answer'] }, removed: null }, { sort: { addedAt: 1 } });
  const byDialogue = new Map<string, string[]>();
  const byPost = new Map<string, string[]>();
  for (const attachment of attachments) {
    const [map, key] = attachment.on === 'dialogue' ? [byDialogue, attachment.dialogueId] : [byPost, attachment.postId ?? ''];
    map.set(key, [...(map.get(key) ?? []), attachment.name]);
  }
  return { byDialogue, byPost };
}
