// The headers every successful API answer carries besides Node's own (date, connection, keep-alive,
// length) and its request id: the security headers, no-store, and tRPC's content type and vary.
// Listed here once, so that the two doors to the thread page are held to the same set
// (integration/fast-query.test.ts, integration/signed-out-front-door.test.ts).
export const API_ANSWER_HEADER_NAMES: readonly string[] = [
  'cache-control',
  'content-security-policy',
  'content-type',
  'cross-origin-opener-policy',
  'permissions-policy',
  'referrer-policy',
  'vary',
  'x-content-type-options',
  'x-frame-options',
];
