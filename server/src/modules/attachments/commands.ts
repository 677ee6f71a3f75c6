// Attachments' state changes. A file is recorded after its bytes are durable in the blob store, in
// one transaction with its event and the change stamp that pushes it live: a record therefore never
// names a missing blob, and a crash between the two leaves only a blob no record names, which the
// sweep removes (blob-sweep.ts). Nothing is deleted: removing hides a file with a recorded reason.
import { MAX_ATTACHMENTS_PER_ANSWER, MAX_ATTACHMENTS_PER_DIALOGUE, type AttachmentTarget } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Clock } from '../../platform/clock.ts';
import { storedFileFields, type StoredFile } from '../../platform/files/receive-file.ts';
import { appendEvent } from '../../platform/events/event-log.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayRemoveAttachment } from '../../platform/policy/attachment-policy.ts';
import type { MemberActor } from '../../platform/policy/policy.ts';
import type { DocumentStore, Filter, TransactionScope } from '../../platform/store/document-store.ts';
import { nextDialogueChange } from '../dialogues/change-counter.ts';
import type { DialogueDocument } from '../dialogues/documents.ts';
import { visibleDialogue } from '../dialogues/queries.ts';
import type { ThreadDocument } from '../threads/documents.ts';
import { visiblePost } from '../threads/thread-access.ts';
import { changeThread } from '../threads/thread-writes.ts';
import { resolveTarget, type ResolvedTarget } from './attachment-target.ts';
import { ATTACHMENTS, type AttachmentDocument } from './documents.ts';

export type AttachmentDeps = { store: DocumentStore; clock: Clock; onCommit: () => void };

/** Refuses an upload before its body is read: where it goes, who sends it, and whether there is room. */
export async function checkUpload(store: DocumentStore, actor: MemberActor, target: AttachmentTarget, id: string): Promise<void> {
  await refuseWhenFull(store, actor, await resolveTarget(store, actor, target, id));
}

export async function recordUpload(deps: AttachmentDeps, actor: MemberActor, target: AttachmentTarget, id: string, file: StoredFile): Promise<AttachmentDocument> {
  const at = deps.clock.now().toISOString();
  const attachment = await deps.store.withTransaction(async (scope) => {
    const resolved = await resolveTarget(scope, actor, target, id);
    await refuseWhenFull(scope, actor, resolved);
    const record: AttachmentDocument = {
      _id: newId(),
      dialogueId: resolved.dialogue._id,
      on: resolved.target === 'toDialogue' ? 'dialogue' : resolved.target === 'toAnswer' ? 'answer' : 'draft',
      threadId: resolved.target === 'toDialogue' ? null : resolved.thread._id,
      postId: resolved.target === 'toAnswer' ? resolved.post._id : null,
      ...storedFileFields(file),
      addedBy: actor.userId,
      addedByOrganisationId: actor.organisationId,
      addedAt: at,
      addition: resolved.target === 'toAnswer',
      removed: null,
    };
    await scope.collection<AttachmentDocument>(ATTACHMENTS).insertOne(record);
    const subject = { attachmentId: record._id, by: actor.userId };
    if (resolved.target === 'toDialogue') {
      await nextDialogueChange(scope, resolved.dialogue._id);
      await appendEvent(scope, 'dialogue.attachment_added', resolved.dialogue._id, subject, at);
    } else if (resolved.target === 'toAnswer') {
      await changeThread(scope, resolved.thread);
      await appendEvent(scope, 'answer.attachment_added', resolved.dialogue._id, { ...subject, threadId: resolved.thread._id, postId: resolved.post._id }, at);
    }
    // A draft is the buyer's work in progress: nobody else sees it until the answer is published.
    return record;
  });
  if (attachment.on !== 'draft') deps.onCommit();
  return attachment;
}

/**
 * Inside an answering command's transaction: the drafts its author uploaded for this thread become
 * the new answer's files, published with it. A draft that is not theirs, not for this thread, or
 * expired answers as a missing one.
 */
