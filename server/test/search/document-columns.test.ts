import { describe, expect, it } from 'vitest';
import { DocumentColumns } from '../../src/platform/search/document-columns.ts';

const fact = { visibility: 0, readers: 0, kind: 0, answered: false, group: 0, dialogue: 0, arena: 0, phase: 0, createdAt: 0, length: 1 };

describe('the search index’s one-byte columns', () => {
  it('keep a visibility and a kind up to 255 exactly', () => {
    const columns = new DocumentColumns();
    columns.set(5000, { ...fact, visibility: 255, kind: 254 });
    expect(columns.visibility[5000]).toBe(255);
    expect(columns.kind[5000]).toBe(254);
  });

  it('refuse a 257th visibility or kind rather than wrap it round to another one’s code', () => {
    const columns = new DocumentColumns();
    expect(() => columns.set(1, { ...fact, visibility: 256 })).toThrow(RangeError);
    expect(() => columns.set(1, { ...fact, kind: 256 })).toThrow(RangeError);
    expect(columns.visibility[1]).toBe(0);
  });
});
