// Structured logs (pino): one JSON object per line on stdout, for a log shipper to collect. Every
// line written while a request is being served carries that request's id (request-log.ts puts it
// in the async scope), whoever writes it, so one request's lines can be found together.
//
// What a line may hold is decided here too: errors are reduced to their type, code, message and
// stack, each masked by redaction.ts (an SMTP error carries the recipient's address in enumerable
// fields that pino's standard serializer would copy); fields that could hold a secret or an
// address are censored wherever they appear. Cookies, headers and request bodies are never logged.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactText } from './redaction.ts';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` so that every line logged inside it, however deep, carries `requestId`. */
export function inRequestScope<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

const SECRET_FIELDS = ['password', 'token', 'cookie', 'authorization', 'email', 'to', 'recipient'];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'dialogforum' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
      serializers: { err: serializeError },
      redact: { paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

type SerializedError = { type: string; code?: string; message: string; stack?: string; cause?: SerializedError };

function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: redactText(String(error)) };
  const code = 'code' in error && (typeof error.code === 'string' || typeof error.code === 'number') ? String(error.code) : undefined;
  return {
    type: error.name,
    ...(code === undefined ? {} : { code }),
    message: redactText(error.message),
    ...(error.stack === undefined ? {} : { stack: redactText(error.stack) }),
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}
