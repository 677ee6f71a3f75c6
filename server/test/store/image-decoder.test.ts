// The store decodes document images in JavaScript (image-decoder.ts) so that what it hands out is
// held by nobody else; what comes out must be exactly what v8.deserialize gives for every image
// v8.serialize writes, including what the decoder leaves to v8 (Buffers, Maps, BigInts, ...).
import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decodeImage, LEFT_TO_V8, readPlainImage } from '../../src/platform/store/image-decoder.ts';

const anything = fc.anything({
  withDate: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBigInt: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withBoxedValues: true,
  withObjectString: true,
  stringUnit: 'binary',
  maxDepth: 4,
});

it('decodes every value as v8.deserialize does', () => {
  fc.assert(
    fc.property(anything, (value) => {
      const image = serialize(value);
      expect(decodeImage(image)).toStrictEqual(deserialize(image));
    }),
    { numRuns: 2_000 },
  );
});

it('reads plain values itself: objects, arrays with holes, strings of any characters, numbers, dates', () => {
  const plain = fc.anything({ withDate: true, withSparseArray: true, stringUnit: 'binary', maxDepth: 4 });
  fc.assert(
    fc.property(plain, (value) => {
      const image = serialize(value);
      const read = readPlainImage(image);
      expect(read).not.toBe(LEFT_TO_V8);
      expect(read).toStrictEqual(deserialize(image));
    }),
    { numRuns: 2_000 },
  );
});

it('decodes documents as the store holds them: Swedish and other text, numbers, nested versions, dates', () => {
  const document = {
    _id: 'post-1',
    threadId: 'thread-1',
    kind: 'question',
    body: 'Vinterväghållning i Malmö – sensorer? 🚧',
    official: false,
    hidden: null,
    votes: -7,
    large: 2 ** 31 + 5,
    negative: -(2 ** 31),
    fraction: 0.1,
    zero: -0,
    missing: undefined,
    at: new Date('2026-11-26T23:00:00.000Z'),
    versions: [{ title: 'Första', body: 'Å ä ö', at: '2026-11-26T23:00:00.000Z', by: 'user-1', note: null }],
    holes: [1, , 3], // eslint-disable-line no-sparse-arrays
  };
  const image = serialize(document);
  expect(readPlainImage(image)).toStrictEqual(deserialize(image));
});

it('keeps one object met twice as one object, and a cycle as a cycle', () => {
  const shared = { name: 'delad' };
  const cyclic: Record<string, unknown> = { shared, again: shared };
  cyclic.self = cyclic;
  const decoded = decodeImage(serialize(cyclic)) as Record<string, unknown>;
  expect(decoded.again).toBe(decoded.shared);
  expect(decoded.self).toBe(decoded);
});

it('gives a property named __proto__ as an own property, never as the prototype', () => {
  const value = JSON.parse('{"__proto__": {"isAdmin": true}, "name": "x"}') as Record<string, unknown>;
  const decoded = decodeImage(serialize(value)) as Record<string, unknown>;
  expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  expect(decoded.isAdmin).toBeUndefined();
  expect(Object.keys(decoded)).toEqual(['__proto__', 'name']);
});

it('fails on a damaged image as v8.deserialize does', () => {
  const image = serialize({ body: 'text' });
  const cut = image.subarray(0, image.length - 3);
  expect(() => deserialize(cut)).toThrow();
  expect(() => decodeImage(cut)).toThrow();
});
