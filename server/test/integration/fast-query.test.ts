// The thread page asked alone is answered without tRPC (platform/http/fast-query.ts). It must be
// the very answer tRPC gives: the same bytes for an anonymous visitor, for a signed-in supplier with
// a question of their own waiting and marks, for the buyers' audience, without a batch and in one;
// and a refusal (a hidden dialogue, a bad input) must come from tRPC, as for anyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ANSWER_HEADER_NAMES } from '../support/api-answer-headers.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
let dialogueId: string;
let registeredId: string;
const PASSWORD = 'samma svar på två vägar';

/** GET as the browser's httpBatchLink sends it; `alongside` adds a second call, which tRPC then answers. */
async function get(visitor: Visitor | null, input: unknown, alongside = false): Promise<{ status: number; body: string; type: string | null }> {
  const path = alongside ? 'threads.list,arenas.list' : 'threads.list';
  const inputs = alongside ? { 0: input, 1: null } : { 0: input };
  const cookie = visitor?.cookie();
  const response = await fetch(`${server.url}/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`, {
    headers: cookie ? { cookie } : {},
  });
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
}

/** The first call's answer of a batch, as text. */
const firstOf = (body: string) => JSON.stringify((JSON.parse(body) as unknown[])[0]);

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  supplier = server.visitor();
  await buyer.registerVerified({ name: 'Berit', email: 'berit@snabb.example', password: PASSWORD, representation: 'buyer', organisationName: 'Snabbkommunen' });
  await supplier.registerVerified({ name: 'Sune', email: 'sune@snabb.example', password: PASSWORD, representation: 'supplier', organisationName: 'Sune AB' });
  const base = {
    title: 'Snöröjning',
    description: 'Vi söker lösningar.',
    arenaId: 'transport' as const,
    phase: 'market-dialogue' as const,
    questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
  };
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({ ...base, visibility: 'public' }));
  ({ dialogueId: registeredId } = await buyer.api.dialogues.create.mutate({ ...base, visibility: 'registered' }));
  for (let i = 0; i < 3; i += 1) {
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: `Fråga ${i + 1} om "plogbilar" & <salt>`, body: 'Hur **ofta**?\n\n- a\n- b' });
    await buyer.api.threads.answer.mutate({ threadId, body: 'Varje natt.' });
  }
  await supplier.api.threads.ask.mutate({ dialogueId, title: 'En fråga i förtroende', body: 'Hemligt.', confidential: true });
});

afterAll(async () => {
  await server?.stop();
});

describe('the thread page answered without tRPC', () => {
  it('gives the same bytes as tRPC, for every audience and viewer', async () => {
    for (const [label, visitor] of [
      ['anonymous', null],
      ['supplier with a question waiting', supplier],
      ['buyer', buyer],
    ] as const) {
      for (const input of [{ dialogueId }, { dialogueId, sort: 'most-wanted', filter: 'answered', limit: 2 }, { dialogueId, filter: 'mine' }]) {
        const fast = await get(visitor, input);
        const viaTrpc = await get(visitor, input, true);
        expect({ label, input, status: fast.status, type: fast.type }).toEqual({ label, input, status: 200, type: 'application/json' });
        expect({ label, input, body: firstOf(fast.body) }).toEqual({ label, input, body: firstOf(viaTrpc.body) });
        // The byte-for-byte form, not only equal JSON: the fast answer is what tRPC would have written.
        expect(fast.body.startsWith('[{"result":{"data":{"threads":[')).toBe(true);
      }
    }
    const own = JSON.parse((await get(supplier, { dialogueId })).body) as [{ result: { data: { ownUnpublished: unknown[]; marks: { threads: string[] } } } }];
    expect(own[0].result.data.ownUnpublished).toHaveLength(1);
    expect(own[0].result.data.marks.threads).toHaveLength(4);
  });

  it('answers without a batch the way tRPC does', async () => {
    const input = encodeURIComponent(JSON.stringify({ dialogueId }));
    const single = await (await fetch(`${server.url}/trpc/threads.list?input=${input}`)).text();
    expect(JSON.stringify(JSON.parse(single))).toBe(firstOf((await get(null, { dialogueId }, true)).body));
    expect(single.startsWith('{"result":{"data":')).toBe(true);
  });

  it('leaves refusals to tRPC: a hidden dialogue and a bad input answer as they always do', async () => {
    const hidden = await get(null, { dialogueId: registeredId });
    const hiddenViaTrpc = await get(null, { dialogueId: registeredId }, true);
    expect(hidden.status).toBe(404);
    expect(firstOf(hidden.body)).toBe(firstOf(hiddenViaTrpc.body));
    const bad = await get(null, { dialogueId, limit: 1000 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject([{ error: { data: { appCode: 'VALIDATION' } } }]);
    const extra = await get(null, { dialogueId, $where: '1' });
    expect(extra.status).toBe(400);
  });

  it("sends the headers tRPC's answer gets: security headers, no-store, vary and a request id of its own", async () => {
    const headersOf = async (url: string) => {
      const response = await fetch(url);
      await response.arrayBuffer();
      return Object.fromEntries([...response.headers].filter(([name]) => !['date', 'content-length', 'x-request-id', 'keep-alive', 'connection'].includes(name)));
    };
    const input = encodeURIComponent(JSON.stringify({ 0: { dialogueId } }));
    const fast = await headersOf(`${server.url}/trpc/threads.list?batch=1&input=${input}`);
    const viaTrpc = await headersOf(`${server.url}/trpc/threads.list,arenas.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { dialogueId }, 1: null }))}`);
    expect(fast).toEqual(viaTrpc);
    expect(Object.keys(fast).sort()).toEqual([...API_ANSWER_HEADER_NAMES].sort());
    expect(fast['cache-control']).toBe('no-store');
    const first = await fetch(`${server.url}/trpc/threads.list?batch=1&input=${input}`);
    const second = await fetch(`${server.url}/trpc/threads.list?batch=1&input=${input}`);
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });

  it('counts the call in the metrics as tRPC would', async () => {
    const calls = async () => {
      const text = await server.app.services.metrics.registry.metrics();
      const line = text.split('\n').find((candidate) => candidate.startsWith('dialogforum_trpc_calls_total') && candidate.includes('procedure="threads.list"') && candidate.includes('status="200"'));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    const before = await calls();
    await get(null, { dialogueId });
    expect(await calls()).toBe(before + 1);
  });
});
