// A signed-out visitor asking again for a page someone asked for before (a public dialogue's first
// page of threads, most of what a public forum serves) is answered here, in front of Hono: the kept
// body bytes with headers laid out once, written straight to Node's response. Going through the
// app's middleware chain and a fetch Response cost twice what the bytes' own write costs
// (docs/benchmarks.md, §2), and a signed-out visitor's page is the same for all of them.
//
// Every guarantee of the chain holds here too, by the same code: the host check, the per-address
// limits (requests in flight, read budget, charged afterwards), the fair queue's turn, the access
// check and the write counts the kept body depends on (in the query's own answer, on every
// request), the security headers, no-store and X-Request-Id, the request's metrics and its log line.
// The door only ever answers the happy path; any other request, and any request it cannot answer
// as the chain would, goes on to the chain untouched: a request with the session cookie (a
// signed-in person, or one who means to be), a query string the chain has not taken before (so
// input is parsed and validated in one place only), an untrusted host, a spent budget, a dialogue
// the visitor may not see, an error. The chain then answers — or refuses — as it always does.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Metrics } from '../operations/metrics.ts';
import type { RateLimiters } from '../rate-limit/rate-limits.ts';
import { addressFrom } from './client-address.ts';
import { ANSWER_HEADERS, type FastQueryCalls, type KeptCall } from './fast-query.ts';
import type { FairQueue } from './fair-queue.ts';
import type { InFlightLimit } from './in-flight-limit.ts';
import { chargeReadTo, readBudgetVerdict } from './read-budget.ts';
import { NEVER_CACHED } from './request-guard.ts';
import { requestIdFor, type RequestAnswered } from './request-log.ts';
import { requestScheme } from './request-scheme.ts';
import { isTrustedHost, type OriginPolicy } from './same-origin.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export type FrontDoorDeps = {
  calls: FastQueryCalls;
  /** The session cookie's name: a request that mentions it at all is left to the chain. */
  sessionCookie: string;
  originPolicy: OriginPolicy;
  trustProxy: boolean;
  /** The chain's own limits and queue (the same objects), so that both count together. */
  inFlight: InFlightLimit;
  rateLimiters: RateLimiters;
  callQueue: FairQueue;
  metrics: Metrics;
  answered: RequestAnswered;
  /** A failure after the door took the request (writing the answer): the operator's to see. */
  onError: (error: unknown) => void;
};

/**
 * The headers the chain gives such an answer, laid out once as Node's flat [name, value, …] list:
 * the security headers, no-store, and tRPC's own; the request id and length follow per request.
 */
const KEPT_ANSWER_HEADERS: readonly string[] = [...SECURITY_HEADERS, ...NEVER_CACHED, ...Object.entries(ANSWER_HEADERS)].flat();

/** Wraps the app's request listener (the chain) with the door. */
export function signedOutFrontDoor(deps: FrontDoorDeps): (chain: RequestListener) => RequestListener {
  const hostTrusted = hostCheck(deps);
  return (chain) => (incoming, outgoing) => {
    const asked = keptCallOf(incoming, deps, hostTrusted);
    if (asked) {
      answer(incoming, outgoing, asked, deps, chain).catch((error: unknown) => {
        // Nothing sensible can be written any more: the connection goes, the process stays.
        outgoing.destroy();
        deps.onError(error);
      });
    } else {
      chain(incoming, outgoing);
    }
  };
}

/** The call a signed-out visitor's GET asks for, if the chain took it before; undefined sends the request to the chain. */
function keptCallOf(incoming: IncomingMessage, deps: FrontDoorDeps, hostTrusted: (incoming: IncomingMessage) => boolean): { pathname: string; call: KeptCall } | undefined {
  const url = incoming.url;
  if (incoming.method !== 'GET' || url === undefined) return undefined;
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return undefined;
  const pathname = url.slice(0, queryAt);
  const call = deps.calls.kept(pathname, url.slice(queryAt + 1));
  if (call === undefined) return undefined;
  if (incoming.headers.cookie?.includes(deps.sessionCookie)) return undefined;
  if (!hostTrusted(incoming)) return undefined;
  return { pathname, call };
}

/** The request guard's host check (request-guard.ts), on the one Host header a request may carry. */
function hostCheck({ originPolicy, trustProxy }: FrontDoorDeps): (incoming: IncomingMessage) => boolean {
  // Outside production any host is ours (same-origin.ts): nothing to look at.
  if (originPolicy.trustedHosts === null) return () => true;
  // The last Host found trusted, as it came: nearly every request names the same, and parsing it
  // into a URL again was a microsecond. One, so that varied spellings cost no memory.
  let lastTrusted = { host: '', scheme: '' };
  return (incoming) => {
    // Node keeps the first of several Host headers where the chain sees them all, joined (and
    // refuses that): so a request with more than one is the chain's.
    let hosts = 0;
    for (let i = 0; i < incoming.rawHeaders.length; i += 2) if (incoming.rawHeaders[i]!.length === 4 && incoming.rawHeaders[i]!.toLowerCase() === 'host') hosts += 1;
    const host = incoming.headers.host;
    if (hosts !== 1 || host === undefined) return false;
    const secure = (incoming.socket as Partial<TLSSocket>).encrypted === true;
    const scheme = requestScheme(secure ? 'https:' : 'http:', header(incoming, 'x-forwarded-proto'), trustProxy);
    if (host === lastTrusted.host && scheme === lastTrusted.scheme) return true;
    if (!isTrustedHost(host, scheme, originPolicy)) return false;
    lastTrusted = { host, scheme };
    return true;
  };
}

function header(incoming: IncomingMessage, name: string): string | undefined {
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The chain's order: requests in flight, read budget, fair turn, the answer (with its access check), the charge. */
async function answer(incoming: IncomingMessage, outgoing: ServerResponse, { pathname, call }: { pathname: string; call: KeptCall }, deps: FrontDoorDeps, chain: RequestListener): Promise<void> {
  const started = performance.now();
  const address = addressFrom(header(incoming, 'x-forwarded-for'), () => incoming.socket.remoteAddress, deps.trustProxy);
  // One too many in flight: the chain refuses it, as it refuses anyone's.
  if (!deps.inFlight.enterFrom(address)) return chain(incoming, outgoing);
  let body: Buffer | null = null;
  try {
    if ((await readBudgetVerdict(deps.rateLimiters, null, address)).allowed) {
      await deps.callQueue.turn(address);
      const callStarted = performance.now();
      body = await call.answer(null, call.envelope);
      const ms = performance.now() - callStarted;
      if (body !== null) {
        await chargeReadTo(deps.rateLimiters, null, address, ms);
        deps.metrics.recordCall(call.path, 'query', 200, ms / 1000);
      }
    }
  } catch {
    // The chain meets the same failure and answers it as it answers every failure.
    body = null;
  } finally {
    deps.inFlight.leaveFrom(address);
  }
  // A spent budget, a dialogue the visitor may not see, a failure: the chain's answer.
  if (body === null) return chain(incoming, outgoing);
  const requestId = requestIdFor(header(incoming, 'x-request-id'));
  outgoing.writeHead(200, KEPT_ANSWER_HEADERS.concat('X-Request-Id', requestId, 'Content-Length', String(body.byteLength)));
  outgoing.end(body);
  deps.metrics.recordKeptAnswer(call.path);
  deps.answered(requestId, 'GET', pathname, 200, (performance.now() - started) / 1000);
}
