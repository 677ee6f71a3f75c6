// Receiving one uploaded file: the one way a file gets into Dialogforum, whatever it is attached to
// (a dialogue, an official answer, a draft, a network's library item). Not tRPC: a file is bytes,
// not JSON. The body is the file itself (`application/octet-stream`), its name in the X-File-Name
// header. Each step refuses as early and as cheaply as it can:
//   1. from our own pages (the API's same-origin rule), labelled as raw bytes (no cross-site form
//      can send that without a preflight we never grant);
//   2. Content-Length within ATTACHMENT_MAX_BYTES, before a byte is read (413, connection closed,
//      as the API's body limit answers);
//   3. a signed-in person with a confirmed address who may attach there at all (acting for an
//      organisation, unless the place says otherwise: moderators attach to the library), a sendable name, a
//      place they may attach to (`FilePlace.check`: hidden ≡ missing, room for one more file), and
//      within their upload limits;
//   4. the bytes, into the blob store: refused as soon as the first bytes can begin no accepted
//      file, and told apart by content once stored (file-type.ts); a refused file is deleted;
//   5. the record and its event, in one transaction (`FilePlace.record`, the owning module's command).
// What a file is attached to is the caller's; this knows nothing of modules.
import { ATTACHMENT_NAME_HEADER, idSchema, type AppErrorCode, type AttachmentFileType } from '@dialogforum/contracts';
import type { Context } from 'hono';
import { AppError } from '../app-error.ts';
import { BlobTooLargeError, type BlobStore, type StoredBlob } from '../blobs/blob-store.ts';
import { refusalResponse } from '../http/error-shape.ts';
import { fromOwnPages } from '../http/request-guard.ts';
import type { OriginPolicy } from '../http/same-origin.ts';
import type { Actor } from '../policy/actor.ts';
import { actsForOrganisation, hasVerifiedEmail, type MemberActor } from '../policy/policy.ts';
import type { Services } from '../services.ts';
import { attachmentName, decodeSentName } from './attachment-name.ts';
import { fileTypeOf, HEAD_BYTES, mayBeginAcceptedFile } from './file-type.ts';
import type { ReadBytes } from './zip-directory.ts';

/** Routes that send or take files: the services, and who asks from where. */
export type FileRouteDeps = { services: Services; actorOf: (c: Context) => Promise<Actor | null>; addressOf: (c: Context) => string };

/** A file whose bytes are stored and whose type and name are known. */
export type StoredFile = { blob: StoredBlob; name: string; fileType: AttachmentFileType };

/** What every file's record keeps of it, wherever it is attached: where its bytes are, and what they are. */
export type StoredFileFields = {
  blobId: string;
  /** Made safe for display and for Content-Disposition (attachment-name.ts). */
  name: string;
  fileType: AttachmentFileType;
  size: number;
  /** Taken while the bytes were written: the download's ETag. */
  sha256: string;
};

export function storedFileFields(file: StoredFile): StoredFileFields {
  return { blobId: file.blob.id, name: file.name, fileType: file.fileType, size: file.blob.size, sha256: file.blob.sha256 };
}

/** Where an uploaded file goes, as the module that owns the place decides. */
export type FilePlace<A extends Actor = MemberActor> = {
  /** Who may attach here at all, before the place is looked at; unset: people acting for an organisation. */
  mayAttach?: (actor: Actor) => actor is A;
  /** Before the body is read: an AppError refuses (a place the person may not see answers NOT_FOUND). */
  check(actor: A, id: string): Promise<void>;
  /** Once the bytes are stored and told apart: records the file and answers the 201's body. An AppError refuses and deletes the blob. */
  record(actor: A, id: string, file: StoredFile): Promise<unknown>;
  /** Said to someone `mayAttach` refuses (by default, someone who acts for no organisation). */
  notForYou: string;
};

class NotAnAcceptedFile extends Error {}
class UploadInterrupted extends Error {}

