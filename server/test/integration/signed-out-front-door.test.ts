// A signed-out visitor's thread page, asked for before, is answered in front of the app's middleware
// from kept bytes (platform/http/signed-out-front-door.ts). It must be the chain's answer in every
// respect: the same bytes and headers, the same refusals at the very next request (a dialogue made
// registered-only, an untrusted host), a new question seen at once, never a signed-in person's
// request, and counted and logged like any request. The server runs in production mode, where the
// host check is on. Which door answered shows in dialogforum_kept_answers_total.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ANSWER_HEADER_NAMES } from '../support/api-answer-headers.ts';
import { MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS } from '../../src/platform/http/in-flight-limit.ts';
import { RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';
import { requestFrom } from '../support/from-address.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
let dialogueId: string;
const PASSWORD = 'dörren står på glänt';

/** The page as the browser's httpBatchLink asks for it; `variant` makes a query string the server has not seen yet. */
const pageUrl = (variant?: string) => {
  const input = variant === undefined ? { dialogueId } : { dialogueId, sort: variant };
  return `${server.url}/trpc/threads.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;
};

async function metric(name: string, ...labels: string[]): Promise<number> {
  const text = await server.app.services.metrics.registry.metrics();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && labels.every((label) => candidate.includes(label)));
  return Number(line?.split(' ').at(-1) ?? 0);
}
const keptAnswers = () => metric('dialogforum_kept_answers_total', 'procedure="threads.list"');

type Page = { status: number; body: Buffer; headers: Record<string, string> };
async function get(url: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: Object.fromEntries(response.headers) };
}
/** The status line's code of a request written as it is, byte for byte. */
function rawStatus(request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.end(request));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}
/** The page's request as written on a connection (keep-alive), for pipelining. */
const pageRequest = () => `GET ${new URL(pageUrl()).pathname}${new URL(pageUrl()).search} HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n\r\n`;

/** A connection to the server from a loopback address of the test's choosing. */
function opened(localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: Number(new URL(server.url).port), localAddress }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves once `count` answers came on the connection, telling each one's status as it comes. */
function answers(socket: Socket, count: number, onAnswer: (status: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let text = '';
    let seen = 0;
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((match) => match[1]!);
      for (; seen < statuses.length; seen += 1) onAnswer(statuses[seen]!);
      if (seen >= count) resolve();
    });
  });
}

/** What may differ between two answers of the same page: when, and which request. */
const comparable = ({ date: _date, 'x-request-id': _id, ...rest }: Record<string, string>) => rest;

beforeAll(async () => {
  // The real limits, as in production.
  server = await startTestServer({ NODE_ENV: 'production' });
  buyer = server.visitor();
  supplier = server.visitor();
  await buyer.registerVerified({ name: 'Dora', email: 'dora@dorr.example', password: PASSWORD, representation: 'buyer', organisationName: 'Dörrkommunen' });
  await supplier.registerVerified({ name: 'Sigge', email: 'sigge@dorr.example', password: PASSWORD, representation: 'supplier', organisationName: 'Sigge AB' });
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Entrédörrar',
    description: 'Vi söker lösningar.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
  for (let i = 0; i < 2; i += 1) {
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: `Fråga ${i + 1} om "dörrar" & <lås>`, body: 'Hur **breda**?' });
    await buyer.api.threads.answer.mutate({ threadId, body: 'Nittio centimeter.' });
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('the signed-out front door', () => {
  it("answers a page asked for before with the chain's very bytes and headers", async () => {
    const before = await keptAnswers();
    const viaChain = await get(pageUrl('newest'));
    expect(await keptAnswers()).toBe(before);
    const atTheDoor = await get(pageUrl('newest'));
    expect(await keptAnswers()).toBe(before + 1);

    expect(atTheDoor.status).toBe(200);
    expect(atTheDoor.body.equals(viaChain.body)).toBe(true);
    expect(JSON.parse(atTheDoor.body.toString()) as unknown).toMatchObject([{ result: { data: { total: 2, ownUnpublished: [] } } }]);
    expect(comparable(atTheDoor.headers)).toEqual(comparable(viaChain.headers));
    expect(Object.keys(comparable(atTheDoor.headers)).sort()).toEqual([...API_ANSWER_HEADER_NAMES, 'connection', 'content-length', 'keep-alive'].sort());
    expect(atTheDoor.headers['cache-control']).toBe('no-store');
    expect(atTheDoor.headers['content-security-policy']).toContain("default-src 'self'");
    expect(atTheDoor.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(atTheDoor.headers['x-request-id']).not.toBe(viaChain.headers['x-request-id']);
  });

  it('never answers a request that carries the session cookie, signed in or not', async () => {
    await get(pageUrl());
    const before = await keptAnswers();
    const signedIn = await get(pageUrl(), { cookie: supplier.cookie() });
    const own = JSON.parse(signedIn.body.toString()) as [{ result: { data: { marks: { threads: string[] } } } }];
    // The supplier's own marks: their two questions. A signed-out page has none.
    expect(own[0].result.data.marks.threads).toHaveLength(2);
    const staleCookie = await get(pageUrl(), { cookie: `theme=dark; ${supplier.cookie().split('=')[0]}=not-a-session` });
    expect(staleCookie.status).toBe(200);
    expect(await keptAnswers()).toBe(before);
    // Another cookie is no session: the door answers.
    await get(pageUrl(), { cookie: 'theme=dark' });
    expect(await keptAnswers()).toBe(before + 1);
  });

  it('shows a new question at the very next request, and refuses a dialogue made registered-only at once', async () => {
    expect((await get(pageUrl())).status).toBe(200);
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Fråga 3 om trösklar', body: 'Hur höga?' });
    await buyer.api.threads.answer.mutate({ threadId, body: 'Inga trösklar.' });
    const before = await keptAnswers();
    const page = await get(pageUrl());
    expect(await keptAnswers()).toBe(before + 1);
    expect(JSON.parse(page.body.toString()) as unknown).toMatchObject([{ result: { data: { total: 3 } } }]);
    expect(page.body.toString()).toContain('Fråga 3 om trösklar');

    await buyer.api.dialogues.update.mutate({ dialogueId, visibility: 'registered' });
    const refused = await get(pageUrl());
    expect(refused.status).toBe(404);
    expect(await keptAnswers()).toBe(before + 1);
    expect(JSON.parse(refused.body.toString()) as unknown).toMatchObject([{ error: { data: { appCode: 'NOT_FOUND' } } }]);
    // The refusal carries the same security headers as any answer.
    expect(refused.headers['content-security-policy']).toBe(page.headers['content-security-policy']);

    await buyer.api.dialogues.update.mutate({ dialogueId, visibility: 'public' });
    expect((await get(pageUrl())).status).toBe(200);
    expect(await keptAnswers()).toBe(before + 2);
  });

  it('leaves a request for a host that is not ours to the guard, which refuses it', async () => {
    await get(pageUrl());
    const before = await keptAnswers();
    for (const host of ['evil.example', `evil.example:${new URL(server.url).port}`]) {
      const answer = await requestFrom('127.0.0.1', pageUrl(), { headers: { host } });
      expect(answer.status, host).toBe(403);
    }
    // Two Host headers, ours first: Node keeps the first, the chain sees both, and refuses.
    expect(await rawStatus(`GET ${new URL(pageUrl()).pathname}${new URL(pageUrl()).search} HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`)).toBe(403);
    expect(await keptAnswers()).toBe(before);
  });

  it("charges its reads to the address's read budget, and leaves a spent budget's refusal to the chain", async () => {
    await get(pageUrl());
    const address = '127.0.0.7';
    const budget = server.app.services.rateLimiters.anonymousReadMsPerAddress;
    const before = await keptAnswers();
    const pages = 5;
    for (let i = 0; i < pages; i += 1) expect((await requestFrom(address, pageUrl())).status).toBe(200);
    expect(await keptAnswers()).toBe(before + pages);
    // At least 1 ms a read was charged: what is left of the budget is at most the limit less five.
    await budget.take(`address:${address}`, RATE_LIMIT_RULES.anonymousReadMsPerAddress.limit - pages);
    const refused = await requestFrom(address, pageUrl());
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(await keptAnswers()).toBe(before + pages);
    // Another address reads on.
    expect((await requestFrom('127.0.0.8', pageUrl())).status).toBe(200);
  });

  it("takes the fair queue's turns: a visitor's page goes out between a flooding address's pages, not after them", async () => {
    await get(pageUrl());
    const before = await keptAnswers();
    const [flood, visitor] = [await opened('127.0.0.12'), await opened('127.0.0.13')];
    const FLOODED = 8;
    let floodAnswered = 0;
    let floodAnsweredBeforeVisitor = -1;
    const done = Promise.all([
      answers(flood, FLOODED, () => (floodAnswered += 1)),
      answers(visitor, 1, () => (floodAnsweredBeforeVisitor = floodAnswered)),
    ]);
    // Eight pages in one write (pipelined: the server reads them in one go and each waits for its
    // turn), then the visitor's one.
    flood.write(pageRequest().repeat(FLOODED));
    visitor.write(pageRequest());
    await done;
    flood.destroy();
    visitor.destroy();
    expect(await keptAnswers()).toBe(before + FLOODED + 1);
    // In arrival order the visitor's page would go out after all eight; with turns, after one or two.
    expect(floodAnsweredBeforeVisitor).toBeLessThanOrEqual(2);
  });

  it('counts its requests in flight with the chain’s: one more than allowed from an address is refused', async () => {
    await get(pageUrl());
    const before = await keptAnswers();
    const flood = await opened('127.0.0.14');
    const sent = MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS + 4;
    const statuses: string[] = [];
    const done = answers(flood, sent, (status) => statuses.push(status));
    // All in one write: every one is in flight before the first is answered.
    flood.write(pageRequest().repeat(sent));
    await done;
    flood.destroy();
    expect(statuses.filter((status) => status === '200')).toHaveLength(MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS);
    expect(statuses.filter((status) => status === '429')).toHaveLength(4);
    expect(await keptAnswers()).toBe(before + MAX_REQUESTS_IN_FLIGHT_PER_ADDRESS);
  });

  it('counts the request and the call, logs one line, and keeps a proxy’s request id', async () => {
    await get(pageUrl());
    const requests = () => metric('dialogforum_http_requests_total', 'route="trpc"', 'method="GET"', 'status="200"');
    const calls = () => metric('dialogforum_trpc_calls_total', 'procedure="threads.list"', 'status="200"');
    const [requestsBefore, callsBefore, keptBefore] = [await requests(), await calls(), await keptAnswers()];
    const page = await get(pageUrl(), { 'x-request-id': 'proxy-id-12345678' });
    expect(page.headers['x-request-id']).toBe('proxy-id-12345678');
    expect([await requests(), await calls(), await keptAnswers()]).toEqual([requestsBefore + 1, callsBefore + 1, keptBefore + 1]);
    const lines = server.logs().filter((line) => line.requestId === 'proxy-id-12345678');
    expect(lines).toEqual([expect.objectContaining({ msg: 'request', method: 'GET', path: '/trpc/threads.list', status: 200 })]);
  });
});
