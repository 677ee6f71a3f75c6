// The embedded engine of the document store port (DESIGN.md §4), for development, CI and small
// installations without a MongoDB server.
//
// - Every document lives in memory as its encoded image (logged-write.ts) in a few large Buffers
//   off the JS heap (image-slabs.ts; a Map per collection from id to slot), decoded into a new
//   object whenever it is read. MongoDB's filter, update and sort documents are evaluated by
//   mingo on the decoded documents, so repositories run unchanged against either engine.
// - Durability: each committed transaction is one frame in an append-only log (transaction-log.ts),
//   acknowledged after fdatasync. Opening replays the log; a log much larger than the live data is
//   compacted into a snapshot first.
// - Transactions run one at a time (transaction-lock.ts). Their writes go to an overlay that
//   reads in the same scope see; commit appends the overlay as one log frame and applies it to
//   memory. The lock is released before the fdatasync, so transactions that commit while a sync
//   is in flight share the next one (group commit). A read outside a transaction may therefore see
//   a write whose fdatasync is still running; it is acknowledged to its writer only once durable.
// - Declared indexes (ordered-index.ts, chosen by query-plan.ts) give the candidates for filters
//   that fix their leading fields by equality or bound the next by a range, in the index's order,
//   so a thread page reads its posts and a newest-first list with a limit stops after the limit.
//   Each compaction saves their keys beside the new log (saved-index-keys.ts); declaring an index
//   after opening loads them when they match the log and the declaration, and otherwise decodes
//   every document of the collection to build it.

import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
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
import { documentMatcher } from './document-matcher.ts';
import { imagePrefilter, type ImagePrefilter } from './image-prefilter.ts';
import { assertUpdateOperators, updatedDocument, upsertedDocument } from './document-update.ts';
import { OrderedIndex, uniqueKeyText, type IndexKey } from './ordered-index.ts';
import { bestPlan, equalityValues, type IndexPlan } from './query-plan.ts';
import { sortDocuments } from './sort-order.ts';
import { openTransactionLog, rewritePath, type OpenLogFile, type TransactionLog } from './transaction-log.ts';
import { lockDirectory } from './directory-lock.ts';
import { indexKeysPath, LogPointCheck, readIndexKeys, removeIndexKeys, SavedIndexKeys, writeIndexKeys, type CapturedIndex } from './saved-index-keys.ts';
import { decodeDocument, encodeDocument, encodeImages, ImageFrameWriter, visitImages, type ImageWrite, type LoggedWrite } from './logged-write.ts';
import { ImageSlabs } from './image-slabs.ts';
import { TransactionLock } from './transaction-lock.ts';

/** Compact once the log holds this many more document images than there are live documents… */
const COMPACTION_MIN_DEAD_IMAGES = 10_000;
/** …and at least this many times as many images as live documents. */
const COMPACTION_RATIO = 2;
/** Documents per frame of a snapshot: a frame costs a few milliseconds to serialise, between yields. */
const SNAPSHOT_FRAME_DOCUMENTS = 500;
/** A transaction waiting this long for the lock is probably waiting for itself. */
const LOCK_WAIT_WARNING_MS = 10_000;

export type EmbeddedStoreOptions = {
  /** Opens the log's files; tests pass a wrapper to watch or fail writes and syncs. */
  openFile?: OpenLogFile;
  /** When the log counts as mostly dead and is compacted (tests use small numbers). */
  compaction?: { minDeadImages: number; ratio: number };
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
  const slabs = new ImageSlabs();
  let imagesInLog = 0;
  // A save of index keys cut short leaves its temp file (which may hold keys since erased).
  await rm(rewritePath(indexKeysPath(dir)), { force: true });
  const savedFile = await readIndexKeys(dir);
  const saved = savedFile === null ? null : new SavedIndexKeys(savedFile);
  const point = savedFile === null ? null : new LogPointCheck(savedFile.point);
  const { log } = await openTransactionLog(
    storeLogPath(dir),
    (payload, { offset, checksum }) => {
      // No index is declared yet: replay only files each image under its id, decoding nothing.
      visitImages(payload, (name, id, bytes, start, length) => {
        let stored = collections.get(name);
        if (stored === undefined) collections.set(name, (stored = new StoredCollection(slabs)));
        // Past the saved keys' point, a document's keys there are the keys of its image there.
        if (point?.reached) saved!.noteWrite(name, id, stored.image(id) ?? null);
        stored.replay(id, bytes, start, length);
        imagesInLog += 1;
      });
      point?.replayed(offset, payload.length, checksum);
    },
    options,
  );

  const threshold = options.compaction ?? { minDeadImages: COMPACTION_MIN_DEAD_IMAGES, ratio: COMPACTION_RATIO };
  const usable = point?.reached === true && !saved!.exhausted;
  return new EmbeddedDocumentStore(dir, collections, slabs, log, unlock, imagesInLog, threshold, usable ? saved : null);
}

