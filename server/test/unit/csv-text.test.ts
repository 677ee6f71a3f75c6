// CSV cells: RFC 4180 quoting, and nothing a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../../src/modules/exports/csv-text.ts';

describe('csvCell', () => {
  it('prefixes with an apostrophe every cell that starts like a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example")`);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
      expect({ start, cell: unquoted }).toEqual({ start, cell: `'${start}HYPERLINK("http://evil.example")` });
    }
  });

  it('leaves other cells as they are, quoting only those that need it', () => {
    expect(csvCell('Hej på dig')).toBe('Hej på dig');
    expect(csvCell(' =inte först')).toBe(' =inte först');
    expect(csvCell('2026-03-01T12:00:00.000Z')).toBe('2026-03-01T12:00:00.000Z');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('säger "hej"')).toBe('"säger ""hej"""');
    expect(csvCell('rad ett\nrad två')).toBe('"rad ett\nrad två"');
    expect(csvCell('\rtext')).toBe(`"'\rtext"`);
  });
});

describe('csvText', () => {
  it('starts with a byte-order mark and ends every record with CRLF', () => {
    expect(csvText([['a', 'b'], ['1', '=2']])).toBe("\uFEFFa,b\r\n1,'=2\r\n");
  });
});
