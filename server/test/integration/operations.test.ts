// Running like a service, against the real server: structured logs with a request id on every line
// of a request and no secrets; /healthz for liveness; /readyz that fails when the store or search
// fails, with details only for operators (OPERATOR_TOKEN as a bearer token, or a signed-in admin);
// Prometheus metrics for operators only, counting what really happened.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDeadLetter } from '../../src/platform/events/dead-letters.ts';
import { readEventsAfter } from '../../src/platform/events/event-log.ts';
import { mailedToken } from '../support/mailbox.ts';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

const OPERATOR_TOKEN = randomBytes(32).toString('hex');
const PASSWORD = 'driftens långa lösenord';
const PERSON = { name: 'Olga Operativ', email: 'olga.operativ@kommun.example', password: PASSWORD };

let server: TestServer;
let person: Visitor;
let admin: Visitor;

const asOperator = { authorization: `Bearer ${OPERATOR_TOKEN}` };
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A sample's value in Prometheus text, by metric name and exact labels; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]));
    if (Object.keys(labels).length === Object.keys(found).length && Object.entries(labels).every(([key, value]) => found[key] === value)) {
      return Number(match[3]);
    }
  }
  return undefined;
}

const scrape = async () => (await get('/metrics', asOperator)).text();

beforeAll(async () => {
  server = await startTestServer({ OPERATOR_TOKEN, LOG_LEVEL: 'debug' });
  person = server.visitor();
  await person.registerVerified({ ...PERSON, representation: 'supplier', organisationName: 'Driftbolaget AB' });
  admin = await server.moderator();
});

afterAll(async () => {
  await server?.stop();
});

describe('the log', () => {
  it('is JSON lines; every line written while a request runs carries its id, which the answer names', async () => {
    const response = await fetch(`${server.url}/trpc/accounts.me`, { headers: { cookie: person.cookie() } });
    const requestId = response.headers.get('x-request-id') ?? '';
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = server.logs().filter((line) => line.requestId === requestId);
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'request', method: 'GET', path: '/trpc/accounts.me', status: 200, service: 'dialogforum' })]);
    expect(typeof lines[0]?.time).toBe('string');
  });

  it("takes a well-formed id from the proxy's X-Request-Id, and makes its own for anything else", async () => {
    const forwarded = await fetch(`${server.url}/trpc/arenas.list`, { headers: { 'x-request-id': 'proxy-4711-abcdef' } });
    expect(forwarded.headers.get('x-request-id')).toBe('proxy-4711-abcdef');
    const injected = 'a b {"level":"fatal"}';
    const hostile = await fetch(`${server.url}/trpc/arenas.list`, { headers: { 'x-request-id': injected } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.logs().some((line) => line.requestId === 'proxy-4711-abcdef')).toBe(true);
    expect(server.logs().some((line) => line.requestId === injected)).toBe(false);
  });

  it('ties a failure inside a request to that request, and the request line says it failed', async () => {
    // Search is down: the call fails inside the request, and what is logged about it carries its id.
    await server.app.services.search.close();
    const response = await fetch(`${server.url}/trpc/search.query?input=${encodeURIComponent(JSON.stringify({ q: 'färjor' }))}`);
    // 503: the search engine is unavailable (SEARCH_UNAVAILABLE), which the client says in words.
    expect(response.status).toBe(503);
    const requestId = response.headers.get('x-request-id') ?? '';
    const lines = server.logs().filter((line) => line.requestId === requestId);
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['error', 'tRPC call failed'],
      ['error', 'request failed'],
    ]);
    expect(lines[0]).toMatchObject({ procedure: 'search.query', err: { type: 'AppError', message: 'The search engine is unavailable' } });
    expect(lines[1]).toMatchObject({ status: 503, path: '/trpc/search.query' });
  });

  it('holds no password, cookie, token, e-mail address or query string', async () => {
    const stranger = server.visitor();
    const email = 'hemlig.person@myndighet.example';
    await stranger.api.accounts.register.mutate({ name: 'Hemlig Person', email, password: PASSWORD, representation: 'supplier' });
    const token = await mailedToken(server.dataDir, email, 'verify-email');
    await stranger.api.accounts.verifyEmail.mutate({ token });
    await refusal(stranger.api.accounts.login.mutate({ email, password: 'fel lösenord som är långt' }));
    await stranger.api.organisations.find.query({ q: email });
    await fetch(`${server.url}/reset-password?token=${token}`);
    const cookie = stranger.cookie().split('=')[1] ?? '';
    expect(cookie.length).toBeGreaterThan(20);
    const log = server.logText();
    expect(log).toContain('/trpc/accounts.login');
    for (const secret of [PASSWORD, email, 'hemlig.person', token, cookie, PERSON.email]) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/[?&]input=|\?token=/);
  });
});

