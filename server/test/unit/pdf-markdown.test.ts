// Markdown in the PDF: ordinary posts are drawn formatted; a post whose markup would make the parser
// slow (or overflow its stack) is drawn as it was typed, so no post can stall or break an export.
import { describe, expect, it } from 'vitest';
import { PdfCanvas } from '../../src/modules/exports/pdf-canvas.ts';
import { parsesCheaply } from '@dialogforum/contracts';
import { drawMarkdown } from '../../src/modules/exports/pdf-markdown.ts';
import { readPdf } from '../support/pdf-text.ts';

const HOSTILE = {
  emphasis: `${'*'.repeat(9000)}x${'*'.repeat(9000)}`,
  quotes: `${'>'.repeat(5000)} djupt`,
  links: `${'['.repeat(5000)}x${'](http://a)'.repeat(1000)}`,
  lists: Array.from({ length: 300 }, (_, level) => `${' '.repeat(level * 2)}- nivå ${level}`).join('\n'),
  flatList: Array.from({ length: 400 }, (_, item) => `- punkt ${item}`).join('\n'),
};

async function drawn(source: string): Promise<string> {
  const canvas = new PdfCanvas({ title: 't', subject: 's', language: 'sv', createdAt: new Date() });
  drawMarkdown(canvas, source);
  // Long words carry invisible break opportunities (pdf-canvas.ts); a reader's copy would too.
  return (await readPdf(await canvas.finish())).text.replaceAll('\u200B', '').replace(/\s+/g, ' ');
}

describe('markdown in the PDF', () => {
  it('parses ordinary posts and draws them formatted', async () => {
    const post = 'Gäller **kravet** även för *mindre* leverantörer?\n\n- ett\n- två med [länk](https://example.org)\n\n> citat\n\n`kod` <b>html</b>';
    expect(parsesCheaply(post)).toBe(true);
    const text = await drawn(post);
    expect(text).toContain('Gäller kravet även för mindre leverantörer?');
    expect(text).toContain('• två med länk (https://example.org)');
    expect(text).toContain('citat');
    expect(text).not.toContain('<b>');
  });

  it('draws a post with more markup than any ordinary one as it was typed', async () => {
    for (const [name, source] of Object.entries(HOSTILE)) expect({ name, parses: parsesCheaply(source) }).toEqual({ name, parses: false });
    // Every one of the 18,000 asterisks is there: nothing was taken for emphasis.
    expect((await drawn(HOSTILE.emphasis)).match(/\*/g)?.length).toBe(18_000);
    expect(await drawn(HOSTILE.lists)).toContain('- nivå 299');
  });
});
