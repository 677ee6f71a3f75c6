/** The n-th asker's letter, spreadsheet-column style: 0 → A, 25 → Z, 26 → AA. */
export function pseudonymLabel(index: number): string {
  let label = '';
  for (let n = index; n >= 0; n = Math.floor(n / 26) - 1) {
    label = String.fromCharCode(65 + (n % 26)) + label;
  }
  return label;
}
