// Exports of a dialogue's published questions and answers, for the procurement's records: a PDF
// document ("Frågor och svar"), CSV (one row per post) and JSON as an Open Contracting Data Standard
// release with `tender.enquiries`. They are plain downloads (GET, session cookie), not tRPC calls, so
// a browser saves them as files; these are the paths and the query both sides agree on.
import { z } from 'zod';
import { languageSchema, type Language } from './inputs.ts';

export const EXPORT_FORMATS = ['pdf', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The query of an export: the language of its texts (the document, CSV headings, hidden-post notes). */
export const qaExportQuery = z.strictObject({ language: languageSchema.optional() });

export function qaExportPath(dialogueId: string, format: ExportFormat, language: Language): string {
  return `/exports/dialogues/${encodeURIComponent(dialogueId)}/qa.${format}?language=${language}`;
}

/** A dialogue's archive package (a ZIP for the agency's registry): operators only. */
export const ARCHIVE_PACKAGE_ROUTE = '/exports/dialogues/:dialogueId/archive.zip';

export function archivePackagePath(dialogueId: string): string {
  return ARCHIVE_PACKAGE_ROUTE.replace(':dialogueId', encodeURIComponent(dialogueId));
}
