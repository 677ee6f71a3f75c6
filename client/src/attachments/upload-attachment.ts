// Sends one file to an upload route: its bytes as the body, its name in a header. XMLHttpRequest
// rather than fetch, because only it reports upload progress. A refusal comes back in the API's
// error shape, so its `appCode` is read and translated like every other refusal. Every upload route
// (a dialogue's, an answer's, a draft's, a network library item's) answers 201 with its own JSON.
import { APP_ERROR_CODES, ATTACHMENT_NAME_HEADER, type AppErrorCode } from '@dialogforum/contracts';
import type { ClientErrorCode } from '../app-error.ts';

export type UploadRefusal = { ok: false; code: ClientErrorCode; retryAfterSeconds?: number };
export type UploadOutcome<T> = { ok: true; answer: T } | UploadRefusal;

export function uploadAttachment<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<UploadOutcome<T>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.setRequestHeader(ATTACHMENT_NAME_HEADER, encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 201) {
        resolve({ ok: true, answer: JSON.parse(request.responseText) as T });
        return;
      }
      resolve(refusalOf(request.responseText));
    };
    // A server that answers before reading the whole file (too large) may close the connection first.
    request.onerror = () => resolve({ ok: false, code: 'NETWORK' });
    request.send(file);
  });
}

function refusalOf(body: string): UploadRefusal {
  try {
    const data = (JSON.parse(body) as { error?: { data?: { appCode?: unknown; retryAfterSeconds?: unknown } } }).error?.data;
    const code = data?.appCode;
    if (typeof code === 'string' && (APP_ERROR_CODES as readonly string[]).includes(code)) {
      const wait = data?.retryAfterSeconds;
      return { ok: false, code: code as AppErrorCode, ...(typeof wait === 'number' ? { retryAfterSeconds: wait } : {}) };
    }
  } catch {
    // Not our error shape (a proxy's page, say): the server could not be reached as such.
  }
  return { ok: false, code: 'NETWORK' };
}