export async function receiveFile<A extends Actor = MemberActor>(
  c: Context,
  { services, actorOf, addressOf }: FileRouteDeps,
  origins: OriginPolicy,
  place: FilePlace<A>,
): Promise<Response> {
  // A place that says nothing of who attaches is one of MemberActor's (A's default).
  const mayAttach = place.mayAttach ?? (actsForOrganisation as (actor: Actor) => actor is A);
  const { config, blobs, rateLimiters } = services;
  if (!fromOwnPages(c, config, origins)) return refusalResponse('FORBIDDEN', 'Cross-site request refused');
  if (c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() !== 'application/octet-stream') {
    return refusalResponse('UNSUPPORTED_MEDIA_TYPE', 'Send the file as application/octet-stream');
  }
  const length = declaredLength(c.req.header('content-length'));
  if (length === null) return refusalResponse('VALIDATION', 'Send the file with its Content-Length');
  if (length > config.attachmentMaxBytes) return unreadBody(refusalResponse('FILE_TOO_LARGE', `Files are at most ${config.attachmentMaxBytes} bytes`));
  if (length === 0) return refusalResponse('FILE_TYPE_NOT_ALLOWED', 'The file is empty');

  const actor = await actorOf(c);
  if (!actor) return unreadBody(refusalResponse('UNAUTHENTICATED', 'Log in first'));
  if (!hasVerifiedEmail(actor)) return unreadBody(refusalResponse('EMAIL_NOT_VERIFIED', 'Confirm your e-mail address first'));
  if (!mayAttach(actor)) return unreadBody(refusalResponse('FORBIDDEN', place.notForYou));
  const sentName = decodeSentName(c.req.header(ATTACHMENT_NAME_HEADER));
  if (sentName === null) return unreadBody(refusalResponse('VALIDATION', `${ATTACHMENT_NAME_HEADER} must be percent-encoded UTF-8`));
  // An id of the wrong shape names nothing: it answers as a missing one does.
  const id = Object.values(c.req.param())[0] ?? '';
  try {
    if (!idSchema.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such place to attach to');
    await place.check(actor, id);
  } catch (error) {
    if (error instanceof AppError) return unreadBody(refusalResponse(error.appCode, error.message));
    throw error;
  }
  // Every change counts against the mutation limits, as tRPC's do; uploads also by count and volume.
  for (const [limit, key, cost] of [
    [rateLimiters.mutationsPerPerson, `user:${actor.userId}`, 1],
    [rateLimiters.mutationsPerAddress, `address:${addressOf(c)}`, 1],
    [rateLimiters.attachmentUploadsPerPerson, `user:${actor.userId}`, 1],
    [rateLimiters.attachmentKibPerPerson, `user:${actor.userId}`, Math.ceil(length / 1024)],
  ] as const) {
    const verdict = await limit.take(key, cost);
    if (!verdict.allowed) return unreadBody(refusalResponse('RATE_LIMITED', 'Too many uploads; try again later', verdict.retryAfterSeconds));
  }

  const body = c.req.raw.body;
  if (!body) return refusalResponse('VALIDATION', 'Send the file as the body');
  let blob: StoredBlob;
  try {
    blob = await blobs.put(refusingEarly(body), { maxBytes: Math.min(length, config.attachmentMaxBytes) });
  } catch (error) {
    if (error instanceof NotAnAcceptedFile) return unreadBody(refusalResponse('FILE_TYPE_NOT_ALLOWED', 'Only PDF and office documents are accepted'));
    if (error instanceof BlobTooLargeError) return unreadBody(refusalResponse('FILE_TOO_LARGE', `Files are at most ${config.attachmentMaxBytes} bytes`));
    if (error instanceof UploadInterrupted) return refusalResponse('VALIDATION', 'The upload was interrupted');
    throw error;
  }

  const refuse = async (appCode: AppErrorCode, message: string) => {
    await blobs.delete(blob.id);
    return refusalResponse(appCode, message);
  };
  const fileType = await fileTypeOf(rangeReader(blobs, blob.id), blob.size);
  if (!fileType) return refuse('FILE_TYPE_NOT_ALLOWED', 'Only PDF and office documents are accepted');
  try {
    const answer = await place.record(actor, id, { blob, name: attachmentName(sentName, fileType), fileType });
    return new Response(JSON.stringify(answer), {
      status: 201,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    // Refused meanwhile (the place changed, it filled up): the blob goes with the refusal.
    if (error instanceof AppError) return refuse(error.appCode, error.message);
    // Anything else leaves the blob for the sweep: this process may not be able to delete it now.
    throw error;
  }
}

function declaredLength(header: string | undefined): number | null {
  if (header === undefined || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** The rest of the body is not read, so the connection cannot carry another request: say so. */
function unreadBody(response: Response): Response {
  response.headers.set('Connection', 'close');
  return response;
}

/** The request body, refused once its first bytes can begin no accepted file; a dropped connection is told apart. */
async function* refusingEarly(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head = Buffer.alloc(0);
  const reader = body.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw new UploadInterrupted();
      }
      if (next.done) break;
      if (head.length < HEAD_BYTES) {
        head = Buffer.concat([head, next.value]).subarray(0, HEAD_BYTES);
        if (!mayBeginAcceptedFile(head)) throw new NotAnAcceptedFile();
      }
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Reads byte ranges of a stored blob, for telling its type. */
function rangeReader(blobs: BlobStore, blobId: string): ReadBytes {
  return async (start, length) => {
    if (length <= 0) return Buffer.alloc(0);
    const stream = await blobs.read(blobId, { start, end: start + length - 1 });
    if (!stream) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  };
}
