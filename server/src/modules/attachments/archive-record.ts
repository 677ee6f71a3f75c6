// The attached files' part of a dialogue's archive package (modules/archive-package): every file on
// the dialogue and on its answers (public and private), removed ones too with who removed them and
// why, each record naming where its bytes are in the package. The bytes go in exactly as stored
// (`files`, read from the blob store while the package streams). A draft, uploaded for an answer
// never sent, is no part of the record and stays out.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { ATTACHMENTS, type AttachmentDocument } from './documents.ts';

/** Where a file's bytes are in the package: its id keeps two files of the same name apart. */
const packagePath = (attachment: AttachmentDocument) => `attachments/${attachment._id}/${attachment.name}`;

export async function attachmentsArchiveRecord(store: Pick<DocumentStore, 'collection'>, dialogueId: string) {
  const attachments = await store
    .collection<AttachmentDocument>(ATTACHMENTS)
    .find({ dialogueId, on: { $in: ['dialogue', 'answer'] } }, { sort: { addedAt: 1, _id: 1 } });
  return {
    attachments: attachments.map((attachment) => ({
      id: attachment._id,
      on: attachment.on,
      threadId: attachment.threadId,
      postId: attachment.postId,
      name: attachment.name,
      fileType: attachment.fileType,
      size: attachment.size,
      /** The SHA-256 taken when it was uploaded; the manifest's line for `file` is taken as it was packed. */
      sha256AtUpload: attachment.sha256,
      addedBy: attachment.addedBy,
      addedByOrganisationId: attachment.addedByOrganisationId,
      addedAt: attachment.addedAt,
      addedAfterPublication: attachment.addition,
      removed: attachment.removed,
      file: packagePath(attachment),
    })),
    files: attachments.map((attachment) => ({ path: packagePath(attachment), blobId: attachment.blobId, size: attachment.size })),
    people: attachments.flatMap((attachment) => [attachment.addedBy, ...(attachment.removed ? [attachment.removed.by] : [])]),
    organisations: attachments.map((attachment) => attachment.addedByOrganisationId),
  };
}
