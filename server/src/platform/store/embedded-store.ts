// The embedded engine of the document store port (DESIGN.md §4), for development, CI and small
// installations without a MongoDB server.
//
// - Every document lives in memory (a Map per collection); MongoDB's filter, update and sort
//   documents are evaluated by mingo, so repositories run unchanged against either engine.
// - Durability: each committed transaction is one frame in an append-only log (transaction-log.ts),
//   acknowledged after fdatasync. Opening replays the log; a log much larger than the live data is
//   compacted into a snapshot first.
// - Transactions run one at a time (transaction-lock.ts). Their writes go to an overlay that
//   reads in the same scope see; commit appends the overlay as one log frame and applies it to
//   memory. The lock is released before the fdatasync, so transactions that commit while a sync
//   is in flight share the next one (group commit). A read outside a transaction may therefore see
//   a write whose fdatasync is still running; it is acknowledged to its writer only once durable.
// - Declared indexes (equality-index.ts) give the candidates for filters that fix their leading
//   fields by equality, so a thread page reads its posts instead of scanning the collection.

import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Query } from 'mingo';
import {
  DuplicateKeyError,
  type Collection,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type StoreHealth,
  type StoredDocument,
  type TransactionScope,
  type Update,
  type UpdateResult,
} from './document-store.ts';
import { assertUpdateOperators, updatedDocument, upsertedDocument } from './document-update.ts';
import { EqualityIndex, equalityValues } from './equality-index.ts';
import { sortDocuments } from './sort-order.ts';
import { openTransactionLog, type OpenLogFile, type TransactionLog } from './transaction-log.ts';
import { lockDirectory } from './directory-lock.ts';
import { decodeTransaction, encodeTransaction, type LoggedWrite } from './logged-write.ts';
import { TransactionLock } from './transaction-lock.ts';

/** Compact on open once the log holds this many more document images than there are live documents… */
const COMPACTION_MIN_DEAD_IMAGES = 10_000;
/** …and at least this many times as many. */
const COMPACTION_RATIO = 2;
/** A transaction waiting this long for the lock is probably waiting for itself. */
const LOCK_WAIT_WARNING_MS = 10_000;
/** Documents per frame in a compacted log. */
const SNAPSHOT_FRAME_DOCUMENTS = 1_000;

export type EmbeddedStoreOptions = {
  /** Opens the log's files; tests pass a wrapper to watch or fail writes and syncs. */
  openFile?: OpenLogFile;
};

