// Structured logs (pino): one JSON object per line on stdout, for a log shipper to collect. The lines
// about a request carry that request's id, so one request's lines can be found together: its
// request line (request-log.ts) and the failures logged while it ran (app.ts passes the id from
// the request's context). Not through an AsyncLocalStorage: on Node 20 that turns on promise hooks
// for every promise in the process, which cost about 90 µs of a 290 µs thread page
// (`pnpm bench http`, docs/benchmarks.md).
//
// What a line may hold is decided here too: errors are reduced to their type, code, message and
// stack, each masked by redaction.ts (an SMTP error carries the recipient's address in enumerable
// fields that pino's standard serializer would copy); fields that could hold a secret or an
// address are censored wherever they appear. Cookies, headers and request bodies are never logged.
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactText } from './redaction.ts';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_FIELDS = ['password', 'token', 'cookie', 'authorization', 'email', 'to', 'recipient'];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'dialogforum' },
      timestamp: isoTimeOncePerMillisecond,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: { paths: SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]), censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * pino's isoTime (`,"time":"…Z"`), formatted once per millisecond: a busy node writes several lines
 * in one, and formatting the date was ~2 µs of each request line (docs/benchmarks.md, §2).
 */
let formattedAt = Number.NaN;
let formatted = '';
function isoTimeOncePerMillisecond(): string {
  const now = Date.now();
  if (now !== formattedAt) {
    formattedAt = now;
    formatted = `,"time":"${new Date(now).toISOString()}"`;
  }
  return formatted;
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