export class EmbeddedDocumentStore implements DocumentStore {
  readonly engine = 'embedded' as const;
  /**
   * Documents tested against a filter since open: lets tests see that an index was used; and of
   * those, the ones decoded to be tested (the others' images could not match: image-prefilter.ts).
   */
  readonly stats = { documentsExamined: 0, documentsDecoded: 0, compactions: 0, indexesFromSavedKeys: 0, indexesBuilt: 0 };
  private readonly lock = new TransactionLock();
  private closed = false;
  /** Before-images of commits applied to memory whose frames are not yet durable, oldest first. */
  private notDurable: { beforeImages: ImageWrite[] }[] = [];

  /** The running compaction, if any. */
  private compaction: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly collections: Map<string, StoredCollection>,
    private readonly slabs: ImageSlabs,
    private readonly log: TransactionLog,
    private readonly unlock: () => Promise<void>,
    /** Document images (live or superseded) in the log file: what compaction would drop is this minus the live ones. */
    private imagesInLog: number,
    private readonly compactionThreshold: { minDeadImages: number; ratio: number },
    /** Keys saved at the last compaction that matched the log, until every one is declared. */
    private savedKeys: SavedIndexKeys | null,
  ) {
    this.compactIfMostlyDead();
  }

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
      const added: OrderedIndex[] = [];
      for (const spec of indexes) {
        const index = new OrderedIndex(spec);
        const declared = stored.indexes.get(index.name) ?? added.find((other) => other.name === index.name);
        if (declared !== undefined) {
          if (declared.declares(spec)) continue;
          throw new Error(`index ${index.name} on ${collection} is already declared with other keys or options`);
        }
        added.push(index);
      }
      if (added.length === 0) return;
      const loaded = added.filter((index) => this.loadSavedKeys(collection, stored, index));
      if (loaded.length > 0) this.moveWrittenSincePoint(collection, stored, loaded);
      if (this.savedKeys?.exhausted) this.savedKeys = null;
      const built = added.filter((index) => !loaded.includes(index));
      if (built.length > 0) {
        // Each document is decoded once for all the new indexes, and dropped right after.
        const keys = built.map((): IndexKey[] => []);
        for (const [, image] of stored.entries()) {
          const document = decodeDocument(image);
          built.forEach((index, i) => index.collectKeys(document, keys[i]!));
        }
        built.forEach((index, i) => {
          if (!index.loadKeys(keys[i]!)) throw new DuplicateKeyError(collection, index.name);
        });
        this.stats.indexesBuilt += built.length;
      }
      for (const index of added) stored.indexes.set(index.name, index);
    } finally {
      release();
    }
  }

  health(): StoreHealth {
    return this.log.health();
  }

  /** The store's directory is locked to this process, so every write is applied through `put`. */
  writeCount(collection: string): number {
    return this.collections.get(collection)?.writes ?? 0;
  }

  /**
   * Loads `index` with the keys saved at the log's last compaction, as they were at its point
   * (moveWrittenSincePoint brings them up to date). False when there are none fit to use, or when
   * so much was written since that building the index from the documents is cheaper.
   */
  private loadSavedKeys(collection: string, stored: StoredCollection, index: OrderedIndex): boolean {
    const savedKeys = this.savedKeys;
    if (savedKeys === null) return false;
    // Each document written since costs two decodes; a build costs one per document.
    const worthIt = savedKeys.changedSince(collection).size <= stored.size / 4 + 1_000;
    const saved = worthIt ? savedKeys.take(collection, index) : savedKeys.decline(collection, index);
    if (saved === null) return false;
    // The keys come in order, so the sort finds one run (a comparison per key); loading also
    // judges uniqueness as a build does, and a build gives the verdict when it fails.
    if (!index.loadKeys(saved.keys)) return false;
    index.multikey = saved.multikey;
    this.stats.indexesFromSavedKeys += 1;
    return true;
  }

  /**
   * Moves each document written since the saved keys' point from its keys there to its keys now,
   * in `indexes` (just loaded from saved keys), decoding it once for all of them; then checks the
   * unique ones as a build would, since commits before a declaration were not checked.
   */
  private moveWrittenSincePoint(collection: string, stored: StoredCollection, indexes: OrderedIndex[]): void {
    const changed = this.savedKeys!.changedSince(collection);
    const unique = indexes.filter((index) => index.unique);
    for (const [id, before] of changed) {
      const previous = before === null ? null : decodeDocument(before);
      const image = stored.image(id);
      const current = image === undefined ? null : decodeDocument(image);
      for (const index of indexes) {
        if (previous !== null) index.remove(previous);
        if (current !== null) index.add(current);
      }
    }
    for (const id of changed.keys()) {
      const image = stored.image(id);
      if (image === undefined || unique.length === 0) continue;
      const current = decodeDocument(image);
      for (const index of unique) if (index.holdsDuplicateOf(current)) throw new DuplicateKeyError(collection, index.name);
    }
  }

  /**
   * Rewrites the log as a snapshot of the live documents while writes go on, so superseded images
   * (an erased person's old name, say) leave the file. Resolves once the compacted log is in
   * place. A compaction already running may have read memory before the caller's last commit, so
   * this waits for it and then runs one of its own.
   */
  async compact(): Promise<void> {
    this.assertOpen();
    await this.compaction?.catch(() => {});
    await this.startCompaction();
  }

  /** Resolves when no compaction is running (tests, benchmarks). */
  async whenCompacted(): Promise<void> {
    while (this.compaction !== null) await this.compaction.catch(() => {});
  }

  /** The memory holding the documents' images: slabs and their bytes (tests, benchmarks). */
  imageMemory(): { slabs: number; bytes: number } {
    return this.slabs.held();
  }

  /** Committed documents per non-empty collection, for maintenance tools and tests. */
  documentCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [name, stored] of this.collections) if (stored.size > 0) counts[name] = stored.size;
    return counts;
  }

  async close(): Promise<void> {
    const release = await this.acquireLock();
    try {
      if (this.closed) return;
      this.closed = true;
      await this.log.close();
      // A compaction's saving of index keys stops at its next frame; the directory stays ours until then.
      await this.compaction?.catch(() => {});
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
    const images = writes.map(([name, id, document]): ImageWrite => [name, id, document === null ? null : encodeDocument(document)]);
    const durable = this.log.append(encodeImages(images));
    // Views of the slabs, whose bytes are never written again: they stay whole however memory changes.
    const beforeImages = writes.map(([name, id]): ImageWrite => [name, id, this.collections.get(name)?.image(id) ?? null]);
    if (this.savedKeys !== null) for (const [name, id, image] of beforeImages) this.savedKeys.noteWrite(name, id, image);
    // Memory keeps a copy of the bytes the log holds; the staged objects give the indexes their keys.
    applyWrites(this.collections, this.slabs, images, writes.map(([, , document]) => document));
    const pending = { beforeImages };
    this.notDurable.push(pending);
    this.imagesInLog += writes.length;
    this.compactIfMostlyDead();
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

  private compactIfMostlyDead(): void {
    if (this.compaction !== null || this.closed || !this.log.health().writable) return;
    let live = 0;
    for (const stored of this.collections.values()) live += stored.size;
    const { minDeadImages, ratio } = this.compactionThreshold;
    if (this.imagesInLog - live < minDeadImages || this.imagesInLog < ratio * live) return;
    this.startCompaction().catch((error: unknown) => {
      process.emitWarning(`compacting the store log failed; the old log is kept: ${error instanceof Error ? error.message : String(error)}`, {
        code: 'DIALOGFORUM_STORE_COMPACTION_FAILED',
      });
    });
  }

  private startCompaction(): Promise<void> {
    this.compaction ??= this.runCompaction().finally(() => {
      this.compaction = null;
    });
    return this.compaction;
  }

  private async runCompaction(): Promise<void> {
    // The saved keys describe the log about to be replaced, and may hold what an erasure removes.
    await removeIndexKeys(this.dir);
    if (this.closed) return;
    const imagesAtStart = this.imagesInLog;
    const snapshot = { images: 0 };
    let indexes: CapturedIndex[] = [];
    const point = await this.log.compact(snapshotFrames(this.collections, this.slabs, snapshot), () => {
      indexes = this.captureIndexes();
    });
    if (point === null) return;
    // The new log holds the snapshot and every commit since the compaction began.
    this.imagesInLog = snapshot.images + (this.imagesInLog - imagesAtStart);
    this.stats.compactions += 1;
    // Keys saved for the old log and not declared since would be kept only for an index built anew.
    this.savedKeys = null;
    // No index declared, nothing to save (the old keys were removed when this began).
    if (indexes.length === 0) return;
    try {
      await writeIndexKeys(this.dir, point, indexes, () => this.closed);
    } catch (error) {
      // Only opening is slower without them: each index is then built from the documents.
      await removeIndexKeys(this.dir).catch(() => {});
      if (!this.closed) {
        process.emitWarning(`saving the store's index keys failed; opening will build the indexes: ${error instanceof Error ? error.message : String(error)}`, {
          code: 'DIALOGFORUM_STORE_INDEX_KEYS_FAILED',
        });
      }
    }
  }

  /** Each declared index as it is now (a lazy copy-on-write view), at a compaction's switch. */
  private captureIndexes(): CapturedIndex[] {
    const captured: CapturedIndex[] = [];
    for (const [collection, stored] of this.collections) {
      for (const index of stored.indexes.values()) {
        captured.push({ collection, name: index.name, declaration: index.declaration, multikey: index.multikey, entries: index.entriesAsOfNow() });
      }
    }
    return captured;
  }

  private undoNotDurable(): void {
    for (const { beforeImages } of this.notDurable.reverse()) applyWrites(this.collections, this.slabs, beforeImages.reverse());
    this.notDurable = [];
  }

  private stored(name: string): StoredCollection {
    let stored = this.collections.get(name);
    if (stored === undefined) this.collections.set(name, (stored = new StoredCollection(this.slabs)));
    return stored;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the document store is closed');
  }
}

/** Committed state of one collection: each document's encoded image, and the declared indexes. */
class StoredCollection {
  /** Each document's slot in the store's image slabs. */
  private readonly slots = new Map<string, number>();
  readonly indexes = new Map<string, OrderedIndex>();
  /** Writes applied (replayed at open, committed, or undone): see DocumentStore.writeCount. */
  writes = 0;

  constructor(private readonly slabs: ImageSlabs) {}

  get size(): number {
    return this.slots.size;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** The document's image: a view of its slab, for as long as the caller holds it. */
  image(id: string): Buffer | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.slabs.view(slot);
  }

  get(id: string): StoredDocument | undefined {
    const image = this.image(id);
    return image === undefined ? undefined : decodeDocument(image);
  }

  /** Every document's id and image, also those committed while this goes on. */
  *entries(): Generator<[id: string, image: Buffer]> {
    for (const [id, slot] of this.slots) yield [id, this.slabs.view(slot)];
  }

  /** Every document's id and slot (compaction). */
  slotEntries(): IterableIterator<[id: string, slot: number]> {
    return this.slots.entries();
  }

  /**
   * At open, before any index is declared: files the image at bytes[start, start + length) under
   * `id` where it is (the log reader's window becomes a slab, copied nowhere); length -1 deletes.
   */
  replay(id: string, bytes: Buffer, start: number, length: number): void {
    if (this.indexes.size > 0) throw new Error('bug: replay after an index was declared');
    const slot = this.slots.get(id);
    if (slot !== undefined) this.slabs.release(slot);
    if (length < 0) this.slots.delete(id);
    else this.slots.set(id, this.slabs.adoptAt(bytes, start, length));
  }

  /** Files a copy of `image` under `id`; `document` is the same image decoded, when the caller has it. */
  put(id: string, image: Buffer | null, document?: StoredDocument | null): void {
    this.writes += 1;
    if (this.indexes.size > 0) {
      const previous = this.get(id);
      const next = image === null ? null : (document ?? decodeDocument(image));
      for (const index of this.indexes.values()) {
        // Most updates (a counter, a text) leave the indexed fields alone: no tree work for them.
        if (previous !== undefined && next !== null && index.sameKeys(previous, next)) continue;
        if (previous !== undefined) index.remove(previous);
        if (next !== null) index.add(next);
      }
    }
    const slot = this.slots.get(id);
    if (slot !== undefined) this.slabs.release(slot);
    if (image === null) this.slots.delete(id);
    else this.slots.set(id, this.slabs.copy(image));
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
    private readonly stats: { documentsExamined: number; documentsDecoded: number },
  ) {}

  get(id: string): StoredDocument | undefined {
    if (this.staged?.images.has(id)) return this.staged.images.get(id) ?? undefined;
    return this.stored.get(id);
  }

  has(id: string): boolean {
    if (this.staged?.images.has(id)) return this.staged.images.get(id) !== null;
    return this.stored.has(id);
  }

  /**
   * `document` (from `matching` or `find`) as the caller may keep it: a committed document was
   * decoded for this read and is the caller's already; a staged one is the transaction's own.
   */
  handOut(document: StoredDocument): StoredDocument {
    return this.staged?.images.get(document._id) === document ? structuredClone(document) : document;
  }

  /** What `matching({ _id: id })` finds, counted the same way. */
  byId(id: string): StoredDocument | undefined {
    const document = this.get(id);
    if (document !== undefined) this.stats.documentsExamined += 1;
    return document;
  }

  /**
   * Matching documents, at most `limit`: in the plan's walk order when it has one, else in no
   * particular order. Staged ones are the transaction's own objects (see handOut).
   */
  matching(filter: Filter, limit = Infinity, plan: IndexPlan | null = this.plan(filter, undefined)): StoredDocument[] {
    const matches = documentMatcher(filter);
    const found: StoredDocument[] = [];
    const staged = this.staged?.images;
    const consider = (document: StoredDocument) => {
      this.stats.documentsExamined += 1;
      if (matches(document)) found.push(document);
    };
    const examine = (image: Buffer, mayMatch: ImagePrefilter | null) => {
      if (mayMatch === null || mayMatch(image)) {
        this.stats.documentsDecoded += 1;
        consider(decodeDocument(image));
      } else this.stats.documentsExamined += 1;
    };
    const ids = idsFixedBy(filter);
    if (ids !== null) {
      for (const id of ids) {
        if (found.length >= limit) return found;
        if (staged?.has(id)) continue;
        const image = this.stored.image(id);
        if (image !== undefined) examine(image, null);
      }
    } else if (plan !== null) {
      // A multikey index holds a document once per array element: meet each once.
      const seen = plan.index.multikey ? new Set<string>() : null;
      // The index fixes its own fields; a string the filter asks another field to equal (a thread's
      // posts of one kind) still rules out images that do not hold it, undecoded.
      const mayMatch = imagePrefilter(filter);
      for (const range of plan.ranges) {
        for (const id of plan.index.walk(range, plan.walk)) {
          if (found.length >= limit) return found;
          if (seen !== null) {
            if (seen.has(id)) continue;
            seen.add(id);
          }
          if (staged?.has(id)) continue;
          const image = this.stored.image(id);
          if (image !== undefined) examine(image, mayMatch);
        }
      }
    } else {
      const mayMatch = imagePrefilter(filter);
      for (const [id, image] of this.stored.entries()) {
        if (found.length >= limit) return found;
        if (staged?.has(id)) continue;
        examine(image, mayMatch);
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
    const wanted = limit > 0 ? skip + limit : Infinity;
    // A transaction's own writes are not in the indexes, so its sorted reads sort after matching.
    const plan = this.plan(filter, this.staged !== null && this.staged.images.size > 0 ? undefined : sort);
    if (sort === undefined || plan?.servesSort) return this.matching(filter, wanted, plan).slice(skip);
    return sortDocuments(this.matching(filter, Infinity, plan), sort).slice(skip, limit > 0 ? skip + limit : undefined);
  }

  insert(document: StoredDocument): void {
    if (typeof document._id !== 'string') throw new TypeError(`${this.name}: a document needs a string _id`);
    if (this.has(document._id)) throw new DuplicateKeyError(this.name, '_id_');
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
    if (this.has(inserted._id)) throw new DuplicateKeyError(this.name, '_id_');
    this.stage(inserted._id, inserted);
    return { result: { matchedCount: 0, modifiedCount: 0, upsertedId: inserted._id }, after: inserted };
  }

  deleteMatching(filter: Filter): number {
    const doomed = this.matching(filter);
    for (const document of doomed) this.stage(document._id, null);
    return doomed.length;
  }

  private plan(filter: Filter, sort: FindOptions['sort']): IndexPlan | null {
    return idsFixedBy(filter) === null ? bestPlan(this.stored.indexes.values(), filter, sort) : null;
  }

  /** Puts `image` in the overlay, first checking every unique index against committed and staged documents. */
  private stage(id: string, image: StoredDocument | null): void {
    const staged = this.staged;
    if (staged === null) throw new Error('bug: a write outside a transaction');
    const previous = staged.images.get(id) ?? null;
    const uniqueIndexes = [...this.stored.indexes.values()].filter((index) => index.unique);
    const newKeys = uniqueIndexes.map((index) => (image === null ? [] : index.uniqueKeysOf(image)));

    uniqueIndexes.forEach((index, i) => {
      const stagedKeys = staged.uniqueKeys.get(index.name);
      for (const values of newKeys[i]!) {
        for (const other of index.idsWithValues(values)) {
          // A committed holder of the key that this transaction rewrote is judged by its staged image.
          if (other !== id && !staged.images.has(other)) throw new DuplicateKeyError(this.name, index.name);
        }
        for (const other of stagedKeys?.get(uniqueKeyText(values)) ?? []) {
          if (other !== id) throw new DuplicateKeyError(this.name, index.name);
        }
      }
    });

    uniqueIndexes.forEach((index, i) => {
      let stagedKeys = staged.uniqueKeys.get(index.name);
      if (stagedKeys === undefined) staged.uniqueKeys.set(index.name, (stagedKeys = new Map()));
      if (previous !== null) {
        for (const values of index.uniqueKeysOf(previous)) stagedKeys.get(uniqueKeyText(values))?.delete(id);
      }
      for (const values of newKeys[i]!) {
        const text = uniqueKeyText(values);
        let holders = stagedKeys.get(text);
        if (holders === undefined) stagedKeys.set(text, (holders = new Set()));
        holders.add(id);
      }
    });
    staged.images.set(id, image);
  }
}

/** The id of a filter `{ _id: '…' }` and nothing else; null for any other filter. */
function onlyId(filter: Filter): string | null {
  let id: unknown = null;
  for (const field in filter) {
    if (field !== '_id' || id !== null) return null;
    id = filter[field];
  }
  return typeof id === 'string' ? id : null;
}

/** The ids a filter pins `_id` to, or null when it does not. */
function idsFixedBy(filter: Filter): Set<string> | null {
  const ids = equalityValues(filter, '_id');
  return ids === null ? null : new Set(ids.filter((id): id is string => typeof id === 'string'));
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
    // By id alone, the most common read (every page looks its dialogue up so): straight to the
    // document, without planning the query and building a matcher for it.
    const view = this.read();
    const id = onlyId(filter);
    const found = id === null ? view.find(filter, { limit: 1 })[0] : view.byId(id);
    return found === undefined ? null : (view.handOut(found) as T);
  }

  async find(filter: Filter, options?: FindOptions): Promise<T[]> {
    const view = this.read();
    return view.find(filter, options).map((document) => view.handOut(document) as T);
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

/** Files each write's image; `documents[i]`, when given, is write i's image decoded. */
function applyWrites(collections: Map<string, StoredCollection>, slabs: ImageSlabs, writes: ImageWrite[], documents?: (StoredDocument | null)[]): void {
  writes.forEach(([name, id, image], i) => {
    let stored = collections.get(name);
    if (stored === undefined) collections.set(name, (stored = new StoredCollection(slabs)));
    stored.put(id, image, documents?.[i]);
  });
}

/**
 * The live documents as log frames, read from memory lazily while commits go on (see
 * TransactionLog.compact for why that is exact). Counts the images it yields into `counted`.
 *
 * Each frame is built in the same buffer (the log copies it before asking for the next), and
 * memory stays where it is: no object is made per document, which is what kept compaction of a
 * million documents from pausing the event loop for the garbage collector. Images in a mostly dead
 * slab (superseded images around them) move to the append slab on the way, a frame's worth
 * between yields, so the dead bytes are let go as the old log file is.
 */
function* snapshotFrames(collections: Map<string, StoredCollection>, slabs: ImageSlabs, counted: { images: number }): Generator<Buffer> {
  const frame = new ImageFrameWriter();
  const cut = () => {
    counted.images += frame.count;
    return frame.take();
  };
  for (const [name, stored] of collections) {
    for (const [id, slot] of stored.slotEntries()) {
      if (slabs.inSparseSlab(slot)) slabs.evacuate(slot);
      frame.add(name, id, slabs.view(slot));
      if (frame.count >= SNAPSHOT_FRAME_DOCUMENTS) yield cut();
    }
  }
  if (frame.count > 0) yield cut();
}
