// The embedded store applies top-level `$set` and `$inc` itself and everything else through mingo
// (document-update.ts). Both must give the same document, and the same "changed or not", as mingo
// alone: mingo is the oracle here, called as the store called it before the direct path existed.
import fc from 'fast-check';
import { update as mingoUpdate } from 'mingo';
import type { Modifier } from 'mingo/updater';
import { describe, expect, it } from 'vitest';
import type { StoredDocument, Update } from '../../src/platform/store/document-store.ts';
import { updatedDocument, upsertedDocument } from '../../src/platform/store/document-update.ts';

type Fields = Record<string, unknown>;

/** What the store did before: mingo on a deep copy; null when it reports nothing changed. */
function byMingo(current: StoredDocument, operators: Fields, filter: Fields): StoredDocument | null {
  const next = structuredClone(current);
  const changed = mingoUpdate(next, operators as Modifier<StoredDocument>, undefined, filter, { cloneMode: 'deep' });
  return changed.length > 0 ? next : null;
}

/** A result, or that it was refused (a field named by two operators is a conflict for mingo as for MongoDB). */
function outcome<T>(run: () => T): { value: T } | { refused: true } {
  try {
    return { value: run() };
  } catch {
    return { refused: true };
  }
}

// Few names, so updates often hit fields the document has, and sometimes one of another type.
const fieldName = fc.constantFrom('seq', 'value', 'status', 'title', 'tags', 'meta', 'count');
const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: false }),
  fc.constantFrom('open', 'answered', ''),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ min: new Date(0), max: new Date(2_000_000_000_000), noInvalidDate: true }),
  fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  fc.record({ a: fc.integer({ min: 0, max: 2 }), b: fc.constantFrom('x', 'y') }),
);
const document = fc.dictionary(fieldName, value, { maxKeys: 5 }).map((fields) => ({ ...fields, _id: 'doc-1' }) as StoredDocument);
const incAmount = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -2, max: 2, noNaN: true }));
const update = fc.oneof(
  fc.record({ $set: fc.dictionary(fieldName, value, { minKeys: 1, maxKeys: 3 }) }),
  fc.record({ $inc: fc.dictionary(fieldName, incAmount, { minKeys: 1, maxKeys: 3 }) }),
  fc.record({ $set: fc.dictionary(fieldName, value, { minKeys: 1, maxKeys: 2 }), $inc: fc.dictionary(fieldName, incAmount, { minKeys: 1, maxKeys: 2 }) }),
);

describe('updatedDocument', () => {
  it('gives what mingo gives for top-level $set and $inc, changed or not', () => {
    fc.assert(
      fc.property(document, update, fc.boolean(), (current, generated, echo) => {
        // Often set a field to a copy of what it holds: equal, so nothing changes (an array, a date).
        const held = Object.keys(current).find((field) => field !== '_id');
        const operators: Fields = echo && held ? { ...generated, $set: { ...((generated as Fields)['$set'] as Fields | undefined), [held]: structuredClone(current[held]) } } : generated;
        const before = structuredClone(current);
        const ours = outcome(() => updatedDocument(current, operators as Update, { _id: 'doc-1' }));
        expect(ours).toEqual(outcome(() => byMingo(before, operators, { _id: 'doc-1' })));
        // The document in hand (the store's current image) is never changed in place.
        expect(current).toEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a copy of what it was given, never the update’s own object', () => {
    const tags = ['a'];
    const next = updatedDocument({ _id: 'd', tags: [] } as StoredDocument, { $set: { tags } }, { _id: 'd' });
    expect(next).toEqual({ _id: 'd', tags: ['a'] });
    tags.push('b');
    expect(next!['tags']).toEqual(['a']);
  });

  it('leaves what it does not apply itself to mingo: paths, positional updates, other operators, refused amounts', () => {
    const current = { _id: 'd', meta: { a: 1 }, items: [{ id: 'x', n: 1 }, { id: 'y', n: 1 }], list: [1], n: 1 } as StoredDocument;
    expect(updatedDocument(current, { $set: { 'meta.a': 2 } }, { _id: 'd' })).toEqual({ ...current, meta: { a: 2 } });
    expect(updatedDocument(current, { $inc: { 'items.$.n': 5 } }, { _id: 'd', 'items.id': 'y' })!['items']).toEqual([
      { id: 'x', n: 1 },
      { id: 'y', n: 6 },
    ]);
    expect(updatedDocument(current, { $push: { list: 2 } }, { _id: 'd' })!['list']).toEqual([1, 2]);
    expect(updatedDocument(current, { $set: { n: 1 }, $unset: { meta: '' } }, { _id: 'd' })).toEqual(byMingo(current, { $set: { n: 1 }, $unset: { meta: '' } }, { _id: 'd' }));
    expect(() => updatedDocument(current, { $inc: { n: 'one' } } as unknown as Update, { _id: 'd' })).toThrow();
    expect(() => updatedDocument(current, { $inc: { n: Number.NaN } }, { _id: 'd' })).toThrow();
  });
});

describe('upsertedDocument', () => {
  it('builds from the filter, then $set/$inc, then $setOnInsert, as MongoDB does', () => {
    const inserted = upsertedDocument({ _id: 'events', kind: 'counter' }, { $inc: { value: 1 }, $setOnInsert: { createdAt: 'now' } }, () => 'unused');
    expect(inserted).toEqual({ _id: 'events', kind: 'counter', value: 1, createdAt: 'now' });
  });
});
