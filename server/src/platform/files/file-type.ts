// What a file is, told by its bytes: the only types Dialogforum accepts as attachments are PDF and
// office documents (packages/contracts/src/attachments.ts). The name and the browser's MIME type
// say what someone claims; this says what the file is.
//   PDF: the file starts with "%PDF-" and a version digit.
//   OOXML (docx, xlsx, pptx): a ZIP whose [Content_Types].xml declares exactly one main document
//     part of the type, and that part is in the archive. Macro-enabled parts (docm, xlsm, pptm) and
//     VBA projects are refused: a macro is a program.
//   ODF (odt, ods, odp): a ZIP with a `mimetype` entry naming the type, a manifest and content.xml,
//     and no Basic or script folders (macros again).
// Anything else (HTML, scripts, executables, any other ZIP) is refused.
import type { AttachmentFileType } from '@dialogforum/contracts';
import { NotAZipError, readZipEntry, zipDirectory, type ReadBytes, type ZipEntry } from './zip-directory.ts';

const PDF = /^%PDF-\d/;
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const MAX_MANIFEST_BYTES = 512 * 1024;

const OOXML_MAIN_PARTS: Record<string, AttachmentFileType> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};
const ODF_TYPES: Record<string, AttachmentFileType> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** Enough of the start to tell a PDF or a ZIP from anything else, while the upload is still arriving. */
export const HEAD_BYTES = 8;

/** Whether the first bytes can begin an accepted file: lets an upload be refused before it is all read. */
export function mayBeginAcceptedFile(head: Buffer): boolean {
  const start = head.subarray(0, HEAD_BYTES);
  return couldBe(start, Buffer.from('%PDF-')) || couldBe(start, ZIP_LOCAL_HEADER);
}

/** The accepted type the file is, or null when it is none of them. */
export async function fileTypeOf(read: ReadBytes, size: number): Promise<AttachmentFileType | null> {
  const head = await read(0, HEAD_BYTES);
  if (PDF.test(head.toString('latin1'))) return 'pdf';
  if (!head.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) return null;
  try {
    const entries = await zipDirectory(read, size);
    if (entries.some(carriesMacros)) return null;
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    const contentTypes = byName.get('[Content_Types].xml');
    if (contentTypes) return ooxmlType((await readZipEntry(read, contentTypes, MAX_MANIFEST_BYTES)).toString('utf8'), byName);
    const mimetype = byName.get('mimetype');
    if (mimetype) return odfType((await readZipEntry(read, mimetype, 200)).toString('latin1'), byName);
    return null;
  } catch (error) {
    if (error instanceof NotAZipError) return null;
    throw error;
  }
}

function ooxmlType(contentTypes: string, entries: Map<string, ZipEntry>): AttachmentFileType | null {
  const found = new Set<AttachmentFileType>();
  for (const override of contentTypes.match(/<Override\b[^>]*>/g) ?? []) {
    const contentType = attribute(override, 'ContentType');
    const partName = attribute(override, 'PartName');
    if (contentType === null || partName === null) continue;
    if (/macroEnabled/i.test(contentType)) return null;
    const type = OOXML_MAIN_PARTS[contentType];
    // A declared main part that is not in the archive is a claim, not a document.
    if (type && entries.has(partName.replace(/^\//, ''))) found.add(type);
  }
  // Two kinds of main part in one file is no document a suite would write.
  return found.size === 1 ? [...found][0]! : null;
}

function odfType(mimetype: string, entries: Map<string, ZipEntry>): AttachmentFileType | null {
  const type = ODF_TYPES[mimetype];
  if (!type || !entries.has('META-INF/manifest.xml') || !entries.has('content.xml')) return null;
  return type;
}

/** VBA projects (OOXML), Basic and script folders (ODF). */
function carriesMacros(entry: ZipEntry): boolean {
  const name = entry.name.toLowerCase();
  return name.endsWith('vbaproject.bin') || name.startsWith('basic/') || name.startsWith('scripts/');
}

function attribute(element: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(element);
  return match ? (match[2] ?? match[3] ?? null) : null;
}

function couldBe(start: Buffer, signature: Buffer): boolean {
  const length = Math.min(start.length, signature.length);
  return start.subarray(0, length).equals(signature.subarray(0, length));
}
