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
   * The whole response body: the call's `data` as JSON inside `envelope`, in UTF-8 bytes (a socket
   * would encode a string again on every write); or null to let tRPC answer (an input it does not
   * take, a refusal).
   */
  answer(rawInput: unknown, actor: Actor | null, envelope: WireEnvelope): Promise<Buffer | null>;
};

/** tRPC's wire format around one call's data: alone, or as a batch of one. Two fixed objects, so an answer may be kept per envelope. */
export type WireEnvelope = { readonly head: Buffer; readonly tail: Buffer };
const SINGLE: WireEnvelope = { head: Buffer.from('{"result":{"data":'), tail: Buffer.from('}}') };
const BATCH: WireEnvelope = { head: Buffer.from('[{"result":{"data":'), tail: Buffer.from('}}]') };

/** What tRPC sends with a query's answer. */
const ANSWER_HEADERS = { 'content-type': 'application/json', vary: 'trpc-accept, accept' };

export function fastQueries(queries: FastQuery[], deps: { callQueue: FairQueue; rateLimiters: RateLimiters; metrics: Metrics }): MiddlewareHandler {
  const byPath = new Map(queries.map((query) => [`/trpc/${query.path}`, query]));
  return async (c, next) => {
    const query = c.req.method === 'GET' ? byPath.get(c.req.path) : undefined;
    const call = query ? oneCall(c.req.query('batch'), c.req.query('input')) : null;
    if (!query || !call) return next();
    // c.get, not c.var: Hono builds a fresh object of all variables for every c.var.
    const clientAddress = c.get('clientAddress');
    const actor = c.get('actor');
    await deps.callQueue.turn(clientAddress);
    const started = performance.now();
    const body = await query.answer(call.input, actor, call.batch ? BATCH : SINGLE);
    const ms = performance.now() - started;
    if (body === null) return next();
    await chargeReadTo(deps.rateLimiters, actor, clientAddress, ms);
    deps.metrics.recordCall(query.path, 'query', 200, ms / 1000);
    // A Response of our own with plain headers: Hono's c.body would make a fetch Headers object of
    // two or more, to be copied out again on write (security-headers.ts, presetHeaders).
    // Buffer.concat's bytes live in a plain ArrayBuffer, which is what the type asks for.
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers: ANSWER_HEADERS });
  };
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
