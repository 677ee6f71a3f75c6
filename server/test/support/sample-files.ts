// Files as office suites and PDF writers make them, for attachment tests: a PDF drawn by pdfkit,
// OOXML documents laid out as Word, Excel and PowerPoint write them ([Content_Types].xml, the
// relationships, the main part), ODF documents as LibreOffice writes them (an uncompressed
// `mimetype` first, a manifest, content.xml) — and things that only pretend to be one.
import PDFDocument from 'pdfkit';
import { zipArchive, type ZipInput } from './zip-archive.ts';

export async function samplePdf(text = 'Förfrågningsunderlag'): Promise<Buffer> {
  const document = new PDFDocument({ size: 'A4', info: { Title: text } });
  const parts: Buffer[] = [];
  document.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise((resolve) => document.on('end', resolve));
  document.text(text);
  document.end();
  await ended;
  return Buffer.concat(parts);
}

const OOXML = {
  docx: { folder: 'word', main: 'document.xml', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' },
  xlsx: { folder: 'xl', main: 'workbook.xml', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' },
  pptx: { folder: 'ppt', main: 'presentation.xml', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' },
} as const;

export function sampleOoxml(kind: keyof typeof OOXML, options: { mainType?: string; extra?: ZipInput[]; omitMain?: boolean } = {}): Buffer {
  const { folder, main, type } = OOXML[kind];
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${folder}/${main}" ContentType="${options.mainType ?? type}"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${folder}/${main}"/></Relationships>`;
  return zipArchive([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rels },
    ...(options.omitMain ? [] : [{ name: `${folder}/${main}`, data: `<?xml version="1.0"?><root>Kravspecifikation</root>` }]),
    { name: 'docProps/core.xml', data: '<?xml version="1.0"?><cp:coreProperties xmlns:cp="x"/>' },
    ...(options.extra ?? []),
  ]);
}

const ODF = {
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;

export function sampleOdf(kind: keyof typeof ODF, options: { extra?: ZipInput[] } = {}): Buffer {
  return zipArchive([
    { name: 'mimetype', data: ODF[kind], stored: true },
    { name: 'content.xml', data: '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
    { name: 'META-INF/manifest.xml', data: `<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="${ODF[kind]}"/></manifest:manifest>` },
    ...(options.extra ?? []),
  ]);
}

/** A Windows program: what a renamed .exe really is. */
export function sampleExe(): Buffer {
  const bytes = Buffer.alloc(4096);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}
