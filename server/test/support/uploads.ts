// Uploads and downloads of attachments as a browser sends them: the file's bytes as the body of a
// same-origin POST, its name percent-encoded in a header, the session cookie; and what the server
// keeps of files (blobs on disk, attachment records) to prove that a refusal wrote nothing.
import { request as httpRequest } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ATTACHMENT_NAME_HEADER, attachmentDownloadPath, attachmentUploadPath, type AttachmentTarget, type AttachmentView, type NetworkItemFileView } from '@dialogforum/contracts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import type { TestServer } from './test-server.ts';

export type UploadAnswer = { status: number; body: { attachment?: AttachmentView; file?: NetworkItemFileView; error?: { data?: { appCode?: string } } }; headers: Headers; text: string };

/** Headers as our page sends them; a test replaces or removes one (undefined) to play someone else. */
export async function upload(
  server: TestServer,
  cookie: string,
  target: AttachmentTarget,
  id: string,
  bytes: Uint8Array,
  name: string,
  headers: Record<string, string | undefined> = {},
): Promise<UploadAnswer> {
  return uploadTo(server, cookie, attachmentUploadPath(target, id), bytes, name, headers);
}

/** An upload to any upload route (a network library item's files too), sent as our page sends it. */
export async function uploadTo(
  server: TestServer,
  cookie: string,
  path: string,
  bytes: Uint8Array,
  name: string,
  headers: Record<string, string | undefined> = {},
): Promise<UploadAnswer> {
  const sent: Record<string, string | undefined> = {
    origin: server.url,
    'content-type': 'application/octet-stream',
    [ATTACHMENT_NAME_HEADER]: encodeURIComponent(name),
    ...(cookie ? { cookie } : {}),
    ...headers,
  };
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(sent).filter((entry): entry is [string, string] => entry[1] !== undefined)),
    body: new Uint8Array(bytes),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as UploadAnswer['body']) : {}, headers: response.headers, text };
}

/**
 * An upload whose declared length is over the limit, sent whole without waiting. Like the API's body
 * limit, the answer may come before the client has sent the rest, or the reset of the unread
 * remainder may win: either way the server must write nothing.
 */
export function sendOversize(server: TestServer, cookie: string, path: string, bytes: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: string } | { reset: string }> {
  return new Promise((resolve) => {
    const request = httpRequest(
      `${server.url}${path}`,
      {
        method: 'POST',
        agent: false,
        headers: { origin: server.url, cookie, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length), [ATTACHMENT_NAME_HEADER]: 'stor.pdf' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ reset: error.code ?? String(error) }));
    request.end(bytes);
  });
}

export const appCodeOf = (answer: { body: UploadAnswer['body'] }) => answer.body.error?.data?.appCode ?? 'ok';

export type Download = { status: number; bytes: Buffer; text: string; headers: Headers };

export async function download(server: TestServer, cookie: string, attachmentId: string, headers: Record<string, string> = {}): Promise<Download> {
  return downloadFrom(server, cookie, attachmentDownloadPath(attachmentId), headers);
}

export async function downloadFrom(server: TestServer, cookie: string, path: string, headers: Record<string, string> = {}): Promise<Download> {
  const response = await fetch(`${server.url}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, text: bytes.toString('utf8'), headers: response.headers };
}

/** What files the server keeps: blobs on disk (and unfinished ones), file records, the event sequence. */
export async function keptFiles(server: TestServer): Promise<{ blobs: string[]; unfinished: string[]; records: number; seq: number }> {
  const dir = join(server.dataDir, 'blobs');
  const folders = (await readdir(dir)).filter((name) => /^[0-9a-f]{2}$/.test(name));
  const blobs = (await Promise.all(folders.map((folder) => readdir(join(dir, folder))))).flat().sort();
  const store = server.app.services.store;
  // Records of dialogues' attachments, of network library files and of the arenas' library files alike.
  let records = 0;
  for (const collection of ['attachments', 'networkLibraryFiles', 'libraryFiles']) records += await store.collection(collection).countDocuments({});
  return { blobs, unfinished: await readdir(join(dir, 'tmp')), records, seq: await lastEventSeq(store) };
}

/** The name a Content-Disposition header gives, read as a browser reads it (filename* first). */
export function dispositionName(header: string | null): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(header ?? '')?.[1];
  return encoded === undefined ? null : decodeURIComponent(encoded);
}

/** What a download answer says of the file it serves, to compare whole with `servedAsDownload`. */
export function downloadHeaders(got: Download) {
  const header = (name: string) => got.headers.get(name);
  return {
    status: got.status,
    type: header('content-type'),
    length: header('content-length'),
    disposition: /^attachment; /.test(header('content-disposition') ?? '') ? 'attachment' : header('content-disposition'),
    name: dispositionName(header('content-disposition')),
    nosniff: header('x-content-type-options'),
    policy: header('content-security-policy'),
    resourcePolicy: header('cross-origin-resource-policy'),
    cache: header('cache-control'),
  };
}

/** How every stored file is served, wherever it is attached: a download nothing runs, kept in no shared cache. */
export function servedAsDownload(bytes: Uint8Array, name: string, type: string, cache: 'private, no-cache' | 'private, no-store'): ReturnType<typeof downloadHeaders> {
  return {
    status: 200,
    type,
    length: String(bytes.length),
    disposition: 'attachment',
    name,
    nosniff: 'nosniff',
    policy: "default-src 'none'; sandbox",
    resourcePolicy: 'same-origin',
    cache,
  };
}
