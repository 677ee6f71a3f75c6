// A PDF read back as a person's reader would: pdf.js (the legacy build, which runs in Node) extracts
// the text of every page, in order, with the document's metadata. Text drawn in pieces comes back
// joined; a line end becomes a newline.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfReading = {
  pages: string[];
  text: string;
  /** The document information: Title, Author, Language (the catalogue's /Lang) … */
  info: Record<string, unknown>;
  /** A tagged PDF (its structure read out by assistive technology). */
  tagged: boolean;
};

export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  // pdf.js takes the buffer over; give it a copy so the caller's bytes stay readable.
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    }
    const metadata = await document.getMetadata();
    const markInfo = await document.getMarkInfo();
    return { pages, text: pages.join('\n'), info: metadata.info as Record<string, unknown>, tagged: markInfo?.Marked === true };
  } finally {
    await document.destroy();
  }
}
