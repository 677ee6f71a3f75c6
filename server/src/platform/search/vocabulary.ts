// Every term the embedded index has seen, with a number each, and the three ways a typed word
// reaches terms it does not spell exactly:
//
// - prefix: "upphandl" → "upphandling", "upphandlingen" (search as you type, Swedish endings);
// - one edit: "upphandlig" → "upphandling", "sensrer" → "sensorer" (a letter missing, extra,
//   wrong, or two letters swapped). The candidates are generated from the typed word and looked up,
//   so the vocabulary needs no second structure for typos (a deletion neighbourhood of 300k terms
//   would cost more memory than the postings);
// - compound head: "väghållning" → "vinterväghållning" (Swedish compounds end in the word they are
//   about), found as a prefix of the reversed terms, with or without a common ending.
//
// Terms are never forgotten (a term whose last document left simply has no postings); the sorted
// lists for prefix and suffix search take new terms in a small unsorted tail that is merged when it
// grows, so adding a term never re-sorts the vocabulary.

/** New terms wait unsorted in a tail this long (scanned by every lookup) before it is merged. */
const TAIL_LIMIT = 64;
/** Completions taken per one-edit variant of a word being typed ("upphandlig" → "upphandlingen"). */
const COMPLETIONS_PER_VARIANT = 3;
/** Letters an edit may insert or substitute: the most frequent ones seen in terms. */
const ALPHABET_SIZE = 48;
/** Swedish endings a compound head may carry in the text ("vinterväghållningen"). */
const COMPOUND_ENDINGS = ['', 'en', 'et', 'n', 's', 'ar', 'er', 'or', 'na', 'arna', 'erna', 'orna', 'ens', 'ets', 'ning'];

class SortedTerms {
  #sorted: string[] = [];
  #tail: string[] = [];

  add(term: string): void {
    this.#tail.push(term);
  }

