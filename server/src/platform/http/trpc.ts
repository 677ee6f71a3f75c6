// The one tRPC instance. Every error leaves with an `appCode` the client can translate and, for
// invalid input, the field issues; no stack trace or database message leaves the server.
import { toFieldIssue, type AppErrorCode, type AppErrorData, type FieldIssue } from '@dialogforum/contracts';
import { initTRPC, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError } from 'zod';
import { AppError } from '../app-error.ts';
import { TRPC_CODE_FOR } from './error-shape.ts';
import { chargeRead } from './read-budget.ts';
import { checkMutationLimits, RateLimitedError } from './rate-limited.ts';
import type { RequestContext } from './request-context.ts';

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

/**
 * The limits every call passes, in this one place: a mutation is counted against the mutation limits
 * before anything else; then every call waits for its turn in the fair queue (by address); a query's
 * server time is charged to the caller's read budget once it has run (read-budget.ts).
 */
const callLimits = t.middleware(async ({ ctx, type, next }) => {
  if (type === 'mutation') await checkMutationLimits(ctx);
  await ctx.callQueue.turn(ctx.clientAddress);
  const started = performance.now();
  const result = await next();
  if (type === 'query') await chargeRead(ctx, performance.now() - started);
  return result;
});

/** Counts and times every call, by procedure and HTTP status, for /metrics. */
const callMetrics = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const status = result.ok ? 200 : getHTTPStatusCodeFromError(result.error);
  ctx.services.metrics.recordCall(path, type, status, (performance.now() - started) / 1000);
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(callMetrics).use(appErrors).use(callLimits);
export const createCallerFactory = t.createCallerFactory;
