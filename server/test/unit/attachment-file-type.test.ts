// What a file is, told by its content (file-type.ts): PDF and the office documents we accept are
// recognised; anything dressed up as one — by its name, its first bytes or a ZIP that is not a
// document — is not, and no byte sequence makes the check throw.
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileTypeOf, mayBeginAcceptedFile } from '../../src/platform/files/file-type.ts';
import { samplePdf, sampleExe, sampleOdf, sampleOoxml } from '../support/sample-files.ts';
import { zipArchive } from '../support/zip-archive.ts';

/** Reads ranges of an in-memory file, as the upload route reads them from the blob store. */
const typeOf = (bytes: Uint8Array) => {
  const file = Buffer.from(bytes);
  return fileTypeOf(async (start, length) => file.subarray(start, start + length), file.length);
};

describe('accepted files, told by their content', () => {
  it('recognises a PDF', async () => {
    expect(await typeOf(await samplePdf())).toBe('pdf');
  });

  it.each(['docx', 'xlsx', 'pptx'] as const)('recognises %s by the main part its [Content_Types].xml declares', async (kind) => {
    expect(await typeOf(sampleOoxml(kind))).toBe(kind);
  });

  it.each(['odt', 'ods', 'odp'] as const)('recognises %s by its mimetype entry', async (kind) => {
    expect(await typeOf(sampleOdf(kind))).toBe(kind);
  });

  it.each([
    ['kravspecifikation.docx', 'docx'],
    ['priser.xlsx', 'xlsx'],
    ['presentation.pptx', 'pptx'],
  ] as const)('recognises %s, written by a real generator', async (file, kind) => {
    expect(await typeOf(await readFile(join(import.meta.dirname, '..', 'fixtures', 'office', file)))).toBe(kind);
  });
});

describe('refused files', () => {
  const refused: [string, () => Promise<Buffer> | Buffer][] = [
    ['HTML with a script, named like a PDF', () => Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>')],
    ['JavaScript', () => Buffer.from('fetch("/trpc/accounts.me").then((r) => r.text()).then(alert)')],
    ['a PDF header after other bytes (a polyglot starting as HTML)', async () => Buffer.concat([Buffer.from('<html>'), await samplePdf()])],
    ['a Windows program', () => sampleExe()],
    ['a legacy binary Office file (OLE)', () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000)])],
    ['an empty file', () => Buffer.alloc(0)],
    ['a ZIP of anything', () => zipArchive([{ name: 'readme.txt', data: 'hej' }, { name: 'run.sh', data: 'rm -rf /' }])],
    ['a ZIP that claims a Word part it does not hold', () => sampleOoxml('docx', { omitMain: true })],
    ['a macro-enabled Word document (docm)', () => sampleOoxml('docx', { mainType: 'application/vnd.ms-word.document.macroEnabled.main+xml' })],
    ['a document carrying a VBA project', () => sampleOoxml('xlsx', { extra: [{ name: 'xl/vbaProject.bin', data: 'Attribute VB_Name' }] })],
    ['an ODF document with Basic macros', () => sampleOdf('odt', { extra: [{ name: 'Basic/Standard/Module1.xml', data: '<script/>' }] })],
    ['an ODF archive of another type', () => zipArchive([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.graphics', stored: true }, { name: 'content.xml', data: '<x/>' }, { name: 'META-INF/manifest.xml', data: '<m/>' }])],
    ['an archive whose [Content_Types].xml is a zip bomb', () => zipArchive([{ name: '[Content_Types].xml', data: ' '.repeat(20 * 1024 * 1024) }, { name: 'word/document.xml', data: '<x/>' }])],
    ['a zip bomb whose headers lie about its size', () => zipArchive([{ name: '[Content_Types].xml', data: ' '.repeat(20 * 1024 * 1024), claimedSize: 100 }, { name: 'word/document.xml', data: '<x/>' }])],
    ['a self-extracting archive (a program with a document appended)', () => Buffer.concat([sampleExe(), sampleOoxml('docx')])],
    ['a document cut short', () => sampleOoxml('docx').subarray(0, 300)],
    ['a document claiming two kinds of main part', () => zipArchive([
      { name: '[Content_Types].xml', data: '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>' },
      { name: 'word/document.xml', data: '<x/>' },
      { name: 'xl/workbook.xml', data: '<x/>' },
    ])],
  ];
  it.each(refused)('refuses %s', async (_label, make) => {
    expect(await typeOf(await make())).toBeNull();
  });

  it('refuses at the first bytes what can begin no accepted file, before the upload is all read', () => {
    expect(mayBeginAcceptedFile(Buffer.from('%PDF-1.7'))).toBe(true);
    expect(mayBeginAcceptedFile(Buffer.from([0x50, 0x4b, 0x03]))).toBe(true);
    expect(mayBeginAcceptedFile(Buffer.from('%PD'))).toBe(true);
    expect(mayBeginAcceptedFile(Buffer.from('<html>'))).toBe(false);
    expect(mayBeginAcceptedFile(Buffer.from('MZ'))).toBe(false);
    expect(mayBeginAcceptedFile(Buffer.from([0xd0, 0xcf]))).toBe(false);
  });
});

describe('no bytes make the check throw', () => {
  it('damaged documents (bytes changed, cut, or added anywhere) are told apart or refused, never a crash', async () => {
    const originals = [sampleOoxml('docx'), sampleOdf('ods'), sampleOoxml('pptx')];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 12 }),
        fc.option(fc.nat()),
        async (original, changes, cutAt) => {
          let bytes = Buffer.from(original);
          for (const { at, byte } of changes) bytes[at % bytes.length] = byte;
          if (cutAt !== null) bytes = bytes.subarray(0, cutAt % (bytes.length + 1));
          const type = await typeOf(bytes);
          expect(type === null || ['docx', 'ods', 'pptx'].includes(type)).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('random bytes starting like a ZIP or a PDF', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('PK\x03\x04', 'PK\x05\x06', '%PDF-1.'), fc.uint8Array({ maxLength: 4000 }), async (start, rest) => {
        const type = await typeOf(Buffer.concat([Buffer.from(start, 'latin1'), rest]));
        expect(type === null || type === 'pdf').toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
