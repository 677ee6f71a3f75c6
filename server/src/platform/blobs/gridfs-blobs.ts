// The production engine of the blob port: GridFS on the same MongoDB as the document store, in the
// bucket `blobs` (collections blobs.files and blobs.chunks). Thin on purpose: only the contract
// suite with MONGODB_URL set runs it. Ids are ObjectIds (as hex), whose timestamp says when an
// upload started, so chunks a crashed upload left without a file document can be told from one
// still going on. Writes are acknowledged by a majority of the replica set, as the store's are.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, MongoClient, MongoRuntimeError, ObjectId, type Db } from 'mongodb';
import type { BlobStore, ByteRange, StoredBlob } from './blob-store.ts';
import { metered } from './metered-source.ts';

const BUCKET = 'blobs';

/** `dbName` overrides the database named in the URL, as for the store. */
export async function openGridFsBlobs(url: string, dbName?: string): Promise<BlobStore> {
  const client = new MongoClient(url);
  await client.connect();
  return new GridFsBlobs(client, client.db(dbName));
}

class GridFsBlobs implements BlobStore {
  readonly engine = 'gridfs' as const;
  private readonly bucket: GridFSBucket;

  constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {
    this.bucket = new GridFSBucket(db, { bucketName: BUCKET, writeConcern: { w: 'majority', journal: true } });
  }

  async put(source: AsyncIterable<Uint8Array>, { maxBytes }: { maxBytes: number }): Promise<StoredBlob> {
    const id = new ObjectId();
    const bytes = metered(source, maxBytes);
    const upload = this.bucket.openUploadStreamWithId(id, id.toHexString());
    try {
      // The file document is written after the last chunk: until then the blob does not exist.
      await pipeline(Readable.from(bytes.chunks), upload);
    } catch (error) {
      await upload.abort().catch(() => {});
      throw error;
    }
    return { id: id.toHexString(), ...bytes.result() };
  }

  async read(id: string, range?: ByteRange): Promise<Readable | null> {
    const objectId = toObjectId(id);
    if (!objectId || (await this.size(id)) === null) return null;
    // GridFS's `end` is exclusive; the port's is inclusive, as in HTTP.
    return this.bucket.openDownloadStream(objectId, range ? { start: range.start, end: range.end + 1 } : {});
  }

  async size(id: string): Promise<number | null> {
    const objectId = toObjectId(id);
    if (!objectId) return null;
    const file = await this.bucket.find({ _id: objectId }, { projection: { length: 1 } }).next();
    return file ? file.length : null;
  }

  async delete(id: string): Promise<void> {
    const objectId = toObjectId(id);
    if (!objectId) return;
    // The driver removes the file document, then the chunks; a crash in between leaves chunks
    // without a file, which `discardInterrupted` removes. It throws when there was no file.
    await this.bucket.delete(objectId).catch((error: unknown) => {
      if (!(error instanceof MongoRuntimeError && error.message.startsWith('File not found'))) throw error;
    });
  }

  async *storedBefore(before: Date): AsyncIterable<string> {
    const cursor = this.bucket.find({ uploadDate: { $lt: before } }, { projection: { _id: 1 }, sort: { uploadDate: 1 } });
    for await (const file of cursor) yield (file._id as ObjectId).toHexString();
  }

  async discardInterrupted(before: Date): Promise<number> {
    const chunks = this.db.collection(`${BUCKET}.chunks`);
    // Uploads started before `before` (their id's timestamp) whose file document never came.
    const startedBefore = ObjectId.createFromTime(Math.floor(before.getTime() / 1000));
    const orphans = await chunks
      .aggregate<{ _id: ObjectId }>([
        { $match: { n: 0, files_id: { $lt: startedBefore } } },
        { $lookup: { from: `${BUCKET}.files`, localField: 'files_id', foreignField: '_id', as: 'file' } },
        { $match: { file: { $size: 0 } } },
        { $project: { _id: '$files_id' } },
      ])
      .toArray();
    if (orphans.length === 0) return 0;
    await chunks.deleteMany({ files_id: { $in: orphans.map((orphan) => orphan._id) } });
    return orphans.length;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

function toObjectId(id: string): ObjectId | null {
  return /^[0-9a-f]{24}$/.test(id) ? ObjectId.createFromHexString(id) : null;
}
