// The one tRPC instance. Every error leaves with an `appCode` the client can translate and, for
// invalid input, the field issues; no stack trace or database message leaves the server.
import { toFieldIssue, type AppErrorCode, type AppErrorData, type FieldIssue } from '@dialogforum/contracts';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { AppError } from '../app-error.ts';
import { RateLimitedError } from './rate-limited.ts';
import type { RequestContext } from './request-context.ts';

const TRPC_CODE_FOR: Record<AppErrorCode, TRPCError['code']> = {
  VALIDATION: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  EMAIL_TAKEN: 'CONFLICT',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  EMAIL_NOT_VERIFIED: 'FORBIDDEN',
  WEAK_PASSWORD: 'BAD_REQUEST',
  INVALID_TOKEN: 'BAD_REQUEST',
  ORGANISATION_EXISTS: 'CONFLICT',
  ALREADY_MEMBER: 'CONFLICT',
  LAST_OWNER: 'CONFLICT',
  NOT_A_VERIFIED_BUYER: 'BAD_REQUEST',
  DEADLINE_PASSED: 'PRECONDITION_FAILED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

function appCodeOf(error: TRPCError): AppErrorCode {
  if (error.cause instanceof AppError) return error.cause.appCode;
  if (error.cause instanceof ZodError) return 'VALIDATION';
  switch (error.code) {
    case 'BAD_REQUEST':
    case 'PARSE_ERROR':
    // A mutation sent as GET or a query as POST: a malformed request, not a fault of ours.
    case 'METHOD_NOT_SUPPORTED':
      return 'VALIDATION';
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'PAYLOAD_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'UNAUTHORIZED':
      return 'UNAUTHENTICATED';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'TOO_MANY_REQUESTS':
      return 'RATE_LIMITED';
    default:
      return 'INTERNAL';
  }
}

export function fieldIssuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map(toFieldIssue);
}

const t = initTRPC.context<RequestContext>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const appCode = appCodeOf(error);
    const data: AppErrorData & { code: string; httpStatus: number; path?: string } = {
      code: shape.data.code,
      httpStatus: shape.data.httpStatus,
      ...(shape.data.path === undefined ? {} : { path: shape.data.path }),
      appCode,
      fieldIssues:
        error.cause instanceof ZodError ? fieldIssuesOf(error.cause) : error.cause instanceof AppError ? error.cause.fieldIssues : [],
      ...(error.cause instanceof RateLimitedError ? { retryAfterSeconds: error.cause.retryAfterSeconds } : {}),
    };
    const message = appCode === 'INTERNAL' ? 'Internal error' : error.cause instanceof ZodError ? 'Invalid input' : error.message;
    return { ...shape, message, data };
  },
});

/** Turns the commands' AppErrors into tRPC errors with the matching HTTP status. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE_FOR[cause.appCode], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(appErrors);
export const createCallerFactory = t.createCallerFactory;