  /** Terms starting with `prefix` (in no particular order), at most `limit`. */
  startingWith(prefix: string, into: string[], limit = Infinity): void {
    if (this.#tail.length > TAIL_LIMIT) this.#merge();
    const sorted = this.#sorted;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sorted[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    let found = 0;
    for (let i = low; i < sorted.length && found < limit && sorted[i]!.startsWith(prefix); i++, found++) into.push(sorted[i]!);
    for (const term of this.#tail) if (found < limit && term.startsWith(prefix) && ++found) into.push(term);
  }

  /** Sorts everything once after a bulk load. */
  settle(): void {
    this.#merge();
  }

  #merge(): void {
    if (this.#tail.length === 0) return;
    const tail = this.#tail.sort();
    const sorted = this.#sorted;
    const merged = new Array<string>(sorted.length + tail.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < sorted.length && j < tail.length) merged[k++] = sorted[i]! <= tail[j]! ? sorted[i++]! : tail[j++]!;
    while (i < sorted.length) merged[k++] = sorted[i++]!;
    while (j < tail.length) merged[k++] = tail[j++]!;
    this.#sorted = merged;
    this.#tail = [];
  }
}

/** The term's UTF-16 units in reverse order, as one flat string (a loop of += would build a chain of pieces). */
function reversed(term: string): string {
  return term.split('').reverse().join('');
}

export class Vocabulary {
  readonly #ids = new Map<string, number>();
  readonly #terms: string[] = [];
  readonly #forward = new SortedTerms();
  readonly #backward = new SortedTerms();
  /**
   * How many terms hold each letter: by UTF-16 unit below the surrogates' range, else by letter.
   * Counted for every new term (69k at 100k posts, all at once when the index opens), so mostly
   * into a typed array rather than a map keyed by one-letter strings.
   */
  readonly #unitCounts = new Uint32Array(0xd800);
  readonly #letterCounts = new Map<string, number>();
  #alphabet: string[] | null = null;

  get size(): number {
    return this.#terms.length;
  }

  idOf(term: string): number | undefined {
    return this.#ids.get(term);
  }

  term(id: number): string {
    return this.#terms[id]!;
  }

  /** The term's number, adding it if new. */
  intern(term: string): number {
    const known = this.#ids.get(term);
    if (known !== undefined) return known;
    const id = this.#terms.length;
    this.#ids.set(term, id);
    this.#terms.push(term);
    this.#forward.add(term);
    // Only words long enough to be compounds are searched by their head.
    if (term.length >= 8) this.#backward.add(reversed(term));
    for (let i = 0; i < term.length; i++) {
      const unit = term.charCodeAt(i);
      if (unit < 0xd800) this.#unitCounts[unit]!++;
      else {
        const letter = String.fromCodePoint(term.codePointAt(i)!);
        this.#letterCounts.set(letter, (this.#letterCounts.get(letter) ?? 0) + 1);
        i += letter.length - 1;
      }
    }
    this.#alphabet = null;
    return id;
  }

  settle(): void {
    this.#forward.settle();
    this.#backward.settle();
  }

  /** Ids of terms that start with `prefix` and are longer than it. */
  withPrefix(prefix: string): number[] {
    const found: string[] = [];
    this.#forward.startingWith(prefix, found);
    const ids: number[] = [];
    for (const term of found) if (term !== prefix) ids.push(this.#ids.get(term)!);
    return ids;
  }

  /** Ids of longer terms that end with `head`, or with `head` plus a common ending. */
  withCompoundHead(head: string): number[] {
    const ids = new Set<number>();
    for (const ending of COMPOUND_ENDINGS) {
      const found: string[] = [];
      const tail = head + ending;
      this.#backward.startingWith(reversed(tail), found);
      for (const back of found) {
        // At least three letters of another word before the head.
        if (back.length >= tail.length + 3) ids.add(this.#ids.get(reversed(back))!);
      }
    }
    return [...ids];
  }

  /** Ids of terms exactly one edit (Damerau: insert, delete, substitute, swap neighbours) away. */
  withinOneEdit(word: string): number[] {
    const ids = new Set<number>();
    this.#eachOneEditVariant(word, (candidate) => {
      const id = this.#ids.get(candidate);
      if (id !== undefined) ids.add(id);
    });
    ids.delete(this.#ids.get(word) ?? -1);
    return [...ids];
  }

  /**
   * A few terms that begin with a one-edit variant of `word` (a typo in a word still being typed,
   * or in a word whose ending differs). Each variant costs a binary search of the vocabulary, so
   * this is asked only when nothing closer was found.
   */
  completionsWithinOneEdit(word: string): number[] {
    const completed = new Set<number>();
    const found: string[] = [];
    this.#eachOneEditVariant(word, (candidate) => {
      found.length = 0;
      this.#forward.startingWith(candidate, found, COMPLETIONS_PER_VARIANT + 1);
      for (const term of found) if (term !== candidate) completed.add(this.#ids.get(term)!);
    });
    return [...completed];
  }

  #eachOneEditVariant(word: string, consider: (candidate: string) => void): void {
    const alphabet = this.#currentAlphabet();
    for (let i = 0; i <= word.length; i++) {
      const before = word.slice(0, i);
      const after = word.slice(i);
      for (const letter of alphabet) consider(before + letter + after);
      if (i < word.length) {
        const rest = word.slice(i + 1);
        consider(before + rest);
        for (const letter of alphabet) if (letter !== word[i]) consider(before + letter + rest);
        if (i + 1 < word.length && word[i] !== word[i + 1]) consider(before + word[i + 1] + word[i] + word.slice(i + 2));
      }
    }
  }

  #currentAlphabet(): string[] {
    if (this.#alphabet === null) {
      const counts: [string, number][] = [];
      this.#unitCounts.forEach((count, unit) => {
        if (count > 0) counts.push([String.fromCharCode(unit), count]);
      });
      counts.push(...this.#letterCounts);
      this.#alphabet = counts
        .sort((a, b) => b[1] - a[1])
        .slice(0, ALPHABET_SIZE)
        .map(([letter]) => letter);
    }
    return this.#alphabet;
  }
}
