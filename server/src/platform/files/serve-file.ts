// Serving one stored file, whatever it is attached to, so that no browser runs or renders it as
// ours: always a download (Content-Disposition: attachment), with the type told by its content at
// upload and `nosniff`, a policy that allows nothing and sandboxes it should a browser open it
// anyway, and kept out of shared caches. Streamed from the blob store, never read whole into memory.
// Who may have it is the module's that owns where it is attached (`find`): anyone else, like an id
// that names nothing, gets the same NOT_FOUND, byte for byte.
import { Readable } from 'node:stream';
import { ATTACHMENT_FILE_TYPES, idSchema } from '@dialogforum/contracts';
import type { Context } from 'hono';
import { AppError } from '../app-error.ts';
import type { Actor } from '../policy/actor.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { attachmentDisposition } from '../http/content-disposition.ts';
import { refusalResponse } from '../http/error-shape.ts';
import type { FileRouteDeps, StoredFileFields } from './receive-file.ts';

/** A stored file's record, as far as serving it goes. */
export type ServedFile = StoredFileFields & { _id: string };

/**
 * `everyone`: anyone who may see the place reads it (answered 304 while unchanged, so a removed file
 * stops being served at once yet an unchanged one is not sent again); `restricted`: kept in no cache.
 */
export type FileAudience = 'everyone' | 'restricted';

/** The file this person may download, and for whom it is; an AppError (NOT_FOUND) otherwise. */
export type FindFile = (actor: Actor | null, id: string) => Promise<{ file: ServedFile; audience: FileAudience }>;

/** A download route's answer: counted per address, the id checked, then the file or the refusal. */
export async function downloadFile(c: Context, { services, actorOf, addressOf }: FileRouteDeps, id: string, find: FindFile): Promise<Response> {
  const spent = await services.rateLimiters.attachmentDownloadsPerAddress.take(`address:${addressOf(c)}`);
  if (!spent.allowed) return refusalResponse('RATE_LIMITED', 'Too many downloads; try again later', spent.retryAfterSeconds);
  let found: Awaited<ReturnType<FindFile>>;
  try {
    if (!idSchema.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such attachment');
    found = await find(await actorOf(c), id);
  } catch (error) {
    if (error instanceof AppError) return refusalResponse(error.appCode, error.message);
    throw error;
  }
  return serveFile(c, services.blobs, found.file, found.audience);
}

async function serveFile(c: Context, blobs: BlobStore, file: ServedFile, audience: FileAudience): Promise<Response> {
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    'Content-Type': ATTACHMENT_FILE_TYPES[file.fileType],
    'Content-Disposition': attachmentDisposition(file.name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
    // Nothing shared keeps a copy, and a browser asks again each time.
    'Cache-Control': audience === 'restricted' ? 'private, no-store' : 'private, no-cache',
    ETag: etag,
  };
  if (audience === 'everyone' && c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const stream = await blobs.read(file.blobId);
  // A record is written only after its blob is durable, and blobs with a record are never swept.
  if (!stream) throw new Error(`file ${file._id} names blob ${file.blobId}, which is missing`);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: 200, headers: { ...headers, 'Content-Length': String(file.size) } });
}
