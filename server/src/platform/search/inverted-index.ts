// The embedded engine's index in memory: for every term, the documents holding it and how often
// (postings), and for every document the facts results are filtered, grouped and counted by. It
// lives inside the search worker (search-worker.ts); nothing here touches threads or files.
//
// Why not MiniSearch any more (docs/benchmarks.md "Search"): at 100k posts it held 474 MB, its
// fuzzy and prefix expansion allocated an object per match (p95 53–60 ms, 230 ms for "pri"), and it
// could only be saved as one JSON string of the whole index. Here postings are typed arrays, a
// query scores into preallocated arrays, and a document's terms travel as numbers, so the segment
// log (segment-log.ts) appends each change instead of rewriting the index.

import {
  emptyFacets,
  SEARCH_KINDS,
  type SearchDocument,
  type SearchFacetCounts,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from './search-index.ts';
import { searchTerm, searchTokens } from './search-terms.ts';
import { DocumentColumns } from './document-columns.ts';
import { ReaderLists } from './reader-lists.ts';
import { Vocabulary } from './vocabulary.ts';

/** What the index keeps of a document: everything but its text. */
export type DocumentFacts = Omit<SearchDocument, 'title' | 'body'>;

/** A document's terms as [term id, weight, term id, weight, …]. */
export type TermWeights = Uint32Array;

/** A title word weighs as much as three body words: titles name what a dialogue is about. */
const TITLE_WEIGHT = 3;
/** How far a word that is not the typed one counts, against 1 for the exact word. */
const PREFIX_WEIGHT = 0.5;
const ONE_EDIT_WEIGHT = 0.45;
const COMPOUND_HEAD_WEIGHT = 0.6;
/** The most frequent terms a prefix reaches; "p" alone would reach a tenth of the vocabulary. */
const PREFIX_EXPANSIONS = 40;
const SHORT_PREFIX_EXPANSIONS = 12;
/** A whole word (not the last of the query) takes this many endings of at most this many letters. */
const INFLECTIONS = 8;
const INFLECTION_LENGTH = 4;
const COMPOUND_EXPANSIONS = 20;
const MIN_PREFIX_LENGTH = 2;
const MIN_TYPO_LENGTH = 4;
/** A typed word this many times rarer than its most frequent one-edit neighbour is read as that neighbour too. */
const RARER_THAN_A_TYPO = 20;
const LIKELY_CORRECTION_SHARE = 4;
/** Shorter typed words with a typo would complete to too much ("prs" → every "pr…" word). */
const MIN_TYPO_COMPLETION_LENGTH = 6;
const MIN_COMPOUND_HEAD_LENGTH = 5;
/** Words of a query beyond these are ignored (each is a pass over postings). */
const MAX_QUERY_TERMS = 12;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

type IndexedDocument = {
  facts: DocumentFacts;
  /** The buyers as codes (a list: only the buyer filter and facet read it); the other facts a query reads are columns. */
  buyers: number[];
  length: number;
  terms: TermWeights;
  /** The segment file holding this version (segment-log.ts); null until written. */
  segment: number | null;
};

/** Strings of one kind of fact (dialogue ids, arena ids…) as small integers. */
class Codes {
  readonly #codes = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.#codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.#codes.get(value);
  }
}

/** [document number, weight, …] for one term, grown by doubling. */
type Postings = { pairs: Uint32Array; length: number };

type Expansion = { termId: number; weight: number };

/** Scratch arrays sized to the document numbers, reused by every query of this (single-threaded) index. */
class Scratch {
  score = new Float64Array(0);
  termScore = new Float64Array(0);
  matched = new Uint32Array(0);
  /** Documents a query reached, and those one word reached: each holds a document once. */
  touched = new Int32Array(0);
  termTouched = new Int32Array(0);
  groupBest = new Int32Array(0);

