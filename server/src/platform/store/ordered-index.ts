// A declared index of the embedded store, kept in MongoDB's order in a B+ tree (sorted-btree):
// one entry per document (per array element, for an array field) with the key
// [value of field 1, …, value of field n, _id], each field ascending or descending as declared,
// held as one string whose string order is that order (index-key-text.ts).
//
// It serves what the forum reads: equality on leading fields (`{ threadId }`, `$eq`, `$in`), then a
// range on the next field (`$gt`, `$gte`, `$lt`, `$lte`), walked in either direction so a sort on
// the following fields comes out in order and a limit stops the walk (newest-first lists, the
// audit log by sequence, a thread's posts by date). Entries are candidates: the store still tests
// each with the whole filter, so the index must never miss a document but need not be exact.
//
// Keys follow MongoDB's multikey rule: an array value is indexed under each of its elements (and as
// a whole, so equality on the whole array finds it). A missing field is indexed like null, so a
// unique index rejects a second document without the field, as MongoDB does. Scalars are ordered as
// mingo sorts documents without an index (MongoDB's BSON order).

import { createRequire } from 'node:module';
import type BTreeClass from 'sorted-btree';
import type { bulkLoad as BulkLoad } from 'sorted-btree/extended/bulkLoad';
import type { IndexSpec, StoredDocument } from './document-store.ts';
import { AFTER_EVERY_CONTINUATION, fieldText, ID_MARK, valueEnd } from './index-key-text.ts';

// sorted-btree is CommonJS with its class on `default`; Node's ESM import would hand us the module.
const require = createRequire(import.meta.url);
const BTree = (require('sorted-btree') as { default: typeof BTreeClass }).default;
const { bulkLoad } = require('sorted-btree/extended/bulkLoad') as { bulkLoad: typeof BulkLoad };

/** Index values followed by the document's _id, as text that sorts in the index's order (index-key-text.ts). */
export type IndexKey = string;

const compareKeys = (a: IndexKey, b: IndexKey): number => (a < b ? -1 : a > b ? 1 : 0);

const BRANCHING = 64;

export class OrderedIndex {
  readonly name: string;
  readonly fields: readonly string[];
  readonly directions: readonly (1 | -1)[];
  readonly unique: boolean;
  /** True once any document had an array in an indexed field: the walk may then meet it twice. */
  multikey = false;
  private tree: BTreeClass<IndexKey, undefined>;
  /** Each field's path, split once. */
  private readonly paths: readonly string[][];
  /** Each field's flip mask in the key text: 0 ascending, 0xFFFF descending. */
  private readonly flips: readonly number[];

  constructor(private readonly spec: IndexSpec) {
    this.name = spec.name ?? defaultIndexName(spec.keys);
    this.fields = Object.keys(spec.keys);
    this.directions = Object.values(spec.keys);
    this.unique = spec.unique ?? false;
    this.paths = this.fields.map((field) => field.split('.'));
    this.flips = this.directions.map((direction) => (direction === 1 ? 0 : 0xffff));
    this.tree = new BTree<IndexKey, undefined>(undefined, compareKeys, BRANCHING);
  }

  /**
   * What saved keys must have been built for: the fields in their order, each one's direction, and
   * uniqueness (the name aside: an index renamed is the same index). An index with a dotted field
   * also names the rule its keys follow on update (`arrayPaths: 2`): until 2026-11-26 an update of
   * an array on the path kept the old keys (see sameKeys), and keys saved then may lack some, so
   * such an index is built from the documents once instead of loaded.
   */
  get declaration(): string {
    const declared = { keys: Object.entries(this.spec.keys), unique: this.unique };
    return JSON.stringify(this.fields.some((field) => field.includes('.')) ? { ...declared, arrayPaths: 2 } : declared);
  }

  /**
   * Every entry in order as it is now, read lazily from a copy-on-write clone of the tree (cloning
   * costs nothing; the live tree copies a shared node when it next changes it), so keys can be
   * written out while the index goes on changing.
   */
  entriesAsOfNow(): IterableIterator<IndexKey> {
    return new KeysInOrder(this.tree.clone());
  }

  /** Whether another document in the index holds one of `document`'s unique keys. */
  holdsDuplicateOf(document: StoredDocument): boolean {
    return this.uniqueKeysOf(document).some((values) => this.idsWithValues(values).some((id) => id !== document._id));
  }

  declares(spec: IndexSpec): boolean {
    return (
      JSON.stringify(Object.entries(spec.keys)) === JSON.stringify(Object.entries(this.spec.keys)) &&
      (spec.unique ?? false) === this.unique
    );
  }

  get size(): number {
    return this.tree.size;
  }

