// Posts are markdown, but search indexes and shows words: link targets, emphasis markers and HTML
// tags are noise in the index, and a snippet must be plain text because the client renders it as
// text. This is a rough reduction, not a markdown parser: it only has to keep the words a reader
// sees, in order, on one line.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function plainTextFromMarkdown(markdown: string): string {
  return (
    markdown
      // Fences and indented-code markers go; the code itself stays searchable.
      .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*$/gm, ' ')
      // Reference definitions ("[1]: https://…") are not part of the visible text.
      .replace(/^ {0,3}\[[^\]\n]+\]:[^\n]*$/gm, ' ')
      // Images keep their alt text, links their label.
      .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
      .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
      .replace(/\[([^\]\n]*)\]\[[^\]\n]*\]/g, '$1')
      // Autolinks keep their address; other HTML tags and comments go.
      .replace(/<((?:https?|mailto):[^>\s]+)>/gi, '$1')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
      // Line-leading block markers: headings, quotes, list bullets and numbers, rules, table pipes.
      .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
      .replace(/^[ \t]*#{1,6}[ \t]+/gm, '')
      .replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, '')
      .replace(/^[ \t]*(?:[-*_][ \t]*){3,}$/gm, ' ')
      .replace(/^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/gm, ' ')
      .replace(/\|/g, ' ')
      // Inline markers: code ticks, emphasis, strike-through, unless escaped with a backslash. An
      // underscore inside a word (snake_case) is part of the word, so only runs at a word edge are
      // markers.
      .replace(/(?<!\\)`+/g, '')
      .replace(/(?<!\\)(?:\*+|~~)/g, '')
      .replace(/(^|[^\p{L}\p{N}\\])_+|(?<!\\)_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
      // Backslash escapes show the escaped character.
      .replace(/\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#')) {
    const codePoint = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
  }
  return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
}
