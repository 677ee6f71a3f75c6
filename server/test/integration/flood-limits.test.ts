// Floods replayed as an attacker would (issue 6, finding 4), against the real server with the real
// limits: batches of hundreds of calls in one request, hundreds of mutations that change nothing,
// mutations past the limits, and a flood of cheap-to-send reads, each from a loopback address of its
// own (support/from-address.ts) so that per-address limits meet each other as on the Internet.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CALLS_PER_REQUEST } from '@dialogforum/contracts';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/app-router.ts';
import { lastEventSeq } from '../../src/platform/events/event-log.ts';
import { RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';
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

  describe('every mutation', () => {
    it('is limited per person: past the limit a minute, 429 with Retry-After; another person goes on', async () => {
      const { limit } = RATE_LIMIT_RULES.mutationsPerPerson;
      const walker = server.visitor();
      await walker.registerVerified(person('Viktor Vandrare', 'supplier'));
      const organisationId = (await walker.api.accounts.me.query())!.organisation!.id;
      // Calls in batches, each call's own answer read, until the first refusal (bounded).
      const outcomes: number[] = [];
      while (!outcomes.includes(429) && outcomes.length <= 2 * limit) {
        const { url, init } = mutationBatch(server, 'organisations.actFor', MAX_CALLS_PER_REQUEST, { organisationId }, walker.cookie());
        const answer = await requestFrom('127.0.0.1', url, init);
        for (const result of answer.body as ErrorBody[]) outcomes.push('error' in result ? result.error.data.httpStatus : 200);
      }
      const served = outcomes.indexOf(429);
      // Signing up may have spent one of the person's mutations in this window; no call more than the limit.
      expect(served).toBeGreaterThanOrEqual(limit - 1);
      expect(served).toBeLessThanOrEqual(limit);
      expect(outcomes.slice(0, served).every((status) => status === 200)).toBe(true);
      expect(outcomes.slice(served).every((status) => status === 429)).toBe(true);
      const { url, init } = mutationBatch(server, 'organisations.actFor', 1, { organisationId }, walker.cookie());
      const refused = await requestFrom('127.0.0.1', url, init);
      expectRetryAfter(refused, expectRefusal(refused, 429, 'RATE_LIMITED'), 60);
      // Another person, from the same address, is not held up by it.
      const other = (await supplier.api.accounts.me.query())!.organisation!.id;
      await expect(supplier.api.organisations.actFor.mutate({ organisationId: other })).resolves.toEqual({ ok: true });
    });

    it('is limited per address, whoever calls: past the limit a minute, 429; another address goes on', async () => {
      const { limit } = RATE_LIMIT_RULES.mutationsPerAddress;
      // Signing out changes nothing for an anonymous caller, but it is a mutation like any other.
      let served = 0;
      for (let sent = 0; sent < limit; sent += MAX_CALLS_PER_REQUEST) {
        const { url, init } = mutationBatch(server, 'accounts.logout', Math.min(MAX_CALLS_PER_REQUEST, limit - sent), null);
        const answer = await requestFrom('127.0.0.2', url, init);
        expect(answer.status).toBe(200);
        served += (answer.body as unknown[]).length;
      }
      expect(served).toBe(limit);
      const { url, init } = mutationBatch(server, 'accounts.logout', 1, null);
      const refused = await requestFrom('127.0.0.2', url, init);
      expectRetryAfter(refused, expectRefusal(refused, 429, 'RATE_LIMITED'), 60);
      expect((await requestFrom('127.0.0.3', url, init)).status).toBe(200);
    });
  });

  describe('the read budget', () => {
    /** Sends batches of thread pages from `address` until one is refused; fails if none is within `maxRequests`. */
    async function floodReads(address: string, cookie = '', maxRequests = 400): Promise<{ refused: Answer; served: number }> {
      const url = batchUrl(server.url, 'threads.list', MAX_CALLS_PER_REQUEST, { dialogueId });
      for (let served = 0; served < maxRequests; served++) {
        const answer = await requestFrom(address, url, { headers: cookie ? { cookie } : {} });
        if (answer.status !== 200) return { refused: answer, served };
      }
      throw new Error(`${maxRequests} batches of thread pages from ${address} were all served`);
    }

    it('throttles an anonymous flood of reads from one address, while another address is served', async () => {
      const { refused, served } = await floodReads('127.0.0.4');
      // At least 1 ms is charged per call: the budget admits at most this many batches.
      expect(served).toBeLessThanOrEqual(RATE_LIMIT_RULES.anonymousReadMsPerAddress.limit / MAX_CALLS_PER_REQUEST);
      expectRetryAfter(refused, expectRefusal(refused, 429, 'RATE_LIMITED'), 60);
      const threadPage = batchUrl(server.url, 'threads.list', 1, { dialogueId });
      const bystander = await requestFrom('127.0.0.5', threadPage);
      expect(bystander.status).toBe(200);
      expect(JSON.stringify(bystander.body)).toContain('Vilka sensorer passar?');
      // The flooding address stays refused for the rest of the window, but a person signed in there
      // reads on their own budget.
      expect((await requestFrom('127.0.0.4', threadPage)).status).toBe(429);
      expect((await requestFrom('127.0.0.4', threadPage, { headers: { cookie: buyer.cookie() } })).status).toBe(200);
    });

    it('throttles a signed-in flood by person, wherever it comes from; anonymous readers there are served', async () => {
      const reader = server.visitor();
      await reader.registerVerified(person('Rut Läsare', 'supplier'));
      const { refused } = await floodReads('127.0.0.6', reader.cookie());
      expectRefusal(refused, 429, 'RATE_LIMITED');
      const threadPage = batchUrl(server.url, 'threads.list', 1, { dialogueId });
      expect((await requestFrom('127.0.0.7', threadPage, { headers: { cookie: reader.cookie() } })).status).toBe(429);
      expect((await requestFrom('127.0.0.6', threadPage)).status).toBe(200);
    });
  });

  describe('fair turns', () => {
    it("serves a visitor's call between a flooding address's calls, not after all of them", async () => {
      // Sixteen requests of ten thread pages each (as many as one address may have in flight),
      // then, while they are being answered, one visitor's thread page from another address.
      const flood = batchUrl(server.url, 'threads.list', MAX_CALLS_PER_REQUEST, { dialogueId });
      let floodAnswered = 0;
      const flooding = Array.from({ length: 16 }, () =>
        requestFrom('127.0.0.8', flood).then((answer) => {
          floodAnswered += 1;
          return answer.status;
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 10));
      // Counted from when the visitor asks: what the flood got done in its head start is not the
      // visitor's wait (a faster thread page finishes more of it then, and that proves nothing).
      const answeredWhenVisitorAsked = floodAnswered;
      const visitor = await requestFrom('127.0.0.9', batchUrl(server.url, 'threads.list', 1, { dialogueId }));
      const answeredBeforeVisitor = floodAnswered - answeredWhenVisitorAsked;
      expect(visitor.status).toBe(200);
      expect(await Promise.all(flooding)).toEqual(Array(16).fill(200));
      // More of the flood was still waiting when the visitor asked than turns allow before it
      // (arrival order would answer all of it first), or this shows nothing.
      expect(16 - answeredWhenVisitorAsked).toBeGreaterThanOrEqual(6);
      // In arrival order the visitor would wait for all the calls still queued; taking turns, for a few.
      expect(answeredBeforeVisitor).toBeLessThanOrEqual(4);
    });
  });
});

describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('counts the address the proxy saw, so a flooder cannot name a new address with every request', async () => {
    const reads = batchUrl(server.url, 'arenas.list', MAX_CALLS_PER_REQUEST, null);
    // The proxy appends the address it saw (198.51.100.7) to what the client sent, as nginx's
    // $proxy_add_x_forwarded_for does; the client invents a new one for every request.
    const through = (seen: string, invented: number) => ({ headers: { 'x-forwarded-for': `203.0.113.${invented % 250}, ${seen}` } });
    const maxRequests = RATE_LIMIT_RULES.anonymousReadMsPerAddress.limit / MAX_CALLS_PER_REQUEST + 1;
    let answer: Answer | null = null;
    for (let sent = 0; sent < maxRequests; sent++) {
      answer = await requestFrom('127.0.0.1', reads, through('198.51.100.7', sent));
      if (answer.status !== 200) break;
    }
    expectRefusal(answer!, 429, 'RATE_LIMITED');
    // Another visitor behind the same proxy is served.
    expect((await requestFrom('127.0.0.1', reads, through('198.51.100.8', 0))).status).toBe(200);
  });
});

describe('mutations that change nothing write nothing', () => {
  // The limits are raised here so that all 400 calls reach the commands: this is about what a
  // command writes, not about the limits (which the tests above replay with the real numbers).
  let server: TestServer;
  let buyer: Visitor;
  let dialogueId: string;
  let deadline: string;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_SCALE: '1000' });
    ({ buyer, dialogueId, deadline } = await cast(server));
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Event sequence, audit lines and the bytes of the store's log, once every processor is done. */
  async function written() {
    const store = server.app.services.store;
    const seq = await lastEventSeq(store);
    await server.app.dispatcher.drained(seq);
    // Processors store their checkpoints at most once a second: wait until every one has, so that a
    // checkpoint of earlier events is not taken for a write of the calls under test.
    const processors = server.app.dispatcher.checkpointed();
    for (let waited = 0; ; waited += 100) {
      const checkpoints = await store.collection<{ _id: string; seq: number }>('checkpoints').find({});
      const stored = new Map(checkpoints.map((checkpoint) => [checkpoint._id, checkpoint.seq]));
      if (processors.every((name) => stored.get(name) === seq)) break;
      if (waited > 20_000) throw new Error(`checkpoints not stored: ${JSON.stringify(checkpoints)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The log is appended by group commit: an empty transaction returns once every earlier write is
    // durable, so the file's size below is not read while a checkpoint is still on its way.
    await store.withTransaction(async () => {});
    return {
      seq,
      auditLines: await store.collection('auditLog').countDocuments({}),
      logBytes: (await stat(path.join(server.dataDir, 'store', 'store.log'))).size,
    };
  }

  /** Fails, naming what the log gained, unless nothing was written since `before`. */
  async function expectNothingWrittenSince(before: Awaited<ReturnType<typeof written>>): Promise<void> {
    const after = await written();
    if (after.logBytes !== before.logBytes) {
      const log = await readFile(path.join(server.dataDir, 'store', 'store.log'));
      const gained = log.subarray(before.logBytes).toString('latin1').replace(/[^\x20-\x7e]+/g, ' ');
      expect.fail(`the store log grew by ${after.logBytes - before.logBytes} bytes: ${gained.slice(0, 600)}`);
    }
    expect(after).toEqual(before);
  }

  async function send400(procedure: string, input: unknown, cookie: string): Promise<void> {
    for (let sent = 0; sent < 400; sent += MAX_CALLS_PER_REQUEST) {
      const { url, init } = mutationBatch(server, procedure, MAX_CALLS_PER_REQUEST, input, cookie);
      const answer = await requestFrom('127.0.0.1', url, init);
      expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    }
  }

  it('400 organisations.actFor for the organisation already acted for', async () => {
    const organisationId = (await buyer.api.accounts.me.query())!.organisation!.id;
    const before = await written();
    await send400('organisations.actFor', { organisationId }, buyer.cookie());
    await expectNothingWrittenSince(before);
  });

  it('400 dialogues.setQuestionDeadline to the deadline the dialogue has; a real change is recorded once', async () => {
    const before = await written();
    await send400('dialogues.setQuestionDeadline', { dialogueId, questionDeadline: deadline }, buyer.cookie());
    await expectNothingWrittenSince(before);
    const later = new Date(Date.parse(deadline) + 3_600_000).toISOString();
    await send400('dialogues.setQuestionDeadline', { dialogueId, questionDeadline: later }, buyer.cookie());
    const after = await written();
    expect(after.seq).toBe(before.seq + 1);
    expect(after.auditLines).toBe(before.auditLines + 1);
  });

  it('blocking a person who is blocked already', async () => {
    const admin = await server.moderator();
    const target = server.visitor();
    await target.registerVerified(person('Bo Blockerad', 'supplier'));
    const userId = (await target.api.accounts.me.query())!.id;
    await admin.api.accounts.block.mutate({ userId });
    const before = await written();
    for (let i = 0; i < 5; i++) await admin.api.accounts.block.mutate({ userId });
    await expectNothingWrittenSince(before);
  });
});
