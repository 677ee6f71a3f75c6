/**
 * How much markup a post may carry and still be parsed as Markdown. The parser's time grows faster
 * than the text on some inputs (thousands of `*`, `[` or `>`, lists indented ever deeper: a minute
 * and a stack overflow for one 20,000-character post, measured in the PDF export). A post with more
 * markup than any ordinary one is shown as it was typed — on the web page and in the PDF alike — so
 * one hostile post cannot freeze every reader's browser or stall an export.
 */
const MAX_MARKUP_CHARACTERS = 300;
const MAX_LIST_LINES = 200;
const MARKUP = /[*_[\]>`<~\\]/g;
const DEEP_INDENT = /^[ \t]{12,}\S/m;
const LIST_LINE = /^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]/gm;

export function parsesCheaply(source: string): boolean {
  return (
    (source.match(MARKUP)?.length ?? 0) <= MAX_MARKUP_CHARACTERS &&
    (source.match(LIST_LINE)?.length ?? 0) <= MAX_LIST_LINES &&
    !DEEP_INDENT.test(source)
  );
}
