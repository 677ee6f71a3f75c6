// Fault injection around the real search engine (integration/search-outage.test.ts,
// integration/search-dialogue-chunks.test.ts): each call is passed on, unless `fault` answers an
// error for it; then the call fails with that error, as a lost connection or a dead process would.
import type { SearchDocument, SearchIndex } from '../../src/platform/search/search-index.ts';

export type SearchCall = { operation: 'upsert' | 'remove' | 'search' | 'clear'; docs: SearchDocument[] };

export class FaultySearch implements SearchIndex {
  /** Calls that failed so far. */
  refused = 0;
  constructor(
    private readonly inner: SearchIndex,
    private readonly fault: (call: SearchCall) => Error | null,
  ) {}
  get engine() {
    return this.inner.engine;
  }
  #check(call: SearchCall): void {
    const error = this.fault(call);
    if (error) {
      this.refused++;
      throw error;
    }
  }
  async upsert(...args: Parameters<SearchIndex['upsert']>) {
    this.#check({ operation: 'upsert', docs: args[0] });
    return this.inner.upsert(...args);
  }
  async remove(...args: Parameters<SearchIndex['remove']>) {
    this.#check({ operation: 'remove', docs: [] });
    return this.inner.remove(...args);
  }
  async search(...args: Parameters<SearchIndex['search']>) {
    this.#check({ operation: 'search', docs: [] });
    return this.inner.search(...args);
  }
  async clear() {
    this.#check({ operation: 'clear', docs: [] });
    return this.inner.clear();
  }
  durableThroughSeq() {
    return this.inner.durableThroughSeq();
  }
  close() {
    return this.inner.close();
  }
}
