// Files in a buyers' network's own library: a member's person attaches PDF and office documents to
// an item, received and served exactly as every attachment is (the same upload route shape, content
// rules, size limit and download headers, see attachments.ts), and read only by the network's
// members. A file belongs to the item version that was current when it was attached; later
// versions keep every earlier file, and nothing is removed.
import type { AttachmentFileType } from './attachments.ts';

/** Upload (POST, the file's bytes as the body, its name in ATTACHMENT_NAME_HEADER) and download (GET). */
export const NETWORK_FILE_ROUTES = {
  toNetworkItem: '/attachments/network-items/:itemId',
  download: '/attachments/network-files/:fileId',
} as const;

export function networkFileUploadPath(itemId: string): string {
  return NETWORK_FILE_ROUTES.toNetworkItem.replace(':itemId', encodeURIComponent(itemId));
}

export function networkFileDownloadPath(fileId: string): string {
  return NETWORK_FILE_ROUTES.download.replace(':fileId', encodeURIComponent(fileId));
}

/** At most this many files on one library item, over all its versions. */
export const MAX_FILES_PER_NETWORK_ITEM = 20;

export type NetworkItemFileView = {
  id: string;
  name: string;
  fileType: AttachmentFileType;
  size: number;
  /** The member organisation whose person attached it. */
  organisationName: string;
  addedAt: string;
  /** The item's version that was current when it was attached. */
  version: number;
};

/** The answer to an upload (201). */
export type UploadedNetworkItemFile = { file: NetworkItemFileView };
