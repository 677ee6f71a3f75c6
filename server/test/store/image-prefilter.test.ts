// A scan skips decoding images that cannot match (image-prefilter.ts). It may only ever skip
// non-matches: for random documents (strings held by V8 as Latin-1 or as UTF-16, in arrays and
// nested objects) and random filters, every document the filter matches passes the prefilter.

import { serialize } from 'node:v8';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { documentMatcher } from '../../src/platform/store/document-matcher.ts';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { imagePrefilter } from '../../src/platform/store/image-prefilter.ts';

/** The same characters, held by V8 as a two-byte string (a slice of one): v8 then writes UTF-16. */
const heldAsUtf16 = (text: string) => `\u20ac${text}`.slice(1);

/** fast-check's records have no prototype; documents and filters from JSON have Object's. */
const plain = <T extends object>(record: T): T => ({ ...record });
const word = fc.constantFrom('x', 'xy', 'åsa', 'Åsa', '€ a', 'user-1', 'user-10');
const text = fc.oneof(word, word.map(heldAsUtf16));
const value = fc.oneof(text, fc.integer({ min: 0, max: 2 }), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.record({ c: text }).map(plain));
const document = fc.record({ a: value, b: value }, { requiredKeys: [] }).map(plain);
const condition = fc.oneof(text, fc.integer({ min: 0, max: 2 }), fc.record({ $ne: text }).map(plain), fc.record({ $in: fc.array(text, { maxLength: 2 }) }).map(plain));
const fields = fc.record({ a: condition, b: condition, 'b.c': condition }, { requiredKeys: [] }).map(plain);
const filter = fc.oneof(
  fields,
  fc.record({ $or: fc.array(fc.record({ a: text }).map(plain), { minLength: 1, maxLength: 2 }) }).map(plain),
  fc.record({ $and: fc.array(fields, { minLength: 1, maxLength: 2 }), b: condition }, { requiredKeys: ['$and'] }).map(plain),
);

it('lets every image through whose document the filter matches', () => {
  fc.assert(
    fc.property(fc.array(document, { minLength: 1, maxLength: 20 }), filter, (fields, where) => {
      const mayMatch = imagePrefilter(where);
      const matches = documentMatcher(where);
      for (const [n, each] of fields.entries()) {
        const stored = { _id: `d${n}`, ...each } as StoredDocument;
        if (matches(stored) && mayMatch !== null) expect(mayMatch(serialize(stored))).toBe(true);
      }
    }),
    { numRuns: 3_000 },
  );
});

it('skips an image without the string, and cannot tell for $or', () => {
  const mayMatch = imagePrefilter({ authorId: 'user-7', hidden: null })!;
  expect(mayMatch(serialize({ _id: 'p1', authorId: 'user-8' }))).toBe(false);
  expect(mayMatch(serialize({ _id: 'p2', authorId: heldAsUtf16('user-7') }))).toBe(true);
  expect(mayMatch(serialize({ _id: 'p3', authorId: 'user-7' }))).toBe(true);
  expect(imagePrefilter({ $and: [{ threadId: 't1' }, { authorId: 'user-7' }] })!(serialize({ _id: 'p4', threadId: 't1', authorId: 'user-8' }))).toBe(false);
  expect(imagePrefilter({ $or: [{ authorId: 'user-7' }] })).toBeNull();
  expect(imagePrefilter({ votes: 3 })).toBeNull();
  // A top-level operator's string ($comment's, say) is no field's value.
  expect(imagePrefilter({ $comment: 'user-7' })).toBeNull();
});
