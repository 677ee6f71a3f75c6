// Chooses how the embedded store finds a filter's candidates: by _id, through one declared index,
// or by scanning. An index is usable when the filter fixes its leading fields by equality and/or
// bounds the next one by a range; it also serves the sort when walking it gives the sort's order,
// so `find(filter, { sort, limit })` reads only the first `limit` matches.
//
// The choice is a fixed preference, not a cost model: more fields fixed by equality first (each
// narrows the walk), then a range, then serving the sort. An index that fixes nothing is used
// only to walk in the sort's order, where a limit makes it stop early.

import type { Filter, Sort } from './document-store.ts';
import { keyRange, type FieldBounds, type KeyRange, type OrderedIndex } from './ordered-index.ts';

/** More combinations of `$in` values than this and the index uses a shorter prefix. */
const MAX_LOOKUPS = 1_000;

export type IndexPlan = {
  index: OrderedIndex;
  ranges: KeyRange[];
  /** The direction to walk the ranges in. */
  walk: 1 | -1;
  /** True when that walk yields documents in the requested sort's order. */
  servesSort: boolean;
};

/** The best index for `filter` (and `sort`, when given), or null when none beats a scan. */
export function bestPlan(indexes: Iterable<OrderedIndex>, filter: Filter, sort: Sort | undefined): IndexPlan | null {
  let best: { plan: IndexPlan; score: number } | null = null;
  for (const index of indexes) {
    const candidate = planFor(index, filter, sort);
    if (candidate !== null && (best === null || candidate.score > best.score)) best = candidate;
  }
  return best?.plan ?? null;
}

function planFor(index: OrderedIndex, filter: Filter, sort: Sort | undefined): { plan: IndexPlan; score: number } | null {
  const prefix: unknown[][] = [];
  let lookups = 1;
  for (const field of index.fields) {
    const values = equalityValues(filter, field);
    // null also matches documents where a nested path is missing inside an array, which the keys
    // do not spell out: leave such filters to a scan.
    if (values === null || values.length === 0 || values.some((value) => value === null || value === undefined)) break;
    if (lookups * values.length > MAX_LOOKUPS) break;
    lookups *= values.length;
    prefix.push(values);
  }
  const bounds = prefix.length < index.fields.length ? rangeBounds(filter, index.fields[prefix.length]!) : null;
  const order = sort === undefined || lookups > 1 || index.multikey ? null : sortWalk(index, filter, prefix.length, sort);
  const score = prefix.length * 4 + (bounds === null ? 0 : 2) + (order === null ? 0 : 1);
  if (score === 0) return null;
  return {
    plan: {
      index,
      ranges: combinations(prefix).map((values) => keyRange(index, values, bounds)),
      walk: order ?? 1,
      servesSort: order !== null,
    },
    score,
  };
}

/**
 * The walk direction that yields `sort`'s order once the first `fixed` fields are pinned to one
 * value each, or null when no walk does: after dropping sort fields the filter pins, the sort must
 * be the next index fields in order, all in their declared direction or all reversed, optionally
 * followed by `_id` (the tree's last key, ascending).
 */
function sortWalk(index: OrderedIndex, filter: Filter, fixed: number, sort: Sort): 1 | -1 | null {
  const wanted = Object.entries(sort).filter(([field]) => equalityValues(filter, field)?.length !== 1);
  let walk: 1 | -1 | null = null;
  for (let i = 0; i < wanted.length; i += 1) {
    const [field, direction] = wanted[i]!;
    const position = fixed + i;
    const declared = position < index.fields.length && index.fields[position] === field ? index.directions[position]! : field === '_id' && position === index.fields.length ? 1 : null;
    if (declared === null) return null;
    const step = (direction * declared) as 1 | -1;
    if (walk !== null && step !== walk) return null;
    walk = step;
  }
  return walk ?? 1;
}

/** `$gt`/`$gte`/`$lt`/`$lte` on `field`, widened to the value's type (MongoDB compares within a type). */
function rangeBounds(filter: Filter, field: string): FieldBounds | null {
  if (!Object.hasOwn(filter, field)) return null;
  const condition = filter[field];
  if (!isPlainObject(condition)) return null;
  const operators = Object.keys(condition);
  if (operators.length === 0 || !operators.every((operator) => RANGE_OPERATORS.has(operator))) return null;
  const bounds: FieldBounds = {};
  for (const operator of operators) {
    const value = condition[operator];
    if (!isRangeValue(value)) return null;
    if (operator === '$gt' || operator === '$gte') bounds.lower = { value, inclusive: operator === '$gte' };
    else bounds.upper = { value, inclusive: operator === '$lte' };
  }
  const sample = (bounds.lower ?? bounds.upper)!.value;
  bounds.lower ??= typeMinimum(sample);
  bounds.upper ??= typeMaximum(sample);
  return bounds;
}

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isRangeValue(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'string' || value instanceof Date;
}

function typeMinimum(value: unknown): FieldBounds['lower'] {
  if (typeof value === 'number') return { value: -Infinity, inclusive: true };
  if (typeof value === 'string') return { value: '', inclusive: true };
  if (value instanceof Date) return { value: new Date(-8.64e15), inclusive: true };
  return undefined;
}

function typeMaximum(value: unknown): FieldBounds['upper'] {
  if (typeof value === 'number') return { value: Infinity, inclusive: true };
  if (value instanceof Date) return { value: new Date(8.64e15), inclusive: true };
  // No string sorts after every other: the walk runs on past the strings and the filter drops the rest.
  return undefined;
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
    return Array.isArray(values) && values.every((value) => value === null || isScalar(value)) ? values : null;
  }
  return null;
}

function isScalar(value: unknown): boolean {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'bigint' || type === 'boolean' || value instanceof Date;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp);
}

/** Every choice of one value per field, in order. */
function combinations(values: unknown[][]): unknown[][] {
  let partial: unknown[][] = [[]];
  for (const choices of values) partial = partial.flatMap((head) => [...new Set(choices)].map((value) => [...head, value]));
  return partial;
}