  /**
   * Indexes every document at once from their keys (collectKeys): sorting them and loading the
   * tree is far faster than inserting them. Returns false, indexing nothing, when a unique index
   * finds a duplicate. Sorts `keys` in place.
   */
  loadKeys(keys: IndexKey[]): boolean {
    // One pass drops repeated keys in place (a copy would be another array as long as the index)
    // and checks the order. Saved keys come in order, so they are not sorted at all (a sort would
    // compare every neighbour once more just to find so); keys out of order (a build's) are
    // sorted, and the pass starts again.
    for (let sorted = false; ; sorted = true) {
      let kept = 0;
      let next = 0;
      for (; next < keys.length; next += 1) {
        const key = keys[next]!;
        if (kept > 0) {
          const previous = keys[kept - 1]!;
          if (previous > key) break;
          if (previous === key) continue;
          if (this.unique && this.sameValues(previous, key)) return false;
        }
        keys[kept++] = key;
      }
      if (next === keys.length) {
        keys.length = kept;
        this.tree = bulkLoad(keys, new Array<undefined>(kept), BRANCHING, compareKeys);
        return true;
      }
      if (sorted) throw new Error('bug: index keys out of order after sorting');
      // Keep what the pass kept and what it did not reach, then sort them all.
      keys.copyWithin(kept, next);
      keys.length = kept + keys.length - next;
      // The default sort compares strings by their UTF-16 code units: the keys' order.
      keys.sort();
    }
  }

  add(document: StoredDocument): void {
    for (const key of this.collectKeys(document, [])) this.tree.set(key, undefined);
  }

  remove(document: StoredDocument): void {
    for (const key of this.collectKeys(document, [])) this.tree.delete(key);
  }

  /** Whether `before` and `after` are indexed under the same keys (an update the index need not see). */
  sameKeys(before: StoredDocument, after: StoredDocument): boolean {
    for (const field of this.fields) {
      const a = valueAt(before, field);
      const b = valueAt(after, field);
      // A path through an array (`members.organisationId`) has a key per element, which valueAt
      // does not see: such an update is taken as moving the document, or it would keep its old keys.
      if (a === THROUGH_ARRAY || b === THROUGH_ARRAY) return false;
      if (compareIndexValues(a ?? null, b ?? null) !== 0) return false;
    }
    return true;
  }

  /** The keys a unique index compares: each combination of the indexed fields' values, without _id. */
  uniqueKeysOf(document: StoredDocument): unknown[][] {
    return this.valueCombinations(document);
  }

  /** Ids of committed documents indexed under exactly `values` (a combination from uniqueKeysOf). */
  idsWithValues(values: unknown[]): string[] {
    const ids: string[] = [];
    // Value texts are prefix-free: a key begins with these values' text only if it holds them.
    const prefix = this.valuesText(values) + ID_MARK;
    for (const key of this.tree.keys(prefix)) {
      if (!key.startsWith(prefix)) break;
      ids.push(key.slice(prefix.length));
    }
    return ids;
  }

  /** Whether two keys hold equal values in every indexed field (their _ids aside). */
  private sameValues(a: IndexKey, b: IndexKey): boolean {
    const end = this.valuesEnd(a);
    return end === this.valuesEnd(b) && a.startsWith(b.slice(0, end));
  }

  /** Ids in the tree's order (or reversed) from `start` through `end`, both in tree order. */
  *walk(range: KeyRange, direction: 1 | -1): Generator<string> {
    if (direction === 1) {
      for (const key of this.tree.keys(range.start)) {
        if (key > range.end) return;
        yield this.idOf(key);
      }
    } else {
      for (const [key] of this.tree.entriesReversed(range.end)) {
        if (key < range.start) return;
        yield this.idOf(key);
      }
    }
  }

  /**
   * The key of a document holding `values` in the indexed fields, in their order: one flat string
   * (joined, where `+` would make a rope of its parts, several objects until something flattens it).
   */
  keyOf(values: readonly unknown[], id: string): IndexKey {
    const parts = new Array<string>(values.length + 2);
    for (let i = 0; i < values.length; i += 1) parts[i] = fieldText(values[i], this.directions[i]!);
    parts[values.length] = ID_MARK;
    parts[values.length + 1] = id;
    return parts.join('');
  }

  /** The text of the first `values.length` fields holding `values`: what keys with them begin with. */
  valuesText(values: readonly unknown[]): string {
    let text = '';
    for (let i = 0; i < values.length; i += 1) text += fieldText(values[i], this.directions[i]!);
    return text;
  }

  /** Where the indexed values end in `key` (its ID_MARK). */
  private valuesEnd(key: IndexKey): number {
    let at = 0;
    for (const flip of this.flips) at = valueEnd(key, at, flip);
    return at;
  }

  private idOf(key: IndexKey): string {
    return key.slice(this.valuesEnd(key) + ID_MARK.length);
  }