export async function openEmbeddedStore(dir: string, options: EmbeddedStoreOptions = {}): Promise<EmbeddedDocumentStore> {
  await mkdir(dir, { recursive: true });
  const unlock = await lockDirectory(dir);
  try {
    return await openLockedStore(dir, unlock, options);
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** The log file of an embedded store directory. */
export function storeLogPath(dir: string): string {
  return join(dir, 'store.log');
}

async function openLockedStore(dir: string, unlock: () => Promise<void>, options: EmbeddedStoreOptions): Promise<EmbeddedDocumentStore> {
  const collections = new Map<string, StoredCollection>();
  let imagesInLog = 0;
  const { log } = await openTransactionLog(
    storeLogPath(dir),
    (payload) => {
      const writes = decodeTransaction(payload);
      applyWrites(collections, writes);
      imagesInLog += writes.length;
    },
    options,
  );

  let liveDocuments = 0;
  for (const collection of collections.values()) liveDocuments += collection.documents.size;
  if (imagesInLog - liveDocuments >= COMPACTION_MIN_DEAD_IMAGES && imagesInLog >= COMPACTION_RATIO * liveDocuments) {
    await log.rewrite(snapshotFrames(collections));
  }
  return new EmbeddedDocumentStore(collections, log, unlock);
}

export class EmbeddedDocumentStore implements DocumentStore {
  readonly engine = 'embedded' as const;
  /** Documents tested against a filter since open: lets tests see that an index was used. */
  readonly stats = { documentsExamined: 0 };
  private readonly lock = new TransactionLock();
  private closed = false;
  /** Before-images of commits applied to memory whose frames are not yet durable, oldest first. */
  private notDurable: { beforeImages: LoggedWrite[] }[] = [];

  constructor(
    private readonly collections: Map<string, StoredCollection>,
    private readonly log: TransactionLog,
    private readonly unlock: () => Promise<void>,
  ) {}

  collection<T extends StoredDocument>(name: string): Collection<T> {
    return new EmbeddedCollection<T>(this, name, null);
  }

  async withTransaction<R>(work: (scope: TransactionScope) => Promise<R>): Promise<R> {
    this.assertOpen();
    const release = await this.acquireLock();
    const transaction = new Transaction();
    let durable: Promise<void>;
    let result: R;
    try {
      this.assertOpen();
      const scope: TransactionScope = {
        collection: <T extends StoredDocument>(name: string) => new EmbeddedCollection<T>(this, name, transaction),
      };
      result = await work(scope);
      transaction.ended = true;
      if (transaction.failed) throw transaction.failure;
      durable = this.commit(transaction);
    } finally {
      transaction.ended = true;
      release();
    }
    await durable;
    return result;
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    const release = await this.acquireLock();
    try {
      this.assertOpen();
      const stored = this.stored(collection);
      for (const spec of indexes) {
        const index = new EqualityIndex(spec);
        const declared = stored.indexes.get(index.name);
        if (declared !== undefined) {
          if (declared.declares(spec)) continue;
          throw new Error(`index ${index.name} on ${collection} is already declared with other keys or options`);
        }
        const owners = new Map<string, string>();
        for (const document of stored.documents.values()) {
          if (index.unique) {
            for (const key of index.fullKeysOf(document)) {
              if (owners.has(key)) throw new DuplicateKeyError(collection, index.name);
              owners.set(key, document._id);
            }
          }
          index.add(document);
        }
        stored.indexes.set(index.name, index);
      }
    } finally {
      release();
    }
  }

  health(): StoreHealth {
    return this.log.health();
  }

  /** Committed documents per non-empty collection, for maintenance tools and tests. */
  documentCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [name, stored] of this.collections) if (stored.documents.size > 0) counts[name] = stored.documents.size;
    return counts;
  }

  async close(): Promise<void> {
    const release = await this.acquireLock();
    try {
      if (this.closed) return;
      this.closed = true;
      await this.log.close();
      await this.unlock();
    } finally {
      release();
    }
  }

  /** @internal the collection as `transaction` (or, when null, committed state) sees it. */
  view(name: string, transaction: Transaction | null): CollectionView {
    this.assertOpen();
    return new CollectionView(name, this.stored(name), transaction?.staged(name) ?? null, this.stats);
  }

  /**
   * A write through the store (not the scope) inside `work` waits for the very transaction that
   * waits for it. Detecting that would take AsyncLocalStorage, which on Node 20 slows every
   * promise in the process several times over; a warning after a long wait names the likely cause.
   */
  private async acquireLock(): Promise<() => void> {
    const warning = setTimeout(() => {
      process.emitWarning(
        `a store transaction has waited ${LOCK_WAIT_WARNING_MS / 1000} s for its turn; a write through ` +
          'the store instead of the transaction scope inside withTransaction waits forever',
        { code: 'DIALOGFORUM_STORE_LOCK_WAIT' },
      );
    }, LOCK_WAIT_WARNING_MS);
    warning.unref();
    try {
      return await this.lock.acquire();
    } finally {
      clearTimeout(warning);
    }
  }

  /**
   * Appends the transaction's frame and applies it to memory at once (the lock is released before
   * the sync, so commits share syncs). Until the frame is durable its before-images are kept: when
   * the log fails instead, every commit not yet durable is refused and memory is put back as it
   * was, newest first, so nobody goes on reading a write its writer was told failed.
   */
  private commit(transaction: Transaction): Promise<void> {
    const writes = transaction.writes();
    if (writes.length === 0) return this.log.whenDurable();
    this.log.assertWritable();
    const durable = this.log.append(encodeTransaction(writes));
    const beforeImages = writes.map(([name, id]): LoggedWrite => [name, id, this.collections.get(name)?.documents.get(id) ?? null]);
    applyWrites(this.collections, writes);
    const pending = { beforeImages };
    this.notDurable.push(pending);
    return durable.then(
      () => {
        // Frames become durable in commit order, so this one and every earlier one are done.
        const done = this.notDurable.indexOf(pending);
        if (done >= 0) this.notDurable.splice(0, done + 1);
      },
      (error: unknown) => {
        this.undoNotDurable();
        throw error;
      },
    );
  }

  private undoNotDurable(): void {
    for (const { beforeImages } of this.notDurable.reverse()) applyWrites(this.collections, beforeImages.reverse());
    this.notDurable = [];
  }

  private stored(name: string): StoredCollection {
    let stored = this.collections.get(name);
    if (stored === undefined) this.collections.set(name, (stored = new StoredCollection()));
    return stored;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the document store is closed');
  }
}

/** Committed state of one collection. */
class StoredCollection {
  readonly documents = new Map<string, StoredDocument>();
  readonly indexes = new Map<string, EqualityIndex>();

