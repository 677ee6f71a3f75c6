// The library versions a person wrote and the files they attached, for their own data export. They stay after an erasure: the
// library is published material, shown under its organisation (or the platform), never a name.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { LIBRARY_FILES, LIBRARY_VERSIONS, type LibraryFileDocument, type LibraryVersionDocument } from './documents.ts';

export async function libraryPersonalData(store: DocumentStore, userId: string) {
  const versions = await store.collection<LibraryVersionDocument>(LIBRARY_VERSIONS).find({ by: userId }, { sort: { at: 1 } });
  const files = await store.collection<LibraryFileDocument>(LIBRARY_FILES).find({ addedBy: userId }, { sort: { addedAt: 1 } });
  return {
    libraryVersions: versions.map((version) => ({ itemId: version.itemId, version: version.version, title: version.title, at: version.at, note: version.note })),
    libraryFiles: files.map((file) => ({ itemId: file.itemId, version: file.version, name: file.name, size: file.size, addedAt: file.addedAt })),
  };
}
