// An ordered index keeps each key as one string whose string order must be the index's order
// (index-key-text.ts): for any two values, their texts compare as compareIndexValues compares the
// values (MongoDB's order), reversed for a descending field, and a key's _id is found again after
// its values. A wrong order would be a wrong or missing answer from an index walk.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldText, valueEnd, valueText } from '../../src/platform/store/index-key-text.ts';
import { compareIndexValues, OrderedIndex } from '../../src/platform/store/ordered-index.ts';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const textOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Values that meet on purpose: strings that begin one another and hold U+0000, U+0001, U+0002 and
// lone surrogates; numbers around zero (-0, NaN, ±Infinity) and bigints equal to them; dates.
const scalar = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, -0.5, 2 ** 53, Number.MIN_VALUE, -Number.MAX_VALUE),
  fc.double(),
  fc.integer({ min: -3, max: 3 }).map((n) => BigInt(n)),
  fc.constantFrom('', 'a', 'a\u0000', 'a\u0000b', 'a\u0001', 'a\u0002', 'a ', 'a !', 'a!', 'a "', 'a#', 'ab', 'b', ' ', '\u0000', '\uffff', '\ud800', '\udc00a', 'é'),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constant(Number.NaN)).map((n) => new Date(n)),
  fc.constantFrom(/a/, /a/i, /b/),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('a', 'b', 'a\u0000', ''), tie('value'), { maxKeys: 3 }),
})).value;

describe('index key texts', () => {
  it('sort as compareIndexValues sorts the values, ascending and descending', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const order = sign(compareIndexValues(a ?? null, b ?? null));
        expect(textOrder(valueText(a), valueText(b))).toBe(order);
        expect(textOrder(fieldText(a, -1), fieldText(b, -1))).toBe(0 - order);
      }),
      { numRuns: 20_000 },
    );
  });

  it('are prefix-free and end where valueEnd says, also flipped', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const [ta, tb] = [valueText(a), valueText(b)];
        if (ta !== tb) expect(ta.startsWith(tb) || tb.startsWith(ta)).toBe(false);
        expect(valueEnd(ta + tb, 0, 0)).toBe(ta.length);
        expect(valueEnd(fieldText(a, -1) + fieldText(b, -1), 0, 0xffff)).toBe(ta.length);
      }),
      { numRuns: 20_000 },
    );
  });

  it('order whole keys field by field, then by _id, and give the _id back', () => {
    const index = new OrderedIndex({ keys: { a: 1, b: -1 } });
    const key = fc.tuple(value, value, fc.constantFrom('', 'x', 'x\u0000', 'x ', 'x !', 'y', '\uffff'));
    fc.assert(
      fc.property(key, key, ([a1, b1, id1], [a2, b2, id2]) => {
        const expected =
          sign(compareIndexValues(a1 ?? null, a2 ?? null)) || -sign(compareIndexValues(b1 ?? null, b2 ?? null)) || textOrder(id1, id2);
        const [k1, k2] = [index.keyOf([a1, b1], id1), index.keyOf([a2, b2], id2)];
        expect(textOrder(k1, k2)).toBe(expected);
        expect(index.idsWithValues([a1, b1])).toEqual([]);
      }),
      { numRuns: 10_000 },
    );
    // Through the tree: each document's key gives its _id back to a walk.
    index.add({ _id: 'x\u0000\uffff', a: 'a\u0000', b: [1, { c: null }] });
    expect(index.idsWithValues(['a\u0000', 1])).toEqual(['x\u0000\uffff']);
    expect(index.idsWithValues(['a\u0000', [1, { c: null }]])).toEqual(['x\u0000\uffff']);
    expect(index.idsWithValues(['a', 1])).toEqual([]);
  });
});
