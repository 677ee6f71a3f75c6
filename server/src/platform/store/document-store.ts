// The document store port (DESIGN.md §4). Repositories speak MongoDB's filter, update and sort
// documents; an engine (embedded or MongoDB) evaluates them. Keep this surface small: every method
// here must behave the same on both engines, and the contract suite proves it.

export type StoredDocument = { _id: string } & Record<string, unknown>;

export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type Sort = Record<string, 1 | -1>;

export type FindOptions = {
  sort?: Sort;
  limit?: number;
  skip?: number;
};

export type UpdateResult = { matchedCount: number; modifiedCount: number; upsertedId: string | null };

export type IndexSpec = {
  /** Field paths in order, each ascending (1) or descending (-1). */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  name?: string;
};

export interface Collection<T extends StoredDocument> {
  readonly name: string;
  insertOne(doc: T): Promise<void>;
  /** All or nothing: a duplicate anywhere in `docs` inserts none of them. */
  insertMany(docs: T[]): Promise<void>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter: Filter): Promise<number>;
  /**
   * Applies a MongoDB update document (operators only, no replacement) to the first match; with
   * upsert, inserts when none matches: the filter's equality fields, then the update, then
   * `$setOnInsert`. An upserted document whose filter does not fix `_id` gets a random UUID string.
   */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  /** Applies the update and returns the document after it, or null when none matched. */
  findOneAndUpdate(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<T | null>;
  /** Removes records that are not part of the public record (login sessions, expired tokens). */
  deleteMany(filter: Filter): Promise<number>;
}

/** The collections seen inside one transaction: everything written commits together or not at all. */
export interface TransactionScope {
  collection<T extends StoredDocument>(name: string): Collection<T>;
}

/** Whether the store accepts writes now; readiness reports it. */
export type StoreHealth = { writable: boolean; reason?: string };

export interface DocumentStore {
  readonly engine: 'embedded' | 'mongodb';
  /**
   * Embedded: false for good once a write or sync of the log failed (every write not yet durable
   * was refused) or after close. MongoDB: false while the driver sees no writable primary.
   */
  health(): StoreHealth;
  collection<T extends StoredDocument>(name: string): Collection<T>;
  /**
   * A number that moves with every write to `collection` applied to what this store reads (a
   * commit, and a commit undone because the log failed), when every write passes through this
   * process: a reader may keep what it read from the collection while the number stays the same.
   * Null when other processes write too (MongoDB), so nothing read may be kept.
   */
  writeCount(collection: string): number | null;
  /**
   * Runs `work` so that all its writes commit atomically. Transactions that conflict are
   * serialised (embedded) or retried (MongoDB), so `work` may run more than once: keep it free of
   * side effects outside the scope.
   *
   * A write that fails inside `work` (a DuplicateKeyError, say) aborts the transaction: let the
   * error propagate, do not catch it and carry on. Write through the scope only: on the embedded
   * engine a write through the store itself inside `work` waits for `work` to end, forever.
   */
  withTransaction<R>(work: (scope: TransactionScope) => Promise<R>): Promise<R>;
  ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void>;
  /**
   * Drops superseded document versions from the engine's files, so that what a write replaced
   * (an erased person's name) is gone from disk, not only from queries; resolves when done.
   * Embedded: an online compaction of the log (writes go on meanwhile). MongoDB: nothing to do
   * from here; the server overwrites documents in place, and old versions age out of its oplog.
   */
  compact(): Promise<void>;
  /** Resolves with every write acknowledged so far durable, then releases files and connections. */
  close(): Promise<void>;
}

/** Thrown when a unique index would be violated; the engines map their own errors to this one. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly index: string,
  ) {
    super(`duplicate key in ${collection} (${index})`);
    this.name = 'DuplicateKeyError';
  }
}