  /** Appends the document's keys to `into` and returns it. */
  collectKeys(document: StoredDocument, into: IndexKey[]): IndexKey[] {
    const fields = this.paths.length;
    const values = new Array<unknown>(fields);
    for (let i = 0; i < fields; i += 1) {
      const value = singleIndexedValue(document, this.paths[i]!);
      if (value === SEVERAL) {
        for (const combination of this.valueCombinations(document)) into.push(this.keyOf(combination, document._id));
        return into;
      }
      values[i] = value;
    }
    into.push(this.keyOf(values, document._id));
    return into;
  }

  private valueCombinations(document: StoredDocument): unknown[][] {
    let keys: unknown[][] = [[]];
    for (const field of this.fields) {
      const values = indexedValuesAt(document, field);
      if (values.length > 1) this.multikey = true;
      keys = values.length === 1 ? keys.map((key) => (key.push(values[0]), key)) : keys.flatMap((key) => values.map((value) => [...key, value]));
    }
    return keys;
  }
}

/** Keys from `start` through `end`, in tree order. */
export type KeyRange = { start: string; end: string };

/** Bounds on one field, inclusive or not, in the field's value order (not the tree's). */
export type FieldBounds = { lower?: { value: unknown; inclusive: boolean }; upper?: { value: unknown; inclusive: boolean } };

/** Keys copied out of the tree at a time by KeysInOrder. */
const KEYS_PER_BATCH = 1_024;
const STOP_WALK = { break: true };
const WALKED: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A tree's keys in order, read a batch at a time, without an object per key. The tree's own
 * iterator makes one per key: at a compaction's saving of a million posts' keys that was millions
 * of objects for the young generation to sweep while the loop served requests. Each step hands
 * back the same result object (a for…of reads it at once). The tree must not change meanwhile
 * (entriesAsOfNow walks a clone).
 */
class KeysInOrder implements IterableIterator<IndexKey> {
  private readonly batch: IndexKey[] = new Array<IndexKey>(KEYS_PER_BATCH).fill('');
  private count = 0;
  private at = 0;
  /** The last key of the batch before (the next batch's walk begins at it and leaves it out). */
  private after: IndexKey | undefined = undefined;
  private ended: boolean;
  private readonly step: IteratorYieldResult<IndexKey> = { done: false, value: '' };
  private readonly take = (key: IndexKey) => {
    if (key === this.after) return undefined;
    this.batch[this.count++] = key;
    return this.count === KEYS_PER_BATCH ? STOP_WALK : undefined;
  };

  constructor(private readonly tree: BTreeClass<IndexKey, undefined>) {
    this.ended = tree.size === 0;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<IndexKey> {
    if (this.at === this.count && !this.ended) this.walkOn();
    if (this.at === this.count) return WALKED;
    this.step.value = this.batch[this.at++]!;
    return this.step;
  }

  private walkOn(): void {
    this.count = 0;
    this.at = 0;
    this.tree.forRange(this.after ?? this.tree.minKey()!, this.tree.maxKey()!, true, this.take);
    // A batch not filled: the walk reached the last key.
    if (this.count < KEYS_PER_BATCH) this.ended = true;
    if (this.count > 0) this.after = this.batch[this.count - 1];
  }
}

/**
 * The key range, in tree order, of entries whose first fields equal `prefix` and whose next field
 * lies within `bounds` (all of them without bounds).
 */
export function keyRange(index: OrderedIndex, prefix: unknown[], bounds: FieldBounds | null): KeyRange {
  // A key's text begins with its values' texts, which are prefix-free: the keys holding `prefix`
  // are those from its text (nothing sorts before a continuation) to its text followed by
  // AFTER_EVERY_CONTINUATION. A bound value's text, followed by that or not, splits them likewise.
  const text = index.valuesText(prefix);
  const field = prefix.length;
  if (bounds === null || field === index.fields.length) return { start: text, end: text + AFTER_EVERY_CONTINUATION };
  // A descending field stores its highest value first: its upper bound starts the walk.
  const direction = index.directions[field]!;
  const first = direction === -1 ? bounds.upper : bounds.lower;
  const last = direction === -1 ? bounds.lower : bounds.upper;
  const start = first === undefined ? '' : fieldText(first.value, direction) + (first.inclusive ? '' : AFTER_EVERY_CONTINUATION);
  const end = last === undefined ? AFTER_EVERY_CONTINUATION : fieldText(last.value, direction) + (last.inclusive ? AFTER_EVERY_CONTINUATION : '');
  return { start: text + start, end: text + end };
}

/** Text that equal unique keys share, for finding duplicates among a transaction's own writes. */
export function uniqueKeyText(values: unknown[]): string {
  return JSON.stringify(values.map((value) => [typeRank(value), value instanceof Date ? value.getTime() : value]));
}

/** MongoDB's default index name: `threadId_1_createdAt_-1`. */
export function defaultIndexName(keys: IndexSpec['keys']): string {
  return Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

/**
 * MongoDB's order of values (BSON type order, then value), as mingo sorts scalars. Arrays and
 * objects compare element by element and key by key: a strict total order, as a tree needs (mingo's
 * own comparison calls an array equal to its elements). Sorts are only served for scalar fields.
 */
export function compareIndexValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case RANK_NUMBER: {
      const x = Number(a);
      const y = Number(b);
      // NaN sorts below every number, as in MongoDB, and equals itself.
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case RANK_STRING:
    case RANK_BOOLEAN:
      return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case RANK_DATE:
      return compareIndexValues((a as Date).getTime(), (b as Date).getTime());
    case RANK_ARRAY: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      for (let i = 0; i < Math.min(xs.length, ys.length); i += 1) {
        const order = compareIndexValues(xs[i] ?? null, ys[i] ?? null);
        if (order !== 0) return order;
      }
      return xs.length - ys.length;
    }
    case RANK_OBJECT: {
      const keysA = Object.keys(a as object).sort();
      const keysB = Object.keys(b as object).sort();
      const byKeys = compareIndexValues(keysA, keysB);
      if (byKeys !== 0) return byKeys;
      for (const key of keysA) {
        const order = compareIndexValues((a as Record<string, unknown>)[key] ?? null, (b as Record<string, unknown>)[key] ?? null);
        if (order !== 0) return order;
      }
      return 0;
    }
    case RANK_NULL:
      return 0;
    default:
      return compareIndexValues(String(a), String(b));
  }
}

