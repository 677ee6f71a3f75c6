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

export function requestLog(logger: Logger, metrics: Metrics): MiddlewareHandler {
  // The line's fields are fixed (id, method, masked path, status, duration), and none of them is a
  // field the logger censors wherever it appears (logger.ts): so its lines skip that pass, about
  // 6 µs of a cached thread page in the benchmark's profile (docs/benchmarks.md). The path is masked
  // by redactText below.
  const lines = logger.child({}, { redact: { paths: [], censor: '[redacted]' } });
  return async (c, next) => {
    const forwarded = c.req.header('x-request-id');
    const requestId = forwarded && FORWARDED_REQUEST_ID.test(forwarded) ? forwarded : randomUUID();
    c.set('requestId', requestId);
    const idHeader = [['X-Request-Id', requestId]] as const;
    const preset = presetHeaders(c, idHeader);
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const path = c.req.path;
    const route = routeOf(path);
    const status = c.res.status;
    metrics.recordRequest(route, c.req.method, status, seconds);
    const line = { requestId, method: c.req.method, path: redactText(path), status, ms: Math.round(seconds * 10_000) / 10 };
    // A probe's 503 is its answer (not ready), not a failure of ours.
    if (PROBES.has(route)) lines.debug(line, 'request');
    else if (status >= 500) lines.error(line, 'request failed');
    else lines.info(line, 'request');
    if (!preset) setResponseHeaders(c.res, idHeader);
  };
}
