// MongoDB's sort order for the embedded store. mingo's $sort groups documents by each sort key in
// a hash map, which costs milliseconds for a page of a thread with a few thousand posts; sorting
// on the extracted keys with mingo's own BSON-order comparison gives the same order far faster.

import { Query } from 'mingo';
import { compare, resolve } from 'mingo/util';
import type { Sort, StoredDocument } from './document-store.ts';

export function sortDocuments(documents: StoredDocument[], sort: Sort): StoredDocument[] {
  const fields = Object.entries(sort);
  // MongoDB treats a missing field like null when sorting.
  const keyed = documents.map((document) => ({
    document,
    keys: fields.map(([path]) => resolve(document, path) ?? null),
  }));
  // An array sorts by its smallest element ascending and its largest descending: leave that to mingo.
  if (keyed.some(({ keys }) => keys.some((key) => Array.isArray(key)))) {
    return new Query({}).find<StoredDocument>(documents).sort(sort).all();
  }
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i += 1) {
      const order = compare(a.keys[i], b.keys[i]);
      if (order !== 0) return order * fields[i]![1];
    }
    return 0;
  });
  return keyed.map(({ document }) => document);
}
