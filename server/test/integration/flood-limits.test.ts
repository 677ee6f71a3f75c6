// Floods replayed as an attacker would (issue 6, finding 4), against the real server with the real
// limits: batches of hundreds of calls in one request, hundreds of mutations that change nothing,
// mutations past the limits, and a flood of cheap-to-send reads, each from a loopback address of its
// own (support/from-address.ts) so that per-address limits meet each other as on the Internet.
import { MAX_CALLS_PER_REQUEST } from '@dialogforum/contracts';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/app-router.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { batchUrl, requestFrom, type Answer } from '../support/from-address.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

type ErrorBody = { error: { code: number; message: string; data: { appCode: string; httpStatus: number; retryAfterSeconds?: number } } };

const person = (name: string, representation: 'buyer' | 'supplier') => ({
  name,
  email: `${name.toLowerCase().replace(/\W+/g, '.')}@flood.example`,
  password: 'a long enough password here',
  representation,
  organisationName: `${name} AB`,
});

/** A buyer with a public dialogue and a supplier, registered and confirmed as people would. */
async function cast(server: TestServer) {
  const buyer = server.visitor();
  await buyer.registerVerified(person('Berit Beställare', 'buyer'));
  const supplier = server.visitor();
  await supplier.registerVerified(person('Sune Leverantör', 'supplier'));
  const deadline = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Översvämningar i tätorter',
    description: 'Vi söker sensorer som varnar för översvämning.',
    arenaId: 'energy-environment',
    phase: 'market-dialogue',
    questionDeadline: deadline,
    visibility: 'public',
  });
  await supplier.api.threads.ask.mutate({ dialogueId, title: 'Vilka sensorer passar?', body: 'Räcker det med nivågivare i brunnar?' });
  return { buyer, supplier, dialogueId, deadline };
}

function mutationBatch(server: TestServer, procedure: string, calls: number, input: unknown, cookie = '') {
  return {
    url: `${server.url}/trpc/${Array(calls).fill(procedure).join(',')}?batch=1`,
    init: {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', origin: server.url, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, input]))),
    },
  };
}

function expectRefusal(answer: Answer, status: number, appCode: string): ErrorBody['error'] {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(status);
  const body = (Array.isArray(answer.body) ? answer.body[0] : answer.body) as ErrorBody;
  expect(body.error.data).toMatchObject({ appCode, httpStatus: status });
  // tRPC's own error shape: without a numeric code the tRPC client would not see an error at all.
  expect(typeof body.error.code).toBe('number');
  return body.error;
}

function expectRetryAfter(answer: Answer, error: ErrorBody['error'], maxSeconds: number): void {
  const retryAfter = Number(answer.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(error.data.retryAfterSeconds).toBe(retryAfter);
}

describe('with the real limits', () => {
  let server: TestServer;
  let buyer: Visitor;
  let supplier: Visitor;
  let dialogueId: string;

  beforeAll(async () => {
    server = await startTestServer();
    ({ buyer, supplier, dialogueId } = await cast(server));
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe('the batch limit', () => {
    it('refuses a request carrying more calls than allowed, whole and before any call runs: nothing is written', async () => {
      const store = server.app.services.store;
      const before = { seq: await lastEventSeq(store), organisations: await store.collection('organisations').countDocuments({}) };
      for (const calls of [MAX_CALLS_PER_REQUEST + 1, 400]) {
        const { url, init } = mutationBatch(server, 'organisations.create', calls, { name: 'Flodbolaget', kind: 'supplier' }, supplier.cookie());
        const answer = await requestFrom('127.0.0.1', url, init);
        const error = expectRefusal(answer, 400, 'BATCH_TOO_LARGE');
        expect(error.message).toContain(`at most ${MAX_CALLS_PER_REQUEST} calls`);
        // The body was not read, so the connection does not carry another request.
        expect(answer.headers.connection).toBe('close');
      }
      // Queries too, and a comma written as %2C is still a comma to tRPC.
      expectRefusal(await requestFrom('127.0.0.1', batchUrl(server.url, 'threads.list', MAX_CALLS_PER_REQUEST + 1, { dialogueId })), 400, 'BATCH_TOO_LARGE');
      const encoded = batchUrl(server.url, 'threads.list', MAX_CALLS_PER_REQUEST + 1, { dialogueId }).replaceAll(',', '%2C');
      expectRefusal(await requestFrom('127.0.0.1', encoded), 400, 'BATCH_TOO_LARGE');
      expect({ seq: await lastEventSeq(store), organisations: await store.collection('organisations').countDocuments({}) }).toEqual(before);
    });

    it('serves a batch of exactly the limit', async () => {
      const answer = await requestFrom('127.0.0.1', batchUrl(server.url, 'arenas.list', MAX_CALLS_PER_REQUEST, null));
      expect(answer.status).toBe(200);
      expect(answer.body).toHaveLength(MAX_CALLS_PER_REQUEST);
    });

    it('reaches the tRPC client as an error with an appCode it translates; the product client splits larger batches', async () => {
      const unlimited = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc` })] });
      const calls = Array.from({ length: MAX_CALLS_PER_REQUEST + 1 }, () => unlimited.arenas.list.query());
      const outcomes = await Promise.allSettled(calls);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        const reason = (outcome as PromiseRejectedResult).reason as unknown;
        expect(reason).toBeInstanceOf(TRPCClientError);
        expect((reason as TRPCClientError<AppRouter>).data?.appCode).toBe('BATCH_TOO_LARGE');
      }
      // With maxItems, as client/src/api.ts sets it, the same calls are split and served.
      const split = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${server.url}/trpc`, maxItems: MAX_CALLS_PER_REQUEST })] });
      const answers = await Promise.all(Array.from({ length: 2 * MAX_CALLS_PER_REQUEST + 1 }, () => split.arenas.list.query()));
      expect(answers.every((arenas) => arenas.length > 0)).toBe(true);
    });
  });
});
