import type { StoredFileFields } from '../../platform/files/receive-file.ts';
import type { RecordedActDocument } from '../threads/documents.ts';

/**
 * What an attachment is on: the dialogue itself, an official answer, or a draft — a file uploaded
 * for an answer being written to a thread, published with the answer (or expired unused).
 */
export type AttachmentPlace = 'dialogue' | 'answer' | 'draft';

/**
 * A file's record. Its bytes are in the blob store under `blobId` (the blob is written first); its
 * safe name, type, size and SHA-256 are the StoredFileFields every file record keeps.
 */
export type AttachmentDocument = StoredFileFields & {
  _id: string;
  dialogueId: string;
  on: AttachmentPlace;
  /** The thread of an answer or a draft; null on the dialogue. */
  threadId: string | null;
  /** The answer; null on the dialogue and for a draft. */
  postId: string | null;
  addedBy: string;
  addedByOrganisationId: string;
  addedAt: string;
  /** Added to an answer after it was published (a recorded addition). */
  addition: boolean;
  /** Removed from view, with why: never deleted. */
  removed: RecordedActDocument | null;
};

export const ATTACHMENTS = 'attachments';
