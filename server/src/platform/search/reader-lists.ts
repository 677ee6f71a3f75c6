// Documents' reader lists as small integers, for the embedded engine's reader column
// (document-columns.ts). Nearly every document has none (code 0: everyone who may see its
// visibility); the few that have one — a meeting's minutes while its round is open — share a
// handful of distinct lists (one per booking organisation and dialogue owners). A query turns the
// searcher's keys into one flag per list once, so checking a document is one array read, as for
// its visibility, however many documents a query touches.

/** The code of the empty list: no reader restriction. */
export const EVERYONE = 0;

export class ReaderLists {
  readonly #codes = new Map<string, number>([['', EVERYONE]]);
  /** For each reader key, the lists holding it. */
  readonly #listsWith = new Map<string, number[]>();
  #count = 1;

  /** The list's code, the same for the same keys in any order. */
  code(readers: readonly string[] | undefined): number {
    // Documents written before reader lists existed have none: they were all readable by everyone
    // who may see their visibility (the open rounds' minutes were not indexed then).
    if (readers === undefined || readers.length === 0) return EVERYONE;
    const keys = [...new Set(readers)].sort();
    const name = keys.join('\n');
    let code = this.#codes.get(name);
    if (code === undefined) {
      code = this.#count++;
      this.#codes.set(name, code);
      for (const key of keys) {
        const lists = this.#listsWith.get(key);
        if (lists) lists.push(code);
        else this.#listsWith.set(key, [code]);
      }
    }
    return code;
  }

  /** A flag per list code: 1 where a searcher holding `keys` may read it. */
  readable(keys: readonly string[] | undefined): Uint8Array {
    const flags = new Uint8Array(this.#count);
    flags[EVERYONE] = 1;
    for (const key of keys ?? []) for (const code of this.#listsWith.get(key) ?? []) flags[code] = 1;
    return flags;
  }
}
