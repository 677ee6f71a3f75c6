// Markdown that people wrote (questions, answers, comments), drawn into the PDF as the web page shows
// it: paragraphs, emphasis, lists, quotes and code, each a tagged structure element so a screen
// reader reads the document in order. Raw HTML is left out, as on the page; a link is its text
// followed by its address, and only http(s) and mailto addresses are made clickable.
import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { parsesCheaply } from '@dialogforum/contracts';
import type { PdfCanvas } from './pdf-canvas.ts';

type RunStyle = { bold?: boolean; italic?: boolean; mono?: boolean; link?: string };
export type Run = RunStyle & { text: string };

/** Deeper quotes and lists than this are drawn at this depth, as plain text: a page has a width. */
const MAX_DEPTH = 6;
const INDENT = 14;
const CLICKABLE = /^(https?:|mailto:)/i;

/** A post with more markup than any ordinary one (contracts' markdown budget) is drawn as it was typed. */
export function drawMarkdown(canvas: PdfCanvas, source: string, options: { indent?: number; muted?: boolean } = {}): void {
  const depth = options.indent ?? 0;
  const muted = options.muted ?? false;
  const typed = () => canvas.paragraph([{ text: source }], { indent: Math.min(depth, MAX_DEPTH) * INDENT, muted });
  if (!parsesCheaply(source)) return typed();
  let blocks: RootContent[];
  try {
    blocks = fromMarkdown(source).children;
  } catch {
    return typed();
  }
  drawBlocks(canvas, blocks, depth, muted);
}


function drawBlocks(canvas: PdfCanvas, nodes: RootContent[], depth: number, muted: boolean): void {
  for (const node of nodes) {
    const style = { indent: Math.min(depth, MAX_DEPTH) * INDENT, muted };
    switch (node.type) {
      case 'paragraph':
        canvas.paragraph(runsOf(node.children, {}), style);
        break;
      case 'heading':
        canvas.paragraph(runsOf(node.children, { bold: true }), style);
        break;
      case 'code':
        canvas.paragraph([{ text: node.value, mono: true }], { ...style, structure: 'Code' });
        break;
      case 'blockquote':
        if (depth >= MAX_DEPTH) canvas.paragraph([{ text: plainText(node) }], style);
        else canvas.group('BlockQuote', () => drawBlocks(canvas, node.children, depth + 1, true));
        break;
      case 'list':
        if (depth >= MAX_DEPTH) {
          canvas.paragraph([{ text: plainText(node) }], style);
          break;
        }
        canvas.group('L', () =>
          node.children.forEach((item, index) => {
            const label = node.ordered ? `${(node.start ?? 1) + index}. ` : '• ';
            canvas.group('LI', () => drawListItem(canvas, item.children, label, depth, muted));
          }),
        );
        break;
      case 'thematicBreak':
        canvas.rule(style.indent);
        break;
      case 'table':
        canvas.paragraph([{ text: plainText(node) }], style);
        break;
      default:
        // html (left out, as the page does), definitions, footnotes, front matter: nothing to draw.
        break;
    }
  }
}

/** A list item: its label before the first paragraph, the rest of it indented beneath. */
function drawListItem(canvas: PdfCanvas, children: RootContent[], label: string, depth: number, muted: boolean): void {
  const [first, ...rest] = children;
  const indent = Math.min(depth, MAX_DEPTH) * INDENT;
  if (first?.type === 'paragraph') {
    canvas.paragraph([{ text: label }, ...runsOf(first.children, {})], { indent, muted });
    drawBlocks(canvas, rest, depth + 1, muted);
  } else {
    canvas.paragraph([{ text: label }], { indent, muted });
    drawBlocks(canvas, children, depth + 1, muted);
  }
}

export function runsOf(nodes: PhrasingContent[], style: RunStyle): Run[] {
  return nodes.flatMap((node): Run[] => {
    switch (node.type) {
      case 'text':
        return [{ ...style, text: node.value }];
      case 'strong':
        return runsOf(node.children, { ...style, bold: true });
      case 'emphasis':
        return runsOf(node.children, { ...style, italic: true });
      case 'delete':
        return runsOf(node.children, style);
      case 'inlineCode':
        return [{ ...style, mono: true, text: node.value }];
      case 'break':
        return [{ ...style, text: '\n' }];
      case 'link': {
        const text = runsOf(node.children, CLICKABLE.test(node.url) ? { ...style, link: node.url } : style);
        const shown = text.map((run) => run.text).join('');
        return shown === node.url ? text : [...text, { ...style, text: ` (${node.url})` }];
      }
      case 'image':
        return [{ ...style, text: node.alt ? `${node.alt} (${node.url})` : node.url }];
      case 'linkReference':
        return runsOf(node.children, style);
      case 'imageReference':
        return node.alt ? [{ ...style, text: node.alt }] : [];
      default:
        // html and footnote references: left out, as on the page.
        return [];
    }
  });
}

/** All the text under a node, without recursion (a deeply nested quote must not exhaust the stack). */
function plainText(root: Nodes): string {
  const parts: string[] = [];
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'html') continue;
    if ('value' in node && typeof node.value === 'string') parts.push(node.value);
    if ('children' in node) {
      for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as Nodes);
      if (node.type === 'paragraph' || node.type === 'listItem') parts.push(' ');
    }
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}