  ensure(documents: number, groups: number): void {
    if (this.score.length < documents) {
      const size = Math.max(1024, documents * 2);
      this.score = new Float64Array(size);
      this.termScore = new Float64Array(size);
      this.matched = new Uint32Array(size);
      this.touched = new Int32Array(size);
      this.termTouched = new Int32Array(size);
    }
    if (this.groupBest.length < groups) this.groupBest = new Int32Array(Math.max(1024, groups * 2)).fill(-1);
  }
}

export class InvertedIndex {
  readonly vocabulary = new Vocabulary();
  readonly #postings: (Postings | undefined)[] = [];
  /** Indexed by document number; a number is never reused, so postings stay sorted by it. */
  readonly #documents: (IndexedDocument | undefined)[] = [];
  readonly #numbers = new Map<string, number>();
  readonly #groups = new Codes();
  readonly #dialogues = new Codes();
  readonly #arenas = new Codes();
  readonly #phases = new Codes();
  readonly #organisations = new Codes();
  readonly #visibilities = new Codes();
  readonly #readerLists = new ReaderLists();
  readonly #columns = new DocumentColumns();
  readonly #scratch = new Scratch();
  #totalLength = 0;
  #throughSeq = 0;

  get throughSeq(): number {
    return this.#throughSeq;
  }

  get documentCount(): number {
    return this.#numbers.size;
  }

  /** Events are delivered at least once: a redelivered batch must not move the mark backwards. */
  advance(throughSeq: number): void {
    this.#throughSeq = Math.max(this.#throughSeq, throughSeq);
  }