const RANK_NULL = 2;
const RANK_NUMBER = 3;
const RANK_STRING = 4;
const RANK_OBJECT = 6;
const RANK_ARRAY = 7;
const RANK_BOOLEAN = 9;
const RANK_DATE = 10;

/** mingo's SORT_ORDER of types; a missing value counts as null. */
function typeRank(value: unknown): number {
  if (value === null || value === undefined) return RANK_NULL;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return RANK_NUMBER;
    case 'string':
      return RANK_STRING;
    case 'boolean':
      return RANK_BOOLEAN;
  }
  if (Array.isArray(value)) return RANK_ARRAY;
  if (value instanceof Date) return RANK_DATE;
  if (value instanceof RegExp) return 11;
  return typeof value === 'object' ? RANK_OBJECT : 12;
}

function isObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** valueAt's answer when the path goes on through an array: the document's keys are its elements'. */
const THROUGH_ARRAY = Symbol('through an array');

/**
 * A (dotted) field's value without array expansion, for telling whether an update moved a
 * document; THROUGH_ARRAY when an array stands before the path's end.
 */
function valueAt(document: StoredDocument, path: string): unknown {
  let value: unknown = document;
  for (const segment of path.split('.')) {
    if (Array.isArray(value)) return THROUGH_ARRAY;
    if (!isObjectLike(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** singleIndexedValue's answer when the path meets an array: the document has several keys. */
const SEVERAL = Symbol('several');

/**
 * The one value a document is indexed under for a path (missing as null), or SEVERAL when an
 * array on the way makes indexedValuesAt the judge. Agrees with indexedValuesAt on every
 * document without arrays along the path.
 */
function singleIndexedValue(document: StoredDocument, segments: string[]): unknown {
  let value: unknown = document;
  for (const segment of segments) {
    if (Array.isArray(value)) return SEVERAL;
    if (!isPlainObject(value)) return null;
    value = value[segment];
  }
  return Array.isArray(value) ? SEVERAL : (value ?? null);
}

/** Values a document is indexed under for a (dotted) field path, arrays expanded, missing as null. */
function indexedValuesAt(document: StoredDocument, path: string): unknown[] {
  const found: unknown[] = [];
  collectValues(document, path.split('.'), 0, found);
  if (found.length === 0) found.push(null);
  // Equal values (two equal array elements, or an element equal to another path's) need one entry.
  if (found.length === 1) return found;
  return found.filter((value, i) => found.findIndex((other) => compareIndexValues(other, value) === 0) === i);
}

function collectValues(value: unknown, segments: string[], depth: number, found: unknown[]): void {
  if (depth === segments.length) {
    if (Array.isArray(value)) {
      for (const element of value) found.push(element ?? null);
      if (value.length === 0) found.push(null);
    }
    found.push(value ?? null);
    return;
  }
  const segment = segments[depth]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(segment)) collectValues(value[Number(segment)], segments, depth + 1, found);
    for (const element of value) {
      if (isPlainObject(element)) collectValues(element, segments, depth, found);
    }
    return;
  }
  if (isPlainObject(value)) {
    collectValues(value[segment], segments, depth + 1, found);
    return;
  }
  found.push(null);
}
