// Attachments: files the owning buyers attach to a dialogue and to official answers. Only PDF and
// office documents, told by their content (never by the name or the browser's type); uploaded as a
// raw body to plain HTTP routes (not tRPC's JSON), downloaded as attachments. These are the types,
// paths, header and views both sides agree on.
import { z } from 'zod';
import { idSchema, longText } from './inputs.ts';
import type { RecordedAct } from './threads.ts';

/**
 * What may be attached, with the content type a download is served as. Legacy binary Office files
 * (.doc, .xls, .ppt) are refused: their content cannot be told from a macro carrier without parsing
 * OLE, and every current office suite saves the formats below. So are CSV and plain text: no bytes
 * tell them apart from anything else, and a CSV opened in a spreadsheet runs formulas.
 */
export const ATTACHMENT_FILE_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;
export type AttachmentFileType = keyof typeof ATTACHMENT_FILE_TYPES;
export const ATTACHMENT_FILE_TYPE_NAMES = Object.keys(ATTACHMENT_FILE_TYPES) as AttachmentFileType[];

/**
 * Upload routes (POST, the file's bytes as the body, `Content-Type: application/octet-stream`, its
 * name in ATTACHMENT_NAME_HEADER) and the download route (GET). An upload to a thread is a draft for
 * the answer being written: the answer, publish or private-answer call names it in `attachmentIds`
 * and it is published with the answer, in the same moment.
 */
export const ATTACHMENT_ROUTES = {
  toDialogue: '/attachments/dialogues/:dialogueId',
  toAnswer: '/attachments/answers/:postId',
  draftForThread: '/attachments/drafts/:threadId',
  download: '/attachments/:attachmentId',
} as const;
export type AttachmentTarget = Exclude<keyof typeof ATTACHMENT_ROUTES, 'download'>;

export function attachmentUploadPath(target: AttachmentTarget, id: string): string {
  return ATTACHMENT_ROUTES[target].replace(/:\w+$/, encodeURIComponent(id));
}

export function attachmentDownloadPath(attachmentId: string): string {
  return ATTACHMENT_ROUTES.download.replace(':attachmentId', encodeURIComponent(attachmentId));
}

/** The file's name as the person chose it, percent-encoded UTF-8 (a header carries bytes, not text). */
export const ATTACHMENT_NAME_HEADER = 'x-file-name';

/** At most this many files on one dialogue, and on one answer (drafts included). */
export const MAX_ATTACHMENTS_PER_DIALOGUE = 30;
export const MAX_ATTACHMENTS_PER_ANSWER = 10;

/** The drafts an answer is published with (answer, publish and private-answer inputs). */
export const attachmentIdsInput = z.array(idSchema).max(MAX_ATTACHMENTS_PER_ANSWER).default([]);

export const dialogueAttachmentsInput = z.strictObject({ dialogueId: idSchema });
/** Removing hides, with a reason everyone sees: nothing is deleted. */
export const removeAttachmentInput = z.strictObject({ attachmentId: idSchema, reason: longText(3, 2000) });

export type AttachmentView = {
  id: string;
  /** Null once removed: readers see that a file was removed, when and why, not what. */
  name: string | null;
  fileType: AttachmentFileType;
  size: number;
  /** The buyer organisation that added it (people are not named: the buyers speak for their organisation). */
  organisationName: string;
  addedAt: string;
  /** Added to an official answer after the answer was published: shown as a later addition. */
  addition: boolean;
  removed: RecordedAct | null;
};

/** A dialogue's own attachments, and what the viewer may do with them. */
export type DialogueAttachments = {
  attachments: AttachmentView[];
  /** The owning buyers attach files and remove them. */
  canAttach: boolean;
  canRemove: boolean;
};

/** What the server accepts, for the upload form (it checks again). */
export type AttachmentRules = { maxBytes: number; fileTypes: AttachmentFileType[] };

/** The answer to an upload: the attachment as it is listed (201). */
export type UploadedAttachment = { attachment: AttachmentView };
