// Fetches an export (or an archive package) and hands it to the browser as a download under the
// name the server gave it. A refusal comes in tRPC's error shape (the export routes use it), so it
// becomes a TRPCClientError that the usual error texts describe.
import { archivePackagePath, qaExportPath, type ExportFormat, type Language } from '@dialogforum/contracts';
import { TRPCClientError } from '@trpc/client';
import { saveFile } from '../ui/save-file.ts';

/** Resolves with the file's name once the browser has it; rejects with a TRPCClientError. */
export function downloadExport(dialogueId: string, format: ExportFormat, language: Language): Promise<string> {
  return downloadFile(qaExportPath(dialogueId, format, language), `export.${format}`);
}

/** A dialogue's archive package (operators only). */
export function downloadArchivePackage(dialogueId: string): Promise<string> {
  return downloadFile(archivePackagePath(dialogueId), 'archive.zip');
}

async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch (error) {
    throw TRPCClientError.from(error instanceof Error ? error : new Error(String(error)));
  }
  if (!response.ok) throw TRPCClientError.from(await response.json().catch(() => new Error(`HTTP ${response.status}`)));
  const name = fileName(response.headers.get('content-disposition')) ?? fallbackName;
  saveFile(await response.blob(), name);
  return name;
}

/** The UTF-8 name (filename*=UTF-8''…) of a Content-Disposition header, else its plain one. */
export function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? null;
}
