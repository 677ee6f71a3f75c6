// Every HTTP request gets an id, one log line when it is answered, and its count and latency in the
// metrics. The id comes from the proxy's X-Request-Id when it is well-formed (so the proxy's log and
// ours match), else a new one; it is sent back in X-Request-Id, for a person to quote when they
// report a problem, and kept in the request's context (`c.var.requestId`) for the lines logged about
// it while it runs (logger.ts says why not an async scope).
//
// The line holds method, path (never the query string, which carries tRPC input and mailed
// tokens), status and duration. Not the client's address, headers or cookies.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/logger.ts';
import { redactText } from '../logging/redaction.ts';
import type { HttpRoute, Metrics } from '../operations/metrics.ts';
import { presetHeaders, setResponseHeaders } from './security-headers.ts';

const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
/** Probes ask every few seconds: their lines would bury everything else at info level. */
const PROBES = new Set<HttpRoute>(['healthz', 'readyz', 'metrics']);

export function routeOf(pathname: string): HttpRoute {
  if (pathname.startsWith('/trpc/')) return 'trpc';
  if (pathname === '/healthz') return 'healthz';
  if (pathname === '/readyz') return 'readyz';
  if (pathname === '/metrics') return 'metrics';
  return pathname.startsWith('/socket.io/') ? 'other' : 'static';
}

/** The request's id: the proxy's X-Request-Id when it is well-formed, else a new one. */
export function requestIdFor(forwarded: string | undefined): string {
  return forwarded && FORWARDED_REQUEST_ID.test(forwarded) ? forwarded : randomUUID();
}

/** Counts an answered request in the metrics and writes its one line. */
export type RequestAnswered = (requestId: string, method: string, path: string, status: number, seconds: number) => void;

export function requestAnswered(logger: Logger, metrics: Metrics): RequestAnswered {
  // The line's fields are fixed (id, method, masked path, status, duration), and none of them is a
  // field the logger censors wherever it appears (logger.ts): so its lines skip that pass, about
  // 6 µs of a cached thread page in the benchmark's profile (docs/benchmarks.md). The path is masked
  // by redactText below.
  const lines = logger.child({}, { redact: { paths: [], censor: '[redacted]' } });
  return (requestId, method, path, status, seconds) => {
    const route = routeOf(path);
    metrics.recordRequest(route, method, status, seconds);
    const line = { requestId, method, path: redactText(path), status, ms: Math.round(seconds * 10_000) / 10 };
    // A probe's 503 is its answer (not ready), not a failure of ours.
    if (PROBES.has(route)) lines.debug(line, 'request');
    else if (status >= 500) lines.error(line, 'request failed');
    else lines.info(line, 'request');
  };
}

/** The same for every request that goes through the app's middleware (the front door does it itself: signed-out-front-door.ts). */
export function requestLog(answered: RequestAnswered): MiddlewareHandler {
  return async (c, next) => {
    const requestId = requestIdFor(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    const idHeader = [['X-Request-Id', requestId]] as const;
    const preset = presetHeaders(c, idHeader);
    const started = performance.now();
    await next();
    answered(requestId, c.req.method, c.req.path, c.res.status, (performance.now() - started) / 1000);
    if (!preset) setResponseHeaders(c.res, idHeader);
  };
}
