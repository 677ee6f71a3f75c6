// MongoDB update documents evaluated in memory for the embedded store. mingo applies the update
// operators; what it leaves out is upsert: `$setOnInsert` and the document an upsert inserts,
// which MongoDB builds from the filter's equality conditions and then updates.

import { update as mingoUpdate } from 'mingo';
import type { Modifier } from 'mingo/updater';
import { cloneDeep, isEqual, isNumber } from 'mingo/util';
import type { Filter, StoredDocument, Update } from './document-store.ts';

type Fields = Record<string, unknown>;

/** MongoDB rejects a replacement document where an update is expected; so does the embedded store. */
export function assertUpdateOperators(update: Update): void {
  const operators = Object.keys(update);
  if (operators.length === 0 || operators.some((operator) => !operator.startsWith('$'))) {
    throw new Error(`an update must consist of update operators ($set, $inc, ...): ${JSON.stringify(update)}`);
  }
}

/** The document after `update`, as a new object, or null when the update changes nothing. */
export function updatedDocument(current: StoredDocument, update: Update, filter: Filter): StoredDocument | null {
  const { $setOnInsert: _insertOnly, ...operators } = update;
  if (Object.keys(operators).length === 0) return null;
  const next = structuredClone(current);
  // The filter lets the positional operator (`items.$.field`) find the element it matched.
  return applyOperators(next, operators, filter) ? next : null;
}

/**
 * The document an upsert inserts: the filter's equality conditions, then the update's operators,
 * then `$setOnInsert`. `newId` supplies `_id` when neither fixes it.
 */
export function upsertedDocument(filter: Filter, update: Update, newId: () => string): StoredDocument {
  const { $setOnInsert: insertOnly, ...operators } = update;
  const document: Fields = structuredClone(equalityFields(filter));
  if (Object.keys(operators).length > 0) applyOperators(document, operators);
  if (insertOnly !== undefined) applyOperators(document, { $set: insertOnly });
  document['_id'] ??= newId();
  if (typeof document['_id'] !== 'string') throw new TypeError('an upserted document needs a string _id');
  return document as StoredDocument;
}

/** Applies update operators to `document` in place; true if anything changed. */
function applyOperators(document: Fields, operators: Fields, filter?: Filter): boolean {
  return topLevelUpdate(document, operators) ?? mingoUpdate(document, operators as Modifier<Fields>, undefined, filter, { cloneMode: 'deep' }).length > 0;
}

/**
 * `$set` and `$inc` of top-level fields (counters, sequences, checkpoints, statuses: most of the
 * updates every command makes) applied directly, exactly as mingo applies them, with mingo's own
 * equality and clone. mingo builds an operator context and compiles the filter on every call,
 * about 0.15 ms an update and several updates to a posted question. Anything else (a dotted or
 * positional path, another operator, a field named twice, an amount that is not a number) is left
 * to mingo: undefined, with nothing changed. document-update.test.ts holds the two to the same results.
 */
function topLevelUpdate(document: Fields, operators: Fields): boolean | undefined {
  const fields = new Set<string>();
  for (const [operator, spec] of Object.entries(operators)) {
    if ((operator !== '$set' && operator !== '$inc') || typeof spec !== 'object' || spec === null || Array.isArray(spec)) return undefined;
    for (const [field, value] of Object.entries(spec)) {
      if (!isPlainFieldName(field) || fields.has(field) || (operator === '$inc' && !isNumber(value))) return undefined;
      fields.add(field);
    }
  }
  let changed = false;
  for (const [operator, spec] of Object.entries(operators)) {
    for (const [field, value] of Object.entries(spec as Fields)) {
      if (operator === '$set') {
        if (isEqual(document[field], value)) continue;
        document[field] = cloneDeep(value);
        changed = true;
      } else if (isNumber(document[field]) || document[field] === undefined) {
        // As mingo's $inc: a missing field counts from 0; a field that is not a number is left alone.
        const previous = document[field];
        document[field] = ((previous as number | undefined) || 0) + (value as number);
        changed ||= document[field] !== previous;
      }
    }
  }
  return changed;
}

/** A field of the document itself: no path, no operator, not the id, nothing that reaches the prototype. */
function isPlainFieldName(field: string): boolean {
  return field !== '' && field !== '_id' && field !== '__proto__' && !field.includes('.') && !field.startsWith('$');
}

/** The fields MongoDB copies from a filter into an upserted document: `{ f: v }`, `$eq`, `$and`. */
function equalityFields(filter: Filter, into: Fields = {}): Fields {
  for (const [path, condition] of Object.entries(filter)) {
    if (path === '$and' && Array.isArray(condition)) {
      for (const part of condition) equalityFields(part as Filter, into);
    } else if (path.startsWith('$')) {
      continue;
    } else if (!isOperatorObject(condition)) {
      setPath(into, path, condition);
    } else if (Object.hasOwn(condition, '$eq')) {
      setPath(into, path, condition['$eq']);
    }
  }
  return into;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return false;
  if (value instanceof RegExp) return true;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function setPath(target: Fields, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const child = node[segment];
    if (typeof child === 'object' && child !== null) {
      node = child as Fields;
    } else {
      const created: Fields = {};
      node[segment] = created;
      node = created;
    }
  }
  node[segments.at(-1)!] = value;
}
