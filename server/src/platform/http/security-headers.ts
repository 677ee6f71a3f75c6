import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';

// The built client has no inline script or style, so the policy can forbid both; socket.io needs
// same-origin websockets.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** On every response (a route may set a stricter policy of its own). */
export const SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
];

const WITHOUT_POLICY = SECURITY_HEADERS.filter(([name]) => name !== 'Content-Security-Policy');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  // A route serving files people uploaded sets a stricter policy of its own (attachments): kept,
  // since its own headers go over these.
  if (presetHeaders(c, SECURITY_HEADERS)) return next();
  await next();
  setResponseHeaders(c.res, c.res.headers.has('Content-Security-Policy') ? WITHOUT_POLICY : SECURITY_HEADERS);
};

/**
 * Headers for whatever response the request gets, set before it is built: on Node's own response,
 * whose `writeHead` lays the headers of the app's Response over them (so a route's own value wins).
 * Touching the finished Response's headers instead makes it build a fetch `Headers` object and
 * copy it out again on write: about 15 µs a request, most of what a cached page costs besides the
 * socket write (`BENCH_CPU_PROFILE=<dir> pnpm bench http`, docs/benchmarks.md). False when there is
 * no Node response (a unit test's `app.request()`): then set them on the finished Response.
 */
export function presetHeaders(c: Context, headers: readonly (readonly [string, string])[]): boolean {
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing === undefined) return false;
  for (const [name, value] of headers) outgoing.setHeader(name, value);
  return true;
}

/**
 * Sets headers on the finished response in place. Hono's `c.header()` after the handler would
 * rebuild the whole Response (about 95 µs a request, measured); the headers of a response we
 * built ourselves are mutable.
 */
export function setResponseHeaders(response: Response, headers: readonly (readonly [string, string])[]): void {
  for (const [name, value] of headers) response.headers.set(name, value);
}
