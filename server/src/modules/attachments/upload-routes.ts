// POST /attachments/{dialogues/:dialogueId | answers/:postId | drafts/:threadId} — a file for a
// dialogue, for an official answer (a recorded addition), or a draft for an answer being written.
// Not tRPC: a file is bytes, not JSON. The body is the file itself (`application/octet-stream`),
// its name in the X-File-Name header. Each step refuses as early and as cheaply as it can:
//   1. from our own pages (the API's same-origin rule), labelled as raw bytes (no cross-site form
//      can send that without a preflight we never grant);
//   2. Content-Length within ATTACHMENT_MAX_BYTES, before a byte is read (413, connection closed,
//      as the API's body limit answers);
//   3. a signed-in person with a confirmed address, a sendable name, a place they may attach to
//      (hidden ≡ missing) with room for one more file, and within their upload limits;
//   4. the bytes, into the blob store: refused as soon as the first bytes can begin no accepted
//      file, and told apart by content once stored (file-type.ts); a refused file is deleted;
//   5. the record and its event, in one transaction (commands.ts).
import { ATTACHMENT_NAME_HEADER, ATTACHMENT_ROUTES, idSchema, type AppErrorCode, type AttachmentTarget } from '@dialogforum/contracts';
import type { Context, Hono } from 'hono';
import { AppError } from '../../platform/app-error.ts';
import { BlobTooLargeError, type BlobStore, type StoredBlob } from '../../platform/blobs/blob-store.ts';
import { refusalResponse } from '../../platform/http/error-shape.ts';
import { fromOwnPages } from '../../platform/http/request-guard.ts';
import { originPolicyFor, type OriginPolicy } from '../../platform/http/same-origin.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { actsForOrganisation, hasVerifiedEmail } from '../../platform/policy/policy.ts';
import type { Services } from '../../platform/services.ts';
import { attachmentName, decodeSentName } from './attachment-name.ts';
import { attachmentViews } from './attachment-views.ts';
import { checkUpload, recordUpload } from './commands.ts';
import { fileTypeOf, HEAD_BYTES, mayBeginAcceptedFile } from './file-type.ts';
import type { ReadBytes } from './zip-directory.ts';

export type AttachmentRouteDeps = { services: Services; actorOf: (c: Context) => Promise<Actor | null>; addressOf: (c: Context) => string };

export const UPLOAD_TARGETS: AttachmentTarget[] = ['toDialogue', 'toAnswer', 'draftForThread'];

export function uploadRoutes(http: Hono, deps: AttachmentRouteDeps): void {
  const policy = originPolicyFor(deps.services.config);
  for (const target of UPLOAD_TARGETS) http.post(ATTACHMENT_ROUTES[target], (c) => upload(c, target, deps, policy));
}

class NotAnAcceptedFile extends Error {}
class UploadInterrupted extends Error {}

async function upload(c: Context, target: AttachmentTarget, { services, actorOf, addressOf }: AttachmentRouteDeps, policy: OriginPolicy): Promise<Response> {
  const { config, blobs, rateLimiters } = services;
  if (!fromOwnPages(c, config, policy)) return refusalResponse('FORBIDDEN', 'Cross-site request refused');
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
  if (!actsForOrganisation(actor)) return unreadBody(refusalResponse('FORBIDDEN', 'Only the buyers of this dialogue attach files'));
  const sentName = decodeSentName(c.req.header(ATTACHMENT_NAME_HEADER));
  if (sentName === null) return unreadBody(refusalResponse('VALIDATION', `${ATTACHMENT_NAME_HEADER} must be percent-encoded UTF-8`));
  // An id of the wrong shape names nothing: it answers as a missing one does.
  const id = Object.values(c.req.param())[0] ?? '';
  try {
    if (!idSchema.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such place to attach to');
    await checkUpload(services.store, actor, target, id);
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
    const attachment = await recordUpload(services, actor, target, id, { blob, name: attachmentName(sentName, fileType), fileType });
    const [view] = await attachmentViews(services.store, [attachment]);
    return new Response(JSON.stringify({ attachment: view }), {
      status: 201,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    // Refused meanwhile (the dialogue changed, the place filled up): the blob goes with the refusal.
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
