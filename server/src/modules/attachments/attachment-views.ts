// Attachments as readers see them: the file's name, type, size, the buyer organisation that added
// it and when; a removed one shows when and why, not what. The same for every viewer who may see
// where it is attached, so thread views stay one per audience.
import type { AttachmentView } from '@dialogforum/contracts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { organisationSummaries } from '../organisations/queries.ts';
import { ATTACHMENTS, type AttachmentDocument } from './documents.ts';

type Readable = Pick<DocumentStore, 'collection'>;

export async function attachmentViews(store: Readable, attachments: AttachmentDocument[]): Promise<AttachmentView[]> {
  const organisations = await organisationSummaries(store, attachments.map((attachment) => attachment.addedByOrganisationId));
  return attachments.map((attachment) => ({
    id: attachment._id,
    name: attachment.removed ? null : attachment.name,
    fileType: attachment.fileType,
    size: attachment.size,
    organisationName: organisations.get(attachment.addedByOrganisationId)?.name ?? '',
    addedAt: attachment.addedAt,
    addition: attachment.addition,
    removed: attachment.removed ? { at: attachment.removed.at, reason: attachment.removed.reason } : null,
  }));
}

/** The files on each of these answers, oldest first (drafts are on no answer yet). */
export async function answerAttachmentViews(store: Readable, postIds: string[]): Promise<Map<string, AttachmentView[]>> {
  const byPost = new Map<string, AttachmentView[]>();
  if (postIds.length === 0) return byPost;
  const attachments = await store.collection<AttachmentDocument>(ATTACHMENTS).find({ postId: { $in: postIds }, on: 'answer' }, { sort: { addedAt: 1 } });
  const views = await attachmentViews(store, attachments);
  attachments.forEach((attachment, index) => {
    const list = byPost.get(attachment.postId ?? '') ?? [];
    list.push(views[index]!);
    byPost.set(attachment.postId ?? '', list);
  });
  return byPost;
}