  put(id: string, document: StoredDocument | null): void {
    const previous = this.documents.get(id);
    if (previous !== undefined) for (const index of this.indexes.values()) index.remove(previous);
    if (document === null) {
      this.documents.delete(id);
      return;
    }
    this.documents.set(id, document);
    for (const index of this.indexes.values()) index.add(document);
  }
}

/** Writes of one transaction to one collection, not yet committed. */
class StagedWrites {
  readonly images = new Map<string, StoredDocument | null>();
  /** Unique index name → full key → staged ids holding it, so a large insertMany checks in O(n). */
  readonly uniqueKeys = new Map<string, Map<string, Set<string>>>();
}

class Transaction {
  ended = false;
  failed = false;
  failure: unknown = undefined;
  private readonly byCollection = new Map<string, StagedWrites>();

  staged(collection: string): StagedWrites {
    let staged = this.byCollection.get(collection);
    if (staged === undefined) this.byCollection.set(collection, (staged = new StagedWrites()));
    return staged;
  }

  /** A failed write aborts the whole transaction, as it does on MongoDB. */
  fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.failure = error;
  }

  writes(): LoggedWrite[] {
    const writes: LoggedWrite[] = [];
    for (const [collection, staged] of this.byCollection) {
      for (const [id, image] of staged.images) writes.push([collection, id, image]);
    }
    return writes;
  }
}

type UpdateOutcome = { result: UpdateResult; after: StoredDocument | null };

/** One collection as one transaction sees it: committed documents overlaid with its staged writes. */
class CollectionView {
  constructor(
    private readonly name: string,
    private readonly stored: StoredCollection,
    private readonly staged: StagedWrites | null,
    private readonly stats: { documentsExamined: number },
  ) {}

  get(id: string): StoredDocument | undefined {
    if (this.staged?.images.has(id)) return this.staged.images.get(id) ?? undefined;
    return this.stored.documents.get(id);
  }

  /** Matching documents in no particular order; the store's own objects, never to be handed out. */
  matching(filter: Filter, limit = Infinity): StoredDocument[] {
    const query = new Query(filter);
    const found: StoredDocument[] = [];
    const staged = this.staged?.images;
    const consider = (document: StoredDocument) => {
      this.stats.documentsExamined += 1;
      if (query.test(document)) found.push(document);
    };
    const candidates = this.candidateIds(filter);
    if (candidates === null) {
      for (const [id, document] of this.stored.documents) {
        if (found.length >= limit) return found;
        if (!staged?.has(id)) consider(document);
      }
    } else {
      for (const id of candidates) {
        if (found.length >= limit) return found;
        const document = this.stored.documents.get(id);
        if (document !== undefined && !staged?.has(id)) consider(document);
      }
    }
    if (staged !== undefined) {
      for (const image of staged.values()) {
        if (found.length >= limit) return found;
        if (image !== null) consider(image);
      }
    }
    return found;
  }

  find(filter: Filter, options: FindOptions = {}): StoredDocument[] {
    const { sort, skip = 0, limit = 0 } = options;
    const unordered = sort === undefined && skip === 0;
    const found = this.matching(filter, unordered && limit > 0 ? limit : Infinity);
    if (unordered) return found;
    const ordered = sort === undefined ? found : sortDocuments(found, sort);
    return ordered.slice(skip, limit > 0 ? skip + limit : undefined);
  }

  insert(document: StoredDocument): void {
    if (typeof document._id !== 'string') throw new TypeError(`${this.name}: a document needs a string _id`);
    if (this.get(document._id) !== undefined) throw new DuplicateKeyError(this.name, '_id_');
    this.stage(document._id, structuredClone(document));
  }

  updateFirst(filter: Filter, update: Update, upsert: boolean): UpdateOutcome {
    assertUpdateOperators(update);
    const [current] = this.matching(filter, 1);
    if (current !== undefined) {
      const next = updatedDocument(current, update, filter);
      if (next !== null) this.stage(current._id, next);
      return { result: { matchedCount: 1, modifiedCount: next === null ? 0 : 1, upsertedId: null }, after: next ?? current };
    }
    if (!upsert) return { result: { matchedCount: 0, modifiedCount: 0, upsertedId: null }, after: null };
    const inserted = upsertedDocument(filter, update, randomUUID);
    if (this.get(inserted._id) !== undefined) throw new DuplicateKeyError(this.name, '_id_');
    this.stage(inserted._id, inserted);
    return { result: { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id }, after: inserted };
  }

  deleteMatching(filter: Filter): number {
    const doomed = this.matching(filter);
    for (const document of doomed) this.stage(document._id, null);
    return doomed.length;
  }

