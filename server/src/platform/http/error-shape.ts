// The shape of every API error: tRPC's own (a numeric JSON-RPC `code`, and `data` with the tRPC code,
// the HTTP status and our appCode), so the client reads a refusal made before tRPC runs (request
// guard, batch and request limits) exactly as one made inside it.
import type { AppErrorCode, AppErrorData } from '@dialogforum/contracts';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';

/** The tRPC error code (and so the HTTP status) each app error code leaves with. */
export const TRPC_CODE_FOR: Record<AppErrorCode, TRPCError['code']> = {
  VALIDATION: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  EMAIL_NOT_VERIFIED: 'FORBIDDEN',
  WEAK_PASSWORD: 'BAD_REQUEST',
  INVALID_TOKEN: 'BAD_REQUEST',
  ORGANISATION_EXISTS: 'CONFLICT',
  ALREADY_MEMBER: 'CONFLICT',
  LAST_OWNER: 'CONFLICT',
  NOT_A_VERIFIED_BUYER: 'BAD_REQUEST',
  DEADLINE_PASSED: 'PRECONDITION_FAILED',
  DEADLINE_IN_PAST: 'BAD_REQUEST',
  DIALOGUE_ARCHIVED: 'PRECONDITION_FAILED',
  QUESTION_PENDING: 'PRECONDITION_FAILED',
  QUESTION_NOT_PENDING: 'CONFLICT',
  NOT_CONFIDENTIAL: 'BAD_REQUEST',
  THREAD_LOCKED: 'PRECONDITION_FAILED',
  REGISTRATION_CLOSED: 'PRECONDITION_FAILED',
  SESSION_CLOSED: 'PRECONDITION_FAILED',
  ITEM_WITHDRAWN: 'PRECONDITION_FAILED',
  HANDOVER_WITHDRAWN: 'PRECONDITION_FAILED',
  OPPORTUNITY_WITHDRAWN: 'PRECONDITION_FAILED',
  HANDOVER_EXISTS: 'CONFLICT',
  CONSORTIUM_LEAD: 'PRECONDITION_FAILED',
  SESSION_NOT_LIVE: 'PRECONDITION_FAILED',
  SLOT_TAKEN: 'CONFLICT',
  ALREADY_BOOKED: 'CONFLICT',
  ROUND_CLOSED: 'PRECONDITION_FAILED',
  MINUTES_MISSING: 'PRECONDITION_FAILED',
  POLL_CLOSED: 'PRECONDITION_FAILED',
  PROCUREMENT_NOT_ENDED: 'PRECONDITION_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FILE_TYPE_NOT_ALLOWED: 'UNSUPPORTED_MEDIA_TYPE',
  TOO_MANY_ATTACHMENTS: 'CONFLICT',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  BATCH_TOO_LARGE: 'BAD_REQUEST',
  SEARCH_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  TOO_MANY_SAVED_SEARCHES: 'CONFLICT',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** The body of a refusal made before tRPC runs. The tRPC client needs the numeric `code` to see an error at all. */
export function apiError(appCode: AppErrorCode, message: string, extra: Pick<AppErrorData, 'retryAfterSeconds'> = {}) {
  const code = TRPC_CODE_FOR[appCode];
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code }));
  return { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus, appCode, fieldIssues: [], ...extra } } };
}

/** A refusal made outside tRPC (plain download and upload routes), in the same shape, never cached. */
export function refusalResponse(appCode: AppErrorCode, message: string, retryAfterSeconds?: number): Response {
  const body = apiError(appCode, message, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: body.error.data.httpStatus, headers });
}
