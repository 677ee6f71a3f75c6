// A declared index of the embedded store. It answers one question: which documents can match a
// filter that fixes the index's leading field(s) by equality (`{ threadId: x }`, `$eq`, `$in`).
// The candidates are a superset of the matches; the store still tests each with the full filter,
// so the index only has to be fast and never miss a document, not exact.
//
// Keys follow MongoDB's multikey rule: an array value is indexed under each of its elements (and
// as a whole), so `{ tags: 'x' }` finds documents whose `tags` contains 'x'. A missing field is
// indexed like null, which makes a unique index reject a second document without the field, as
// MongoDB does.

import type { Filter, IndexSpec, StoredDocument } from './document-store.ts';

/** More combinations of `$in` values than this and the index uses a shorter prefix. */
const MAX_LOOKUPS = 1_000;

type Scalar = string | number | bigint | boolean | Date;

export class EqualityIndex {
  readonly name: string;
  readonly fields: readonly string[];
  readonly unique: boolean;
  /** Encoded key of every prefix of the indexed fields → ids of documents with that prefix. */
  private readonly ids = new Map<string, Set<string>>();

  constructor(private readonly spec: IndexSpec) {
    this.name = spec.name ?? defaultIndexName(spec.keys);
    this.fields = Object.keys(spec.keys);
    this.unique = spec.unique ?? false;
  }

  declares(spec: IndexSpec): boolean {
    return (
      JSON.stringify(Object.entries(spec.keys)) === JSON.stringify(Object.entries(this.spec.keys)) &&
      (spec.unique ?? false) === this.unique
    );
  }

  add(document: StoredDocument): void {
    for (const key of this.keysOf(document, 1)) {
      let ids = this.ids.get(key);
      if (ids === undefined) this.ids.set(key, (ids = new Set()));
      ids.add(document._id);
    }
  }

  remove(document: StoredDocument): void {
    for (const key of this.keysOf(document, 1)) {
      const ids = this.ids.get(key);
      ids?.delete(document._id);
      if (ids?.size === 0) this.ids.delete(key);
    }
  }

  /** The keys a unique index compares: one per combination of all indexed fields' values. */
  fullKeysOf(document: StoredDocument): string[] {
    return this.keysOf(document, this.fields.length);
  }

  idsWithKey(key: string): ReadonlySet<string> {
    return this.ids.get(key) ?? EMPTY;
  }

  /** Ids that may match `filter`, or null when the filter does not fix the leading field. */
  candidates(filter: Filter): Set<string> | null {
    const prefix: string[][] = [];
    let lookups = 1;
    for (const field of this.fields) {
      const values = equalityValues(filter, field);
      // null also matches documents where a nested path is missing inside an array, which the
      // keys do not spell out: leave such filters to a scan.
      if (values === null || values.some((value) => value === null || value === undefined)) break;
      if (lookups * values.length > MAX_LOOKUPS) break;
      lookups *= values.length;
      prefix.push([...new Set(values.map(encodeValue))]);
    }
    if (prefix.length === 0) return null;
    const found = new Set<string>();
    for (const key of combinations(prefix, prefix.length)) {
      for (const id of this.ids.get(key) ?? EMPTY) found.add(id);
    }
    return found;
  }

  /** Encoded keys for each prefix length from `fromLength` to all fields. */
  private keysOf(document: StoredDocument, fromLength: number): string[] {
    const values = this.fields.map((field) => indexedValuesAt(document, field));
    const keys: string[] = [];
    for (let length = fromLength; length <= this.fields.length; length += 1) {
      keys.push(...combinations(values, length));
    }
    return keys;
  }
}

/** MongoDB's default index name: `threadId_1_createdAt_-1`. */
export function defaultIndexName(keys: IndexSpec['keys']): string {
  return Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

/**
 * The values `filter` requires `field` to equal (one of), or null when it does not pin the field:
 * `{ f: v }`, `{ f: { $eq: v } }`, `{ f: { $in: [...] } }` with scalar values only.
 */
export function equalityValues(filter: Filter, field: string): unknown[] | null {
  if (!Object.hasOwn(filter, field)) return null;
  const condition = filter[field];
  if (condition === null || isScalar(condition)) return [condition];
  if (!isPlainObject(condition)) return null;
  const operators = Object.keys(condition);
  if (operators.length !== 1) return null;
  if (operators[0] === '$eq') {
    const value = condition['$eq'];
    return value === null || isScalar(value) ? [value] : null;
  }
  if (operators[0] === '$in') {
    const values = condition['$in'];
    return Array.isArray(values) && values.every((value) => value === null || isScalar(value))
      ? values
      : null;
  }
  return null;
}

const EMPTY: ReadonlySet<string> = new Set();

function isScalar(value: unknown): value is Scalar {
  const type = typeof value;
  return (
    type === 'string' || type === 'number' || type === 'bigint' || type === 'boolean' || value instanceof Date
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Type-tagged so 1, '1' and true never share a key; numbers of equal value do, as in MongoDB. */
function encodeValue(value: unknown): string {
  if (value === null || value === undefined) return 'z';
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
    case 'bigint':
      return `n${value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
  }
  if (value instanceof Date) return `d${value.getTime()}`;
  return `o${JSON.stringify(value, (_key, nested: unknown) => (typeof nested === 'bigint' ? `${nested}` : nested))}`;
}

/** Encoded values a document is indexed under for a (dotted) field path, arrays expanded. */
function indexedValuesAt(document: StoredDocument, path: string): string[] {
  const found = new Set<string>();
  collectValues(document, path.split('.'), 0, found);
  if (found.size === 0) found.add(encodeValue(null));
  return [...found];
}

function collectValues(value: unknown, segments: string[], depth: number, found: Set<string>): void {
  if (depth === segments.length) {
    if (Array.isArray(value)) {
      for (const element of value) found.add(encodeValue(element));
      if (value.length === 0) found.add(encodeValue(null));
    }
    found.add(encodeValue(value));
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
  found.add(encodeValue(null));
}

/** Keys for the first `length` fields: every combination of their encoded values. */
function combinations(values: string[][], length: number): string[] {
  let partial: string[][] = [[]];
  for (let i = 0; i < length; i += 1) {
    const next: string[][] = [];
    for (const head of partial) for (const value of values[i]!) next.push([...head, value]);
    partial = next;
  }
  return partial.map((parts) => JSON.stringify(parts));
}