  private candidateIds(filter: Filter): Iterable<string> | null {
    const ids = equalityValues(filter, '_id');
    if (ids !== null) return new Set(ids.filter((id): id is string => typeof id === 'string'));
    let best: Set<string> | null = null;
    for (const index of this.stored.indexes.values()) {
      const candidates = index.candidates(filter);
      if (candidates !== null && (best === null || candidates.size < best.size)) best = candidates;
    }
    return best;
  }

  /** Puts `image` in the overlay, first checking every unique index against committed and staged documents. */
  private stage(id: string, image: StoredDocument | null): void {
    const staged = this.staged;
    if (staged === null) throw new Error('bug: a write outside a transaction');
    const previous = staged.images.get(id) ?? null;
    const uniqueIndexes = [...this.stored.indexes.values()].filter((index) => index.unique);
    const newKeys = uniqueIndexes.map((index) => (image === null ? [] : index.fullKeysOf(image)));

    uniqueIndexes.forEach((index, i) => {
      const stagedKeys = staged.uniqueKeys.get(index.name);
      for (const key of newKeys[i]!) {
        for (const other of index.idsWithKey(key)) {
          // A committed holder of the key that this transaction rewrote is judged by its staged image.
          if (other !== id && !staged.images.has(other)) throw new DuplicateKeyError(this.name, index.name);
        }
        for (const other of stagedKeys?.get(key) ?? []) {
          if (other !== id) throw new DuplicateKeyError(this.name, index.name);
        }
      }
    });

    uniqueIndexes.forEach((index, i) => {
      let stagedKeys = staged.uniqueKeys.get(index.name);
      if (stagedKeys === undefined) staged.uniqueKeys.set(index.name, (stagedKeys = new Map()));
      if (previous !== null) {
        for (const key of index.fullKeysOf(previous)) stagedKeys.get(key)?.delete(id);
      }
      for (const key of newKeys[i]!) {
        let holders = stagedKeys.get(key);
        if (holders === undefined) stagedKeys.set(key, (holders = new Set()));
        holders.add(id);
      }
    });
    staged.images.set(id, image);
  }
}

class EmbeddedCollection<T extends StoredDocument> implements Collection<T> {
  constructor(
    private readonly store: EmbeddedDocumentStore,
    readonly name: string,
    private readonly transaction: Transaction | null,
  ) {}

  async insertOne(document: T): Promise<void> {
    await this.write((view) => view.insert(document));
  }

  async insertMany(documents: T[]): Promise<void> {
    if (documents.length === 0) return;
    await this.write((view) => {
      for (const document of documents) view.insert(document);
    });
  }

  async findOne(filter: Filter): Promise<T | null> {
    const [found] = this.read().find(filter, { limit: 1 });
    return found === undefined ? null : (structuredClone(found) as T);
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    return this.read()
      .find(filter, options)
      .map((document) => structuredClone(document) as T);
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.read().matching(filter).length;
  }

  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    return this.write((view) => view.updateFirst(filter, update, options?.upsert ?? false).result);
  }

  findOneAndUpdate(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<T | null> {
    return this.write((view) => {
      const { after } = view.updateFirst(filter, update, options?.upsert ?? false);
      return after === null ? null : (structuredClone(after) as T);
    });
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.write((view) => view.deleteMatching(filter));
  }

  private read(): CollectionView {
    if (this.transaction?.ended) throw new Error('a transaction scope was used after its transaction ended');
    return this.store.view(this.name, this.transaction);
  }

  /** Outside a transaction every write is a transaction of its own. */
  private async write<R>(change: (view: CollectionView) => R): Promise<R> {
    const transaction = this.transaction;
    if (transaction === null) {
      return this.store.withTransaction((scope) => (scope.collection<T>(this.name) as EmbeddedCollection<T>).write(change));
    }
    if (transaction.ended) throw new Error('a transaction scope was used after its transaction ended');
    if (transaction.failed) throw transaction.failure;
    try {
      return change(this.store.view(this.name, transaction));
    } catch (error) {
      transaction.fail(error);
      throw error;
    }
  }
}

function applyWrites(collections: Map<string, StoredCollection>, writes: LoggedWrite[]): void {
  for (const [name, id, document] of writes) {
    let stored = collections.get(name);
    if (stored === undefined) collections.set(name, (stored = new StoredCollection()));
    stored.put(id, document);
  }
}

function* snapshotFrames(collections: Map<string, StoredCollection>): Generator<Buffer> {
  let frame: LoggedWrite[] = [];
  for (const [name, stored] of collections) {
    for (const [id, document] of stored.documents) {
      frame.push([name, id, document]);
      if (frame.length >= SNAPSHOT_FRAME_DOCUMENTS) {
        yield encodeTransaction(frame);
        frame = [];
      }
    }
  }
  if (frame.length > 0) yield encodeTransaction(frame);
}