describe('/healthz', () => {
  it('says only that the process answers', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe('/readyz', () => {
  it('tells anyone only whether the node is ready', async () => {
    const callers: Record<string, string>[] = [{}, { authorization: 'Bearer wrong-token-of-the-right-length-0123456789' }, { cookie: person.cookie() }];
    for (const headers of callers) {
      const response = await get('/readyz', headers);
      // Search was closed above: this node is not ready.
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ready: false });
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('gives an operator the details: which check failed and why, processors and their lag, dead letters', async () => {
    const store = server.app.services.store;
    const [event] = await readEventsAfter(store, 0, 1);
    if (!event) throw new Error('no event');
    const at = new Date();
    await recordDeadLetter(store, { processor: 'mail', event, error: new Error('550 <x@y.example>'), attempts: 3, firstFailedAt: at, at });
    await pause(1100); // a report is reused for a second
    for (const headers of [asOperator, { cookie: admin.cookie() }]) {
      const response = await get('/readyz', headers);
      expect(response.status).toBe(503);
      const report = (await response.json()) as Record<string, unknown>;
      expect(report).toMatchObject({
        ready: false,
        store: { ok: true, engine: 'embedded' },
        search: { ok: false, engine: 'embedded', error: expect.stringMatching(/closed/) },
        deadLetters: { open: 1, byProcessor: { mail: 1 } },
      });
      const processors = report.processors as { name: string; lag: number; handledThrough: number }[];
      expect(processors.map((processor) => processor.name).sort()).toEqual(['audit', 'consortia-merge', 'erasure', 'library-merge', 'mail', 'meetings-merge', 'metrics', 'network-places-of-leavers', 'networks-merge', 'notifier', 'realtime', 'relay-merge', 'search-indexer', 'view-cache']);
      expect(processors.every((processor) => processor.lag >= 0 && processor.handledThrough + processor.lag === report.lastEventSeq)).toBe(true);
    }
  });

  it('is ready when store and search answer, and unready when the store refuses writes', async () => {
    const ready = await startTestServer({ OPERATOR_TOKEN });
    try {
      const response = await fetch(`${ready.url}/readyz`, { headers: asOperator });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ready: true, store: { ok: true }, search: { ok: true }, deadLetters: { open: 0 } });
      expect(await (await fetch(`${ready.url}/readyz`)).json()).toEqual({ ready: true });
      await ready.app.services.store.close();
      await pause(1100);
      const refused = await fetch(`${ready.url}/readyz`, { headers: asOperator });
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ ready: false, store: { ok: false, error: expect.any(String) } });
    } finally {
      await ready.stop().catch(() => {});
    }
  });
});

describe('/metrics', () => {
  it('is for operators only', async () => {
    const callers: Record<string, string>[] = [{}, { cookie: person.cookie() }, { authorization: `Bearer ${OPERATOR_TOKEN}x` }, { authorization: OPERATOR_TOKEN }];
    for (const headers of callers) {
      const response = await get('/metrics', headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain('dialogforum_');
    }
    expect((await get('/metrics', { cookie: admin.cookie() })).status).toBe(200);
  });

  it('counts calls by procedure and status, one by one in a batch, with latency histograms', async () => {
    const before = await scrape();
    const calls = (status: string, text = before) => sample(text, 'dialogforum_trpc_calls_total', { procedure: 'arenas.list', type: 'query', status }) ?? 0;
    const requests = (text: string) => sample(text, 'dialogforum_http_requests_total', { route: 'trpc', method: 'GET', status: '200' }) ?? 0;
    // Two calls in one batched HTTP request, then one refused call.
    await Promise.all([person.api.arenas.list.query(), person.api.arenas.list.query()]);
    await refusal(person.api.deadLetters.list.query({}));
    const after = await scrape();
    expect(calls('200', after) - calls('200')).toBe(2);
    expect(requests(after) - requests(before)).toBe(1);
    expect(sample(after, 'dialogforum_trpc_calls_total', { procedure: 'deadLetters.list', type: 'query', status: '403' })).toBeGreaterThanOrEqual(1);
    const count = sample(after, 'dialogforum_trpc_call_duration_seconds_count', { procedure: 'arenas.list' }) ?? 0;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(sample(after, 'dialogforum_trpc_call_duration_seconds_bucket', { procedure: 'arenas.list', le: '+Inf' })).toBe(count);
    expect(sample(after, 'dialogforum_http_request_duration_seconds_count', { route: 'trpc' })).toBeGreaterThan(0);
  });

  it('reports socket connections, event lag per processor, dead letters and store size', async () => {
    const socket = await person.connect();
    try {
      const text = await scrape();
      expect(sample(text, 'dialogforum_socket_connections')).toBe(1);
      const last = sample(text, 'dialogforum_event_last_seq') ?? 0;
      expect(last).toBeGreaterThan(5);
      for (const processor of ['mail', 'audit', 'realtime', 'search-indexer']) {
        expect(sample(text, 'dialogforum_event_lag', { processor }), processor).toBeGreaterThanOrEqual(0);
      }
      expect(sample(text, 'dialogforum_dead_letters_open', { processor: 'mail' })).toBe(1);
      expect(sample(text, 'dialogforum_store_bytes')).toBeGreaterThan(1000);
      expect(sample(text, 'dialogforum_process_resident_memory_bytes')).toBeGreaterThan(0);
    } finally {
      socket.disconnect();
    }
    await pause(100);
    expect(sample(await scrape(), 'dialogforum_socket_connections')).toBe(0);
  });
});
