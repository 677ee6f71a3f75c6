// Tests documents against a filter. Most of the store's reads are plain equalities on top-level
// fields ({ _id }, { dialogueId, userId }, { token }), and building a mingo Query for each costs
// more than the read itself (a fifth of a thread page's server time). Such a filter gets a matcher
// written here with mingo's meaning of equality; every other filter goes to mingo. A property test
// holds the two to the same answers (server/test/store/document-matcher.test.ts).
import { Query } from 'mingo';
import type { Filter, StoredDocument } from './document-store.ts';

export type DocumentMatcher = (document: StoredDocument) => boolean;

type Primitive = string | number | boolean;

export function documentMatcher(filter: Filter): DocumentMatcher {
  const equalities = plainEqualities(filter);
  if (equalities === null) {
    const query = new Query(filter);
    return (document) => query.test(document);
  }
  return (document) => {
    for (const [field, expected] of equalities) {
      const value = (document as Record<string, unknown>)[field];
      // As in MongoDB, a field holding an array matches when one of its elements is equal.
      if (value !== expected && !(Array.isArray(value) && value.includes(expected))) return false;
    }
    return true;
  };
}

/**
 * The filter's fields and values when it only asks top-level fields to equal strings, finite
 * numbers or booleans; null for anything else (operators, dotted paths, null, objects, dates).
 */
function plainEqualities(filter: Filter): [string, Primitive][] | null {
  const equalities: [string, Primitive][] = [];
  for (const [field, expected] of Object.entries(filter)) {
    if (field.startsWith('$') || field.includes('.')) return null;
    const kind = typeof expected;
    if (kind === 'string' || kind === 'boolean' || (kind === 'number' && Number.isFinite(expected))) {
      equalities.push([field, expected as Primitive]);
    } else {
      return null;
    }
  }
  return equalities;
}
