// GET /attachments/:attachmentId — a file, for whoever may see where it is attached (the session
// cookie says who). One they may not see, or that was removed, answers exactly as an id that names
// nothing. Served so that no browser runs or renders it as ours: always a download
// (Content-Disposition: attachment), with the type told by its content and `nosniff`, a policy that
// allows nothing and sandboxes it should a browser open it anyway, and kept out of shared caches
// (and out of every cache when the dialogue is for registered users only). Streamed from the blob
// store, never read whole into memory.
import { Readable } from 'node:stream';
import { ATTACHMENT_FILE_TYPES, ATTACHMENT_ROUTES, idSchema } from '@dialogforum/contracts';
import type { Context, Hono } from 'hono';
import { AppError } from '../../platform/app-error.ts';
import { attachmentDisposition } from '../../platform/http/content-disposition.ts';
import { refusalResponse } from '../../platform/http/error-shape.ts';
import { downloadableAttachment } from './queries.ts';
import type { AttachmentRouteDeps } from './upload-routes.ts';

export function downloadRoute(http: Hono, deps: AttachmentRouteDeps): void {
  http.get(ATTACHMENT_ROUTES.download, (c) => download(c, deps));
}

async function download(c: Context, { services, actorOf, addressOf }: AttachmentRouteDeps): Promise<Response> {
  const spent = await services.rateLimiters.attachmentDownloadsPerAddress.take(`address:${addressOf(c)}`);
  if (!spent.allowed) return refusalResponse('RATE_LIMITED', 'Too many downloads; try again later', spent.retryAfterSeconds);
  const attachmentId = c.req.param('attachmentId') ?? '';
  let found: Awaited<ReturnType<typeof downloadableAttachment>>;
  try {
    if (!idSchema.safeParse(attachmentId).success) throw new AppError('NOT_FOUND', 'No such attachment');
    found = await downloadableAttachment(services.store, await actorOf(c), attachmentId);
  } catch (error) {
    if (error instanceof AppError) return refusalResponse(error.appCode, error.message);
    throw error;
  }
  const { attachment, dialogue } = found;
  const etag = `"${attachment.sha256}"`;
  const headers: Record<string, string> = {
    'Content-Type': ATTACHMENT_FILE_TYPES[attachment.fileType],
    'Content-Disposition': attachmentDisposition(attachment.name),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
    // A removed file must stop being served at once: nothing shared keeps a copy, and a browser asks
    // again each time (answered 304 while it is unchanged).
    'Cache-Control': dialogue.visibility === 'registered' ? 'private, no-store' : 'private, no-cache',
    ETag: etag,
  };
  if (dialogue.visibility === 'public' && c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
  const stream = await services.blobs.read(attachment.blobId);
  // A record is written only after its blob is durable, and blobs with a record are never swept.
  if (!stream) throw new Error(`attachment ${attachment._id} names blob ${attachment.blobId}, which is missing`);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status: 200, headers: { ...headers, 'Content-Length': String(attachment.size) } });
}
