// CSV as RFC 4180 has it (comma-separated, CRLF line ends, a field with a comma, quote or line break
// in double quotes with its quotes doubled), UTF-8 with a byte-order mark so Excel reads å, ä and ö.
// A cell that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage
// return) is prefixed with an apostrophe: a supplier's text must not run in a buyer's spreadsheet.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export function csvText(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
