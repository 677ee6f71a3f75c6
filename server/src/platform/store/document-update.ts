// MongoDB update documents evaluated in memory for the embedded store. mingo applies the update
// operators; what it leaves out is upsert: `$setOnInsert` and the document an upsert inserts,
// which MongoDB builds from the filter's equality conditions and then updates.

import { update as applyOperators } from 'mingo';
import type { Modifier } from 'mingo/updater';
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
  const changedPaths = applyOperators(next, operators as Modifier<StoredDocument>, undefined, filter, {
    cloneMode: 'deep',
  });
  return changedPaths.length > 0 ? next : null;
}

/**
 * The document an upsert inserts: the filter's equality conditions, then the update's operators,
 * then `$setOnInsert`. `newId` supplies `_id` when neither fixes it.
 */
export function upsertedDocument(filter: Filter, update: Update, newId: () => string): StoredDocument {
  const { $setOnInsert: insertOnly, ...operators } = update;
  const document: Fields = structuredClone(equalityFields(filter));
  if (Object.keys(operators).length > 0) {
    applyOperators(document, operators as Modifier<Fields>, undefined, undefined, { cloneMode: 'deep' });
  }
  if (insertOnly !== undefined) {
    applyOperators(document, { $set: insertOnly } as Modifier<Fields>, undefined, undefined, { cloneMode: 'deep' });
  }
  document['_id'] ??= newId();
  if (typeof document['_id'] !== 'string') throw new TypeError('an upserted document needs a string _id');
  return document as StoredDocument;
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