export async function attachDrafts(scope: TransactionScope, actor: Actor, thread: Pick<ThreadDocument, '_id'>, postId: string, attachmentIds: string[], at: string): Promise<void> {
  const ids = [...new Set(attachmentIds)];
  if (ids.length === 0) return;
  const attachments = scope.collection<AttachmentDocument>(ATTACHMENTS);
  const drafts = await attachments.find({ _id: { $in: ids }, on: 'draft', threadId: thread._id, addedBy: actor.userId });
  if (drafts.length !== ids.length) throw new AppError('NOT_FOUND', 'No such upload: it may have expired; attach the file again');
  for (const draft of drafts) {
    await attachments.updateOne({ _id: draft._id, on: 'draft' }, { $set: { on: 'answer', postId, addedAt: at } });
  }
}

export async function removeAttachment(deps: AttachmentDeps, actor: Actor, attachmentId: string, reason: string): Promise<void> {
  const at = deps.clock.now().toISOString();
  let changed = false;
  await deps.store.withTransaction(async (scope) => {
    const attachments = scope.collection<AttachmentDocument>(ATTACHMENTS);
    const attachment = await attachments.findOne({ _id: attachmentId });
    if (!attachment || attachment.on === 'draft') throw new AppError('NOT_FOUND', 'No such attachment');
    const place = await placeOf(scope, actor, attachment);
    if (!mayRemoveAttachment(actor, place.dialogue)) throw new AppError('FORBIDDEN', 'Only the buyers of this dialogue and moderators remove files');
    // Removing a removed file again changes nothing, so it records nothing.
    if (attachment.removed) return;
    await attachments.updateOne({ _id: attachmentId }, { $set: { removed: { at, by: actor.userId, reason } } });
    const subject = { attachmentId, by: actor.userId };
    if (place.thread) {
      await changeThread(scope, place.thread);
      await appendEvent(scope, 'answer.attachment_removed', attachment.dialogueId, { ...subject, threadId: place.thread._id, postId: attachment.postId ?? '' }, at);
    } else {
      await nextDialogueChange(scope, attachment.dialogueId);
      await appendEvent(scope, 'dialogue.attachment_removed', attachment.dialogueId, subject, at);
    }
    changed = true;
  });
  if (changed) deps.onCommit();
}

/** The dialogue (and the answer's thread) an attachment is on, as the actor may see it; else as missing. */
async function placeOf(scope: TransactionScope, actor: Actor, attachment: AttachmentDocument): Promise<{ dialogue: DialogueDocument; thread: ThreadDocument | null }> {
  if (attachment.on === 'dialogue') return { dialogue: await visibleDialogue(scope, actor, attachment.dialogueId, 'No such attachment'), thread: null };
  const { dialogue, thread } = await visiblePost(scope, actor, attachment.postId ?? '').catch(() => {
    throw new AppError('NOT_FOUND', 'No such attachment');
  });
  return { dialogue, thread };
}

async function refuseWhenFull(store: Pick<DocumentStore, 'collection'>, actor: Actor, resolved: ResolvedTarget): Promise<void> {
  // Removed files count: they are still kept. Drafts count towards the answer they are for.
  const [filter, limit]: [Filter, number] =
    resolved.target === 'toDialogue'
      ? [{ dialogueId: resolved.dialogue._id, on: 'dialogue' }, MAX_ATTACHMENTS_PER_DIALOGUE]
      : resolved.target === 'toAnswer'
        ? [{ postId: resolved.post._id, on: 'answer' }, MAX_ATTACHMENTS_PER_ANSWER]
        : [{ threadId: resolved.thread._id, on: 'draft', addedBy: actor.userId }, MAX_ATTACHMENTS_PER_ANSWER];
  const count = await store.collection<AttachmentDocument>(ATTACHMENTS).countDocuments(filter);
  if (count >= limit) throw new AppError('TOO_MANY_ATTACHMENTS', `At most ${limit} files here`);
}

export async function ensureAttachmentIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(ATTACHMENTS, [
    { keys: { dialogueId: 1, addedAt: 1 }, name: 'dialogue' },
    { keys: { postId: 1, addedAt: 1 }, name: 'post' },
    { keys: { threadId: 1 }, name: 'thread' },
    { keys: { blobId: 1 }, unique: true, name: 'blob' },
    { keys: { on: 1, addedAt: 1 }, name: 'place' },
  ]);
}
