// The production engine of the document store port: the official driver against a MongoDB replica
// set. Deliberately thin, because only the contract suite with MONGODB_URL set exercises it. What
// it adds to the driver is what keeps both engines alike: string ids for upserts, all-or-nothing
// insertMany, and DuplicateKeyError for error 11000.

import { randomUUID } from 'node:crypto';
import {
  MongoClient,
  MongoServerError,
  type ClientSession,
  type Collection as DriverCollection,
  type Db,
} from 'mongodb';
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

const DUPLICATE_KEY = 11000;

/** `dbName` overrides the database named in the URL (the driver's default is `test`). */
export async function openMongoStore(url: string, dbName?: string): Promise<DocumentStore> {
  const client = new MongoClient(url);
  // Watched from the start: the driver reports every change of what it knows about the servers.
  const writable = { now: true };
  client.on('topologyDescriptionChanged', (event) => {
    writable.now = [...event.newDescription.servers.values()].some((server) => server.isWritable);
  });
  await client.connect();
  return new MongoDocumentStore(client, client.db(dbName), writable);
}

class MongoDocumentStore implements DocumentStore {
  readonly engine = 'mongodb' as const;
  private closed = false;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly writable: { now: boolean },
  ) {}

  health(): StoreHealth {
    if (this.closed) return { writable: false, reason: 'the store is closed' };
    return this.writable.now ? { writable: true } : { writable: false, reason: 'no writable MongoDB primary is reachable' };
  }

  collection<T extends StoredDocument>(name: string): Collection<T> {
    return new MongoCollection<T>(this, this.db.collection<StoredDocument>(name), null);
  }

  /** Other nodes write to the same database: nothing read here may be kept. */
  writeCount(): null {
    return null;
  }

  async withTransaction<R>(work: (scope: TransactionScope) => Promise<R>): Promise<R> {
    const session = this.client.startSession();
    try {
      return await session.withTransaction(
        () =>
          work({
            collection: <T extends StoredDocument>(name: string) =>
              new MongoCollection<T>(this, this.db.collection<StoredDocument>(name), session),
          }),
        { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } },
      );
    } finally {
      await session.endSession();
    }
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    if (indexes.length === 0) return;
    await this.db.collection(collection).createIndexes(
      indexes.map(({ keys, unique, name }) => ({
        key: keys,
        ...(unique === undefined ? {} : { unique }),
        ...(name === undefined ? {} : { name }),
      })),
    );
  }

  /** WiredTiger rewrites documents in place; what lingers is the oplog's, which rolls over on its own. */
  async compact(): Promise<void> {}

  async close(): Promise<void> {
    this.closed = true;
    await this.client.close();
  }
}

class MongoCollection<T extends StoredDocument> implements Collection<T> {
  readonly name: string;

  constructor(
    private readonly store: MongoDocumentStore,
    private readonly native: DriverCollection<StoredDocument>,
    private readonly session: ClientSession | null,
  ) {
    this.name = native.collectionName;
  }

  private get options(): { session?: ClientSession } {
    return this.session === null ? {} : { session: this.session };
  }

  async insertOne(document: T): Promise<void> {
    await this.translated(() => this.native.insertOne(document, this.options));
  }

  async insertMany(documents: T[]): Promise<void> {
    if (documents.length === 0) return;
    if (this.session === null && documents.length > 1) {
      // The driver's insertMany keeps the documents before a failure; the port promises all or nothing.
      await this.store.withTransaction((scope) => scope.collection<T>(this.name).insertMany(documents));
      return;
    }
    await this.translated(() => this.native.insertMany(documents, this.options));
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.native.findOne(filter, this.options)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return (await this.native.find(filter, { ...this.options, ...options }).toArray()) as T[];
  }

  countDocuments(filter: Filter): Promise<number> {
    return this.native.countDocuments(filter, this.options);
  }

  async updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult> {
    const upsert = options?.upsert ?? false;
    const result = await this.translated(() =>
      this.native.updateOne(filter, upsert ? withStringId(filter, update) : update, { ...this.options, upsert }),
    );
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      upsertedId: (result.upsertedId as string | null) ?? null,
    };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<T | null> {
    const upsert = options?.upsert ?? false;
    return (await this.translated(() =>
      this.native.findOneAndUpdate(filter, upsert ? withStringId(filter, update) : update, {
        ...this.options,
        upsert,
        returnDocument: 'after',
      }),
    )) as T | null;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.native.deleteMany(filter, this.options)).deletedCount;
  }

  private async translated<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
        const index = /index: (\S+)/.exec(error.message)?.[1] ?? 'unknown';
        throw new DuplicateKeyError(this.name, index);
      }
      throw error;
    }
  }
}

/** MongoDB would give an upserted document an ObjectId; the port's documents have string ids. */
function withStringId(filter: Filter, update: Update): Update {
  if (Object.hasOwn(filter, '_id')) return update;
  const insertOnly = (update['$setOnInsert'] ?? {}) as Record<string, unknown>;
  if (Object.hasOwn(insertOnly, '_id')) return update;
  return { ...update, $setOnInsert: { ...insertOnly, _id: randomUUID() } };
}
