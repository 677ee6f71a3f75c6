// A tagged A4 PDF (pdfkit) with an embedded font that has every letter people write here: DejaVu
// Sans (Bitstream Vera licence, free to embed; pdfkit embeds only the glyphs used). The standard
// PDF fonts know WinAnsi only: å, ä, ö and é, but not ł, ő, Greek or Cyrillic. Everything drawn is
// a structure element (document, headings, paragraphs, lists) or an artifact (page footers, rules),
// so the PDF reads in order with a screen reader and carries its language and title.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Run } from './pdf-markdown.ts';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let parsedFonts: Record<FontName, fontkit.Font> | null = null;
/**
 * Read and parsed once per process (a face is ~700 kB; parsing it costs more than drawing a short
 * record). pdfkit takes a parsed font as it is and keeps each document's subset to itself.
 */
function fonts(): Record<FontName, fontkit.Font> {
  parsedFonts ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [name, fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))) as fontkit.Font]),
  ) as Record<FontName, fontkit.Font>;
  return parsedFonts;
}

const MARGIN = { top: 56, left: 56, right: 56, bottom: 64 };
const TEXT = '#1a1a1a';
/** Contrast 7.4:1 on white, for dates and other details. */
const MUTED = '#555555';
export const BODY_SIZE = 10.5;
export const DETAIL_SIZE = 8.5;

export type ParagraphStyle = {
  indent?: number;
  muted?: boolean;
  size?: number;
  /** The structure element: a paragraph unless said (H1–H3 for headings, Code). */
  structure?: string;
  /** Space after the paragraph, in points. */
  gap?: number;
};

export type DocumentInfo = { title: string; subject: string; language: 'sv' | 'en'; createdAt: Date; author?: string };

export class PdfCanvas {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;
  private readonly parents: PDFKit.PDFStructureElement[];

  constructor(info: DocumentInfo) {
    const faces = fonts();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      // No default font: pdfkit would open its Helvetica, or (given ours) open ours again at every
      // switch back to it by name. Fonts registered by name are opened once per document.
      font: null as unknown as string,
      tagged: true,
      displayTitle: true,
      lang: info.language === 'sv' ? 'sv-SE' : 'en-GB',
      pdfVersion: '1.7',
      info: { Title: info.title, Subject: info.subject, Author: info.author ?? 'Dialogforum', Creator: 'Dialogforum', CreationDate: info.createdAt },
    });
    for (const name of Object.keys(FONT_FILES) as FontName[]) this.doc.registerFont(name, faces[name] as unknown as string);
    this.doc.font('regular');
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    const root = this.doc.struct('Document');
    this.doc.addStructure(root);
    this.parents = [root];
  }

  private get contentWidth(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get parent(): PDFKit.PDFStructureElement {
    return this.parents[this.parents.length - 1] as PDFKit.PDFStructureElement;
  }

  /** One paragraph of runs (bold, italic, code, links) wrapped to the page width. */
  paragraph(runs: Run[], style: ParagraphStyle = {}): void {
    const visible = runs.filter((run) => run.text.length > 0);
    if (visible.length === 0) return;
    const indent = style.indent ?? 0;
    const doc = this.doc;
    this.parent.add(
      doc.struct(style.structure ?? 'P', {}, () => {
        visible.forEach((run, index) => {
          doc.font(fontOf(run)).fontSize(style.size ?? BODY_SIZE).fillColor(style.muted ? MUTED : TEXT);
          const options: PDFKit.Mixins.TextOptions = {
            width: this.contentWidth - indent,
            continued: index < visible.length - 1,
            link: run.link ?? null,
            underline: run.link !== undefined,
            lineGap: 1.5,
            paragraphGap: style.gap ?? 5,
          };
          const text = breakable(run.text);
          if (index === 0) doc.text(text, MARGIN.left + indent, doc.y, options);
          else doc.text(text, options);
        });
      }),
    );
  }

  /** A structure element holding what `draw` adds (a list, a list item, a quote, a section). */
  group(structure: string, draw: () => void): void {
    const element = this.doc.struct(structure);
    this.parent.add(element);
    this.parents.push(element);
    try {
      draw();
    } finally {
      this.parents.pop();
      element.end();
    }
  }

  /** A thin line across the text column: decoration, not content. */
  rule(indent = 0): void {
    const doc = this.doc;
    const y = doc.y + 4;
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .moveTo(MARGIN.left + indent, y)
      .lineTo(MARGIN.left + this.contentWidth, y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.endMarkedContent();
    doc.y = y + 10;
  }

  space(points: number): void {
    this.doc.y += points;
  }

  /** Starts a new page unless `points` fit on this one (a heading is not left alone at a page's foot). */
  keepTogether(points: number): void {
    if (this.doc.y + points > this.doc.page.height - MARGIN.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** Writes a footer on every page once the pages are known: `left` at the left, `right(n, total)` at the right. */
  footers(left: string, right: (page: number, total: number) => string): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let index = 0; index < range.count; index++) {
      doc.switchToPage(range.start + index);
      // Below the bottom margin: without lifting it, pdfkit would start a new page for the footer.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - MARGIN.bottom + 24;
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.font('regular').fontSize(DETAIL_SIZE).fillColor(MUTED);
      const rightText = right(index + 1, range.count);
      const rightWidth = doc.widthOfString(rightText);
      doc.text(this.fitted(left, this.contentWidth - rightWidth - 16), MARGIN.left, y, { lineBreak: false });
      doc.text(rightText, MARGIN.left + this.contentWidth - rightWidth, y, { lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }

  /** `text` shortened with an ellipsis to fit `width` on one line in the current font. */
  private fitted(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    const characters = [...text];
    while (characters.length > 0 && this.doc.widthOfString(`${characters.join('')}…`) > width) characters.pop();
    return `${characters.join('').trimEnd()}…`;
  }

  async finish(): Promise<Buffer> {
    (this.parents[0] as PDFKit.PDFStructureElement).end();
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}

/**
 * pdfkit breaks a word wider than the line by measuring ever shorter pieces of it, which takes time
 * in the square of its length: a 20,000-character "word" would take minutes. Long words get an
 * invisible break opportunity (zero-width space) every 40 characters instead.
 */
const LONG_WORD = /\S{60,}/gu;
function breakable(text: string): string {
  return text.replace(LONG_WORD, (word) => word.replace(/\S{40}/gu, '$&\u200B'));
}

function fontOf(run: Run): FontName {
  if (run.mono) return 'mono';
  if (run.bold && run.italic) return 'boldItalic';
  if (run.bold) return 'bold';
  return run.italic ? 'italic' : 'regular';
}
