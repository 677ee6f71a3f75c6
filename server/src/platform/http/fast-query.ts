// Some queries are answered with bytes kept ready: a dialogue's thread page is the same for everyone
// in an audience, and it is most of what a public forum serves. tRPC's own work per call (about
// 200 µs: building the response, spreading objects, signals) would then be most of the cost, so
// such a query, asked alone, is answered here, in tRPC's own wire format, after the same limits
// (fair turn, read budget) and with the same metrics; everything else, and any input or refusal
// the query does not answer itself, goes on to tRPC. The answer is the same either way: a test
// compares the bytes (server/test/integration/fast-query.test.ts).
import type { MiddlewareHandler } from 'hono';
import type { Actor } from '../policy/actor.ts';
import type { Metrics } from '../operations/metrics.ts';
import type { RateLimiters } from '../rate-limit/rate-limits.ts';
import type { FairQueue } from './fair-queue.ts';
import { chargeReadTo } from './read-budget.ts';

export type FastQuery = {
  /** The procedure's path, e.g. 'threads.list'. */
  path: string;
  /**
   * The call for an input, validated as the procedure validates it; null to let tRPC answer (and
   * refuse) an input the query does not take. What it returns is kept for the same query string
   * (see InputsSeen), so it may depend on nothing but `rawInput`.
   */
  prepare(rawInput: unknown): PreparedCall | null;
};

/**
 * The whole response body for one validated input: the call's `data` as JSON inside `envelope`, in
 * UTF-8 bytes (a socket would encode a string again on every write); or null to let tRPC answer (a
 * refusal). Runs for every request, with the viewer's own access check.
 */
export type PreparedCall = (actor: Actor | null, envelope: WireEnvelope) => Promise<Buffer | null>;

/** tRPC's wire format around one call's data: alone, or as a batch of one. Two fixed objects, so an answer may be kept per envelope. */
export type WireEnvelope = { readonly head: Buffer; readonly tail: Buffer };
const SINGLE: WireEnvelope = { head: Buffer.from('{"result":{"data":'), tail: Buffer.from('}}') };
const BATCH: WireEnvelope = { head: Buffer.from('[{"result":{"data":'), tail: Buffer.from('}}]') };

/** What tRPC sends with a query's answer. */
export const ANSWER_HEADERS = { 'content-type': 'application/json', vary: 'trpc-accept, accept' };

/** A call of a fast query with its input validated, kept for its query string. */
export type KeptCall = { readonly path: string; readonly envelope: WireEnvelope; readonly answer: PreparedCall };

/**
 * The fast queries by their URL path, each with the calls it has taken so far. One for the app,
 * shared by the middleware below and the signed-out front door (signed-out-front-door.ts), which
 * answers only calls this has taken already.
 */
export class FastQueryCalls {
  private readonly byPath: Map<string, { query: FastQuery; seen: InputsSeen }>;

  constructor(queries: FastQuery[]) {
    this.byPath = new Map(queries.map((query) => [`/trpc/${query.path}`, { query, seen: new InputsSeen() }]));
  }

  /** Whether `pathname` is a fast query's. */
  has(pathname: string): boolean {
    return this.byPath.has(pathname);
  }

  /** The call taken before for exactly this path and query string, if any: nothing is parsed. */
  kept(pathname: string, queryString: string): KeptCall | undefined {
    return this.byPath.get(pathname)?.seen.get(queryString);
  }

  /** The call a GET asks for, parsed (`parameter`: the query string's decoded parameter) and validated the first time and kept; null for tRPC to answer. */
  callFor(pathname: string, queryString: string, parameter: (name: 'batch' | 'input') => string | undefined): KeptCall | null {
    const fast = this.byPath.get(pathname);
    if (!fast) return null;
    const kept = fast.seen.get(queryString);
    if (kept) return kept;
    const asked = oneCall(parameter('batch'), parameter('input'));
    const prepared = asked && fast.query.prepare(asked.input);
    if (!asked || !prepared) return null;
    const call: KeptCall = { path: fast.query.path, envelope: asked.batch ? BATCH : SINGLE, answer: prepared };
    fast.seen.set(queryString, call);
    return call;
  }
}

export function fastQueries(calls: FastQueryCalls, deps: { callQueue: FairQueue; rateLimiters: RateLimiters; metrics: Metrics }): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' || !calls.has(c.req.path)) return next();
    const url = c.req.url;
    const call = calls.callFor(c.req.path, url.slice(url.indexOf('?') + 1), (name) => c.req.query(name));
    if (!call) return next();
    // c.get, not c.var: Hono builds a fresh object of all variables for every c.var.
    const clientAddress = c.get('clientAddress');
    const actor = c.get('actor');
    await deps.callQueue.turn(clientAddress);
    const started = performance.now();
    const body = await call.answer(actor, call.envelope);
    const ms = performance.now() - started;
    if (body === null) return next();
    await chargeReadTo(deps.rateLimiters, actor, clientAddress, ms);
    deps.metrics.recordCall(call.path, 'query', 200, ms / 1000);
    // A Response of our own with plain headers: Hono's c.body would make a fetch Headers object of
    // two or more, to be copied out again on write (security-headers.ts, presetHeaders).
    // Buffer.concat's bytes live in a plain ArrayBuffer, which is what the type asks for.
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: ANSWER_HEADERS });
  };
}

/**
 * Calls already validated, by the request's query string: visitors of a public forum ask for the
 * same few first pages, and parsing and validating their input again was a tenth of such a page's
 * cost. Only inputs the query took are kept, at most MAX_INPUTS_SEEN of them, forgotten all at once
 * when full, so odd inputs cost memory for a while and nothing else.
 */
const MAX_INPUTS_SEEN = 1_000;
class InputsSeen {
  private readonly calls = new Map<string, KeptCall>();

  get(queryString: string): KeptCall | undefined {
    return this.calls.get(queryString);
  }

  set(queryString: string, call: KeptCall): void {
    if (this.calls.size >= MAX_INPUTS_SEEN) this.calls.clear();
    this.calls.set(queryString, call);
  }
}

/** The input of a GET that asks for exactly one call (batched or not); null for anything else. */
function oneCall(batch: string | undefined, input: string | undefined): { batch: boolean; input: unknown } | null {
  if (batch !== undefined && batch !== '1') return null;
  let parsed: unknown;
  try {
    parsed = input === undefined ? undefined : JSON.parse(input);
  } catch {
    return null;
  }
  if (batch === undefined) return { batch: false, input: parsed };
  if (typeof parsed !== 'object' || parsed === null || Object.keys(parsed).length !== 1 || !('0' in parsed)) return null;
  return { batch: true, input: (parsed as Record<string, unknown>)['0'] };
}