  /** Empties the index; a rebuild replays the event log from the start, hence seq 0. */
  clear(): void {
    for (const id of [...this.#numbers.keys()]) this.remove(id);
    this.#throughSeq = 0;
  }

  /** A document's terms and weights from its text, interning new terms. */
  weigh(title: string, plainBody: string): TermWeights {
    const weights = new Map<number, number>();
    const count = (text: string, weight: number) => {
      for (const token of searchTokens(text)) {
        const id = this.vocabulary.intern(searchTerm(token));
        weights.set(id, (weights.get(id) ?? 0) + weight);
      }
    };
    count(title, TITLE_WEIGHT);
    count(plainBody, 1);
    const pairs = new Uint32Array(weights.size * 2);
    let i = 0;
    for (const [id, weight] of weights) {
      pairs[i++] = id;
      pairs[i++] = Math.min(weight, 0xffff);
    }
    return pairs;
  }

  /** The document's current facts and terms, for writing it again elsewhere (segment compaction). */
  stored(id: string): { facts: DocumentFacts; terms: TermWeights; segment: number | null } | undefined {
    const number = this.#numbers.get(id);
    const doc = number === undefined ? undefined : this.#documents[number];
    return doc && { facts: doc.facts, terms: doc.terms, segment: doc.segment };
  }

  /** True when a document with these facts and terms is already indexed exactly so. */
  holds(facts: DocumentFacts, terms: TermWeights): boolean {
    const number = this.#numbers.get(facts.id);
    const doc = number === undefined ? undefined : this.#documents[number];
    return doc !== undefined && sameTerms(doc.terms, terms) && sameFacts(doc.facts, facts);
  }

  /** Adds or replaces a document. Returns the segment of the version it replaced, if any. */
  put(facts: DocumentFacts, terms: TermWeights): { replacedSegment: number | null } {
    const replacedSegment = this.remove(facts.id).removedSegment;
    this.#add(facts, terms, null);
    return { replacedSegment };
  }

  /**
   * Fills an empty index with documents (opening the segment files): each term's postings are
   * counted first and allocated once, as views of one array, instead of grown document by document.
   * The terms must already be in this index's vocabulary.
   */
  load(documents: Iterable<{ facts: DocumentFacts; terms: TermWeights; segment: number }>): void {
    if (this.#numbers.size > 0) throw new Error('InvertedIndex.load fills an empty index only');
    const list = [...documents];
    const counts = new Uint32Array(this.vocabulary.size);
    for (const { terms } of list) for (let i = 0; i < terms.length; i += 2) counts[terms[i]!]! += 2;
    let total = 0;
    for (const count of counts) total += count;
    const all = new Uint32Array(total);
    // Where each term's postings start in `all`, then where its next posting goes: documents are
    // numbered in load order, so each term's postings come out sorted with no per-posting checks.
    const next = new Uint32Array(counts.length);
    let offset = 0;
    for (let termId = 0; termId < counts.length; termId++) {
      next[termId] = offset;
      offset += counts[termId]!;
    }
    // A cleared index keeps its former numbers unused (numbers are never reused).
    const first = this.#documents.length;
    for (const [i, { facts, terms, segment }] of list.entries()) {
      const number = first + i;
      for (let j = 0; j < terms.length; j += 2) {
        const at = next[terms[j]!]!;
        all[at] = number;
        all[at + 1] = terms[j + 1]!;
        next[terms[j]!] = at + 2;
      }
      this.#describe(number, facts, terms, segment);
    }
    offset = 0;
    for (let termId = 0; termId < counts.length; termId++) {
      const count = counts[termId]!;
      if (count > 0) this.#postings[termId] = { pairs: all.subarray(offset, offset + count), length: count };
      offset += count;
    }
  }

  #add(facts: DocumentFacts, terms: TermWeights, segment: number | null): void {
    const number = this.#documents.length;
    for (let i = 0; i < terms.length; i += 2) this.#append(terms[i]!, number, terms[i + 1]!);
    this.#describe(number, facts, terms, segment);
  }

  /** Gives document `number` its facts (its postings are the caller's). */
  #describe(number: number, facts: DocumentFacts, terms: TermWeights, segment: number | null): void {
    let length = 0;
    for (let i = 1; i < terms.length; i += 2) length += terms[i]!;
    this.#columns.set(number, {
      visibility: this.#visibilities.code(facts.visibility),
      readers: this.#readerLists.code(facts.readers),
      kind: SEARCH_KINDS.indexOf(facts.kind),
      answered: facts.answered,
      group: this.#groups.code(facts.group),
      dialogue: this.#dialogues.code(facts.dialogueId),
      arena: this.#arenas.code(facts.arenaId),
      phase: this.#phases.code(facts.phase),
      createdAt: Date.parse(facts.createdAt),
      length,
    });
    this.#documents.push({
      facts,
      buyers: facts.buyerOrganisationIds.map((id) => this.#organisations.code(id)),
      length,
      terms,
      segment,
    });
    this.#numbers.set(facts.id, number);
    this.#totalLength += length;
  }

  /** Records which segment file holds the current version of `id` (when it is still current). */
  placed(id: string, terms: TermWeights, segment: number): boolean {
    const number = this.#numbers.get(id);
    const doc = number === undefined ? undefined : this.#documents[number];
    if (!doc || doc.terms !== terms) return false;
    doc.segment = segment;
    return true;
  }

  remove(id: string): { found: boolean; removedSegment: number | null } {
    const number = this.#numbers.get(id);
    if (number === undefined) return { found: false, removedSegment: null };
    const doc = this.#documents[number]!;
    for (let i = 0; i < doc.terms.length; i += 2) this.#drop(doc.terms[i]!, number);
    this.#documents[number] = undefined;
    this.#numbers.delete(id);
    this.#totalLength -= doc.length;
    return { found: true, removedSegment: doc.segment };
  }

  /** Ids of the current documents held in `segment`. */
  idsInSegment(segment: number): string[] {
    const ids: string[] = [];
    for (const number of this.#numbers.values()) if (this.#documents[number]!.segment === segment) ids.push(this.#documents[number]!.facts.id);
    return ids;
  }

  /** `everyWord`: only documents holding every word, never the fallback to some of them (alerts, transient-search.ts). */
  search(query: SearchQuery, options: { everyWord?: boolean } = {}): SearchResult {
    const empty: SearchResult = query.facets ? { hits: [], total: 0, facets: emptyFacets() } : { hits: [], total: 0 };
    const words = [...new Set(searchTokens(query.text).map(searchTerm))].slice(0, MAX_QUERY_TERMS);
    if (query.visibilities.length === 0 || words.length === 0) return empty;
    // The last word may be unfinished (search as you type): it is completed widely. The others are
    // whole words and only take their inflections ("upphandling" → "upphandlingen").
    const expansions = words.map((word, i) => this.#expand(word, i === words.length - 1));
    const scratch = this.#scratch;
    scratch.ensure(this.#documents.length, this.#groups.values.length);
    const { score, termScore, matched, touched, termTouched } = scratch;
    const columns = this.#columns;

    // Each word adds its best-matching expansion's score once per document; `matched` records
    // which words a document matched, as bits.
    let touchedCount = 0;
    const documents = this.documentCount || 1;
    const averageLength = this.#totalLength / documents || 1;
    const lengths = columns.length;
    expansions.forEach((wordExpansions, wordIndex) => {
      let termTouchedCount = 0;
      const bit = 1 << wordIndex;
      for (const { termId, weight } of wordExpansions) {
        const postings = this.#postings[termId];
        if (!postings || postings.length === 0) continue;
        const frequency = postings.length / 2;
        const idf = Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
        const pairs = postings.pairs;
        for (let i = 0; i < postings.length; i += 2) {
          const number = pairs[i]!;
          const tf = pairs[i + 1]!;
          const length = lengths[number]!;
          const value = weight * idf * ((tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * length) / averageLength)));
          if ((matched[number]! & bit) === 0) {
            if (matched[number] === 0) touched[touchedCount++] = number;
            matched[number]! |= bit;
            termTouched[termTouchedCount++] = number;
            termScore[number] = value;
          } else if (value > termScore[number]!) {
            termScore[number] = value;
          }
        }
      }
      for (let i = 0; i < termTouchedCount; i++) {
        const number = termTouched[i]!;
        score[number]! += termScore[number]!;
        termScore[number] = 0;
      }
    });

    // Every word must match when some document has them all; otherwise a document counts by the
    // share of words it has (a query with one word no document holds still finds the others).
    const all = words.length === 32 ? 0xffffffff : (1 << words.length) - 1;
    // Only among documents the searcher may find: otherwise a registered-only document holding
    // every word would turn an anonymous search from "some words" into nothing, and so betray it.
    const accepts = this.#filter(query);
    let anyHasAll = false;
    for (let i = 0; i < touchedCount && !anyHasAll; i++) {
      const number = touched[i]!;
      if (matched[number] === all && accepts(number)) anyHasAll = true;
    }

    const byGroup: number[] = [];
    const newest = query.sort === 'newest';
    const createdAt = columns.createdAt;
    const before = (a: number, b: number): boolean => {
      if (newest) {
        const byDate = createdAt[a]! - createdAt[b]!;
        if (byDate !== 0) return byDate > 0;
      }
      return score[a]! > score[b]! || (score[a] === score[b] && a > b);
    };
    const { groupBest } = scratch;
    const groups = columns.group;
    const everyWord = anyHasAll || options.everyWord === true;
    for (let i = 0; i < touchedCount; i++) {
      const number = touched[i]!;
      const bits = matched[number]!;
      if (everyWord && bits !== all) continue;
      if (!everyWord) score[number]! *= popcount(bits) / words.length;
      if (!accepts(number)) continue;
      const group = groups[number]!;
      const best = groupBest[group]!;
      if (best === -1) {
        groupBest[group] = number;
        byGroup.push(group);
      } else if (before(number, best)) {
        groupBest[group] = number;
      }
    }

    const representatives = byGroup.map((group) => groupBest[group]!);
    const facets = query.facets ? this.#countFacets(representatives) : undefined;
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.max(0, Math.floor(query.limit));
    const page = topOf(representatives, offset + limit, before).slice(offset);
    const wanted = new Set<number>();
    for (const wordExpansions of expansions) for (const { termId } of wordExpansions) wanted.add(termId);
    const hits = page.map((number): SearchHit => {
      const doc = this.#documents[number]!;
      const matchedTerms: string[] = [];
      for (let i = 0; i < doc.terms.length; i += 2) if (wanted.has(doc.terms[i]!)) matchedTerms.push(this.vocabulary.term(doc.terms[i]!));
      return {
        id: doc.facts.id,
        kind: doc.facts.kind,
        group: doc.facts.group,
        dialogueId: doc.facts.dialogueId,
        threadId: doc.facts.threadId,
        createdAt: doc.facts.createdAt,
        matchedTerms,
        score: score[number]!,
      };
    });

    for (let i = 0; i < touchedCount; i++) {
      const number = touched[i]!;
      score[number] = 0;
      matched[number] = 0;
    }
    for (const group of byGroup) groupBest[group] = -1;
    return facets ? { hits, total: representatives.length, facets } : { hits, total: representatives.length };
  }

  /**
   * The terms a typed word stands for, each with how much a match counts. A word the index does
   * not hold is read as its most frequent one-edit correction, expanded as if typed so (its
   * completions, its compounds): a one-typo query then ranks as its correct spelling would.
   */
  #expand(word: string, typing: boolean): Expansion[] {
    const weights = new Map<number, number>();
    const offer = (termId: number, weight: number) => {
      if (this.#frequency(termId) === 0) return;
      if ((weights.get(termId) ?? 0) < weight) weights.set(termId, weight);
    };
    const spelled = (term: string, factor: number) => {
      const exact = this.vocabulary.idOf(term);
      if (exact !== undefined) offer(exact, factor);
      if (term.length >= MIN_PREFIX_LENGTH) {
        // The most frequent completions: what someone typing is most likely to mean. Fewer for
        // very short beginnings, which reach thousands of terms.
        let longer = this.vocabulary.withPrefix(term);
        if (!typing) longer = longer.filter((termId) => this.vocabulary.term(termId).length <= term.length + INFLECTION_LENGTH);
        const count = !typing ? INFLECTIONS : term.length <= 3 ? SHORT_PREFIX_EXPANSIONS : PREFIX_EXPANSIONS;
        for (const termId of this.#mostFrequent(longer, count)) {
          offer(termId, factor * PREFIX_WEIGHT * (0.5 + (0.5 * term.length) / this.vocabulary.term(termId).length));
        }
      }
      if (term.length >= MIN_COMPOUND_HEAD_LENGTH) {
        for (const termId of this.#mostFrequent(this.vocabulary.withCompoundHead(term), COMPOUND_EXPANSIONS)) offer(termId, factor * COMPOUND_HEAD_WEIGHT);
      }
    };
    spelled(word, 1);
    if (word.length < MIN_TYPO_LENGTH) return [...weights].map(([termId, weight]) => ({ termId, weight }));
    const known = this.vocabulary.idOf(word);
    const near = this.vocabulary.withinOneEdit(word);
    near.sort((a, b) => this.#frequency(b) - this.#frequency(a));
    // Typed words that the index lacks, or holds far more rarely than a neighbour one edit away,
    // are most likely that neighbour mistyped ("avtalt" for "avtalet").
    const knownFrequency = known === undefined ? 0 : this.#frequency(known);
    if (near.length > 0 && knownFrequency * RARER_THAN_A_TYPO < this.#frequency(near[0]!)) {
      // Every correction about as common as the most common one may be what was meant; each is
      // expanded as if typed, its own one-edit neighbours included, as the exact word would be.
      const likely = this.#frequency(near[0]!) / LIKELY_CORRECTION_SHARE;
      for (const termId of near) {
        if (this.#frequency(termId) < likely) {
          offer(termId, ONE_EDIT_WEIGHT);
          continue;
        }
        const correction = this.vocabulary.term(termId);
        spelled(correction, 1);
        for (const neighbour of this.vocabulary.withinOneEdit(correction)) offer(neighbour, ONE_EDIT_WEIGHT);
      }
    } else {
      for (const termId of near) offer(termId, ONE_EDIT_WEIGHT);
    }
    if (weights.size === 0 && word.length >= MIN_TYPO_COMPLETION_LENGTH) {
      for (const termId of this.vocabulary.completionsWithinOneEdit(word)) offer(termId, ONE_EDIT_WEIGHT * PREFIX_WEIGHT);
    }
    return [...weights].map(([termId, weight]) => ({ termId, weight }));
  }

  /**
   * The `count` most frequent of `termIds`, most frequent first, ties in their given order (as a
   * stable sort would give them) without sorting all of them: "da" begins thousands of terms.
   */
  #mostFrequent(termIds: readonly number[], count: number): number[] {
    const best: number[] = [];
    const frequencies: number[] = [];
    for (const termId of termIds) {
      const frequency = this.#frequency(termId);
      if (best.length === count && frequency <= frequencies[count - 1]!) continue;
      let at = best.length;
      while (at > 0 && frequencies[at - 1]! < frequency) at--;
      best.splice(at, 0, termId);
      frequencies.splice(at, 0, frequency);
      if (best.length > count) {
        best.pop();
        frequencies.pop();
      }
    }
    return best;
  }

  #frequency(termId: number): number {
    return (this.#postings[termId]?.length ?? 0) / 2;
  }

  /** Whether the searcher may find document `number` and it passes the query's filters. */
  #filter(query: SearchQuery): (number: number) => boolean {
    const filters = query.filters ?? {};
    // For each kind of fact, a flag per code: 1 where the query lets that value through.
    const allowed = (values: readonly string[], codes: Codes): Uint8Array => {
      const flags = new Uint8Array(codes.values.length);
      for (const value of values) {
        const code = codes.find(value);
        if (code !== undefined) flags[code] = 1;
      }
      return flags;
    };
    const visible = allowed(query.visibilities, this.#visibilities);
    const readable = this.#readerLists.readable(query.readers);
    const kinds = filters.kinds ? new Uint8Array(SEARCH_KINDS.map((kind) => (filters.kinds!.includes(kind) ? 1 : 0))) : null;
    const arenas = filters.arenaIds ? allowed(filters.arenaIds, this.#arenas) : null;
    const dialogues = filters.dialogueIds ? allowed(filters.dialogueIds, this.#dialogues) : null;
    const phases = filters.phases ? allowed(filters.phases, this.#phases) : null;
    const buyers = filters.buyerOrganisationIds ? allowed(filters.buyerOrganisationIds, this.#organisations) : null;
    const answered = filters.answered === undefined ? -1 : filters.answered ? 1 : 0;
    const from = filters.createdFrom === undefined ? -Infinity : Date.parse(filters.createdFrom);
    const until = filters.createdBefore === undefined ? Infinity : Date.parse(filters.createdBefore);
    const columns = this.#columns;
    const documents = this.#documents;
    return (number) =>
      visible[columns.visibility[number]!] === 1 &&
      readable[columns.readers[number]!] === 1 &&
      (kinds === null || kinds[columns.kind[number]!] === 1) &&
      (arenas === null || arenas[columns.arena[number]!] === 1) &&
      (dialogues === null || dialogues[columns.dialogue[number]!] === 1) &&
      (phases === null || phases[columns.phase[number]!] === 1) &&
      (buyers === null || documents[number]!.buyers.some((buyer) => buyers[buyer] === 1)) &&
      (answered === -1 || columns.answered[number] === answered) &&
      columns.createdAt[number]! >= from &&
      columns.createdAt[number]! < until;
  }

  #countFacets(numbers: number[]): SearchFacetCounts {
    const kinds = new Uint32Array(SEARCH_KINDS.length);
    const arenas = new Uint32Array(this.#arenas.values.length);
    const dialogues = new Uint32Array(this.#dialogues.values.length);
    const phases = new Uint32Array(this.#phases.values.length);
    const buyers = new Uint32Array(this.#organisations.values.length);
    const answered = new Uint32Array(2);
    const columns = this.#columns;
    for (const number of numbers) {
      kinds[columns.kind[number]!]!++;
      arenas[columns.arena[number]!]!++;
      dialogues[columns.dialogue[number]!]!++;
      phases[columns.phase[number]!]!++;
      for (const buyer of this.#documents[number]!.buyers) buyers[buyer]!++;
      answered[columns.answered[number]!]!++;
    }
    const named = (counts: Uint32Array, values: readonly string[]): Record<string, number> => {
      const out: Record<string, number> = {};
      counts.forEach((count, code) => {
        if (count > 0) out[values[code]!] = count;
      });
      return out;
    };
    return {
      kind: named(kinds, SEARCH_KINDS),
      arenaId: named(arenas, this.#arenas.values),
      dialogueId: named(dialogues, this.#dialogues.values),
      buyerOrganisationId: named(buyers, this.#organisations.values),
      phase: named(phases, this.#phases.values),
      answered: named(answered, ['false', 'true']),
    };
  }

  #append(termId: number, number: number, weight: number): void {
    let postings = this.#postings[termId];
    if (!postings) {
      postings = { pairs: new Uint32Array(4), length: 0 };
      this.#postings[termId] = postings;
    } else if (postings.length === postings.pairs.length) {
      const grown = new Uint32Array(postings.pairs.length * 2);
      grown.set(postings.pairs);
      postings.pairs = grown;
    }
    postings.pairs[postings.length++] = number;
    postings.pairs[postings.length++] = weight;
  }

  /** Removes a document from one term's postings (sorted by document number: binary search). */
  #drop(termId: number, number: number): void {
    const postings = this.#postings[termId];
    if (!postings) return;
    const pairs = postings.pairs;
    let low = 0;
    let high = postings.length / 2;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (pairs[mid * 2]! < number) low = mid + 1;
      else high = mid;
    }
    if (low * 2 >= postings.length || pairs[low * 2] !== number) return;
    pairs.copyWithin(low * 2, low * 2 + 2, postings.length);
    postings.length -= 2;
    // A term no document holds any more gives its memory back.
    if (postings.length === 0) this.#postings[termId] = undefined;
  }
}

function popcount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** The first `count` of `numbers` in the order `before`, without sorting them all. */
function topOf(numbers: number[], count: number, before: (a: number, b: number) => boolean): number[] {
  if (count <= 0) return [];
  if (numbers.length <= count * 4) return [...numbers].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(0, count);
  // A bounded heap whose root is the worst of the best `count` so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const left = i * 2 + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && worse(heap[left]!, heap[worst]!)) worst = left;
      if (right < heap.length && worse(heap[right]!, heap[worst]!)) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (const number of numbers) {
    if (heap.length < count) {
      heap.push(number);
      up(heap.length - 1);
    } else if (before(number, heap[0]!)) {
      heap[0] = number;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

function sameTerms(a: TermWeights, b: TermWeights): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Documents stored before reader lists existed have none (reader-lists.ts). */
function sameReaders(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join('\n') === (b ?? []).join('\n');
}

function sameFacts(a: DocumentFacts, b: DocumentFacts): boolean {
  return (
    a.kind === b.kind &&
    a.group === b.group &&
    a.dialogueId === b.dialogueId &&
    a.threadId === b.threadId &&
    a.arenaId === b.arenaId &&
    a.visibility === b.visibility &&
    // A round closing widens its minutes' readers with nothing else changed: that must be written.
    sameReaders(a.readers, b.readers) &&
    a.phase === b.phase &&
    a.answered === b.answered &&
    a.createdAt === b.createdAt &&
    a.buyerOrganisationIds.join('\n') === b.buyerOrganisationIds.join('\n')
  );
}
