// Files on an arena library item (issue 11 §2): its publisher — a person of the organisation it was
// published for, or a moderator — attaches PDF and office documents, received and served exactly as
// every attachment is (the same upload route shape, content rules, size limit and download headers,
// see attachments.ts); everyone who may read the item downloads them. A file belongs to the item
// version that was current when it was attached; later versions keep every earlier file, and
// nothing is removed. A withdrawn item's files are no longer served.
import type { AttachmentFileType } from './attachments.ts';

/** Upload (POST, the file's bytes as the body, its name in ATTACHMENT_NAME_HEADER) and download (GET). */
export const LIBRARY_FILE_ROUTES = {
  toLibraryItem: '/attachments/library-items/:itemId',
  download: '/attachments/library-files/:fileId',
} as const;

export function libraryFileUploadPath(itemId: string): string {
  return LIBRARY_FILE_ROUTES.toLibraryItem.replace(':itemId', encodeURIComponent(itemId));
}

export function libraryFileDownloadPath(fileId: string): string {
  return LIBRARY_FILE_ROUTES.download.replace(':fileId', encodeURIComponent(fileId));
}

/** At most this many files on one library item, over all its versions. */
export const MAX_FILES_PER_LIBRARY_ITEM = 20;

export type LibraryItemFileView = {
  id: string;
  name: string;
  fileType: AttachmentFileType;
  size: number;
  addedAt: string;
  /** The item's version that was current when it was attached. */
  version: number;
};

/** The answer to an upload (201). */
export type UploadedLibraryItemFile = { file: LibraryItemFileView };
