import type { ArenaId, AttachmentFileType, Audience, Language, LibraryKind } from '@dialogforum/contracts';

/** What every version of an item holds: the whole item as it was then. */
export type LibraryContent = {
  kind: LibraryKind;
  arenaIds: ArenaId[];
  audiences: Audience[];
  language: Language;
  visibility: 'public' | 'registered';
  title: string;
  summary: string;
  body: string;
};

/** The item as it is now: its current version's content, copied here so lists read one document. */
export type LibraryItemDocument = LibraryContent & {
  _id: string;
  /** The current version's number (the first is 1). */
  version: number;
  /** The organisation it was published for; null for the platform (a moderator's). */
  organisationId: string | null;
  publishedBy: string;
  publishedAt: string;
  updatedAt: string;
  /** Withdrawn items stay readable with the reason; they are listed apart and change no more. */
  withdrawal: { at: string; by: string; reason: string } | null;
};

/** One version, never changed or deleted. */
export type LibraryVersionDocument = LibraryContent & {
  _id: string; // libraryVersionId(itemId, version)
  itemId: string;
  version: number;
  at: string;
  by: string;
  /** What changed; null for the first version. */
  note: string | null;
};

/**
 * A file attached to an item. Its bytes are in the blob store under `blobId`, written before this
 * record. Never changed or removed: a later version of the item keeps it.
 */
export type LibraryFileDocument = {
  _id: string;
  itemId: string;
  /** The item's version that was current when it was attached (the first is 1). */
  version: number;
  blobId: string;
  /** Made safe for display and for Content-Disposition (platform/files/attachment-name.ts). */
  name: string;
  fileType: AttachmentFileType;
  size: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
};

export const LIBRARY_ITEMS = 'libraryItems';
export const LIBRARY_VERSIONS = 'libraryVersions';
export const LIBRARY_FILES = 'libraryFiles';

export function libraryVersionId(itemId: string, version: number): string {
  return `${itemId}:${version}`;
}
