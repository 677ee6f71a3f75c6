// Views that are the same for everyone in an audience (a dialogue's first page of threads for the
// public, say), kept in memory while what they were built from has not changed. Each entry records
// the version it was built at (a dialogue's change counter); a reader that sees another version
// builds the view again. The oldest entries go first when the cache is full.
export class ViewCache<V> {
  private readonly entries = new Map<string, { version: number; value: V }>();
  /** The key at the back of the eviction order. */
  private newest: string | undefined;

  constructor(private readonly maxEntries = 2000) {}

  get(key: string, version: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Used again: it moves to the back of the eviction order. Not when it is there already, as
    // the hottest page is: a Map's delete and set leave a hole that is compacted by copying.
    if (key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.newest = key;
    }
    return entry.value;
  }

  set(key: string, version: number, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { version, value });
    this.newest = key;
  }

  /** Something every view may show changed (a person's or organisation's name): start over. */
  clear(): void {
    this.entries.clear();
    this.newest = undefined;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The app's view caches by name, as the store hands out collections: each module names its own. */
export class ViewCaches {
  private readonly caches = new Map<string, ViewCache<unknown>>();

  named<V>(name: string): ViewCache<V> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new ViewCache<unknown>()));
    return cache as ViewCache<V>;
  }

  /** A name or an organisation changed: every cached view may show it. */
  clearAll(): void {
    for (const cache of this.caches.values()) cache.clear();
  }
}
