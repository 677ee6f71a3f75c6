import { describe, expect, it } from 'vitest';
import { pseudonymLabel } from '../../src/modules/threads/pseudonym-label.ts';

describe('pseudonymLabel', () => {
  it('counts A…Z, then AA, AB … like spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(pseudonymLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('never gives two askers the same label', () => {
    const labels = new Set(Array.from({ length: 2000 }, (_, i) => pseudonymLabel(i)));
    expect(labels.size).toBe(2000);
  });
});
