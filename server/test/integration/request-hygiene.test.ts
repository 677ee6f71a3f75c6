// Cross-site requests, content types, rate limits and headers, tried as a hostile page or client would.
import { MAX_CALLS_PER_REQUEST } from '@dialogforum/contracts';
import { io as connectSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMIT_RULES } from '../../src/platform/rate-limit/rate-limits.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const registration = (n: number) => ({
  name: `Person ${n}`,
  email: `person${n}@example.org`,
  password: 'a long enough password',
  representation: 'supplier',
});

function post(path: string, body: string, headers: Record<string, string>) {
  return fetch(`${server.url}/trpc/${path}`, { method: 'POST', headers, body });
}

describe('cross-site requests', () => {
  it('refuses a state change from another site, whatever the content type, and writes nothing', async () => {
    const before = await server.app.services.store.collection('users').countDocuments({});
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example', 'content-type': 'application/json' },
      { origin: 'https://evil.example', 'content-type': 'text/plain' },
      { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      { origin: 'null', 'content-type': 'application/json' },
      { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
    ];
    for (const headers of attempts) {
      const response = await post('accounts.register', JSON.stringify(registration(1)), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(((await response.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe('FORBIDDEN');
    }
    expect(await server.app.services.store.collection('users').countDocuments({})).toBe(before);
  });

  it('accepts the same request from our own origin', async () => {
    const response = await post('accounts.register', JSON.stringify(registration(2)), {
      origin: server.url,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    });
    expect(response.status).toBe(200);
  });

  it('answers a state change that is not JSON with 415', async () => {
    const response = await post('accounts.register', JSON.stringify(registration(3)), { origin: server.url, 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a socket.io handshake from another site', async () => {
    const socket = connectSocket(server.url, { transports: ['websocket'], extraHeaders: { origin: 'https://evil.example' }, reconnection: false });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', () => resolve('refused'));
    });
    socket.disconnect();
    expect(outcome).toBe('refused');
    const own = connectSocket(server.url, { transports: ['websocket'], extraHeaders: { origin: server.url }, reconnection: false });
    const ownOutcome = await new Promise<string>((resolve) => {
      own.once('connect', () => resolve('connected'));
      own.once('connect_error', (error) => resolve(`refused: ${error.message}`));
    });
    own.disconnect();
    expect(ownOutcome).toBe('connected');
  });
});

describe('rate limits', () => {
  it('makes an address that guessed an account’s password wait, with 429, Retry-After and a code the client translates', async () => {
    const visitor = server.visitor();
    await visitor.api.accounts.register.mutate({ ...registration(4), representation: 'supplier' as const });
    const wrong = JSON.stringify({ email: 'person4@example.org', password: 'wrong password' });
    const tries = RATE_LIMIT_RULES.signInFailuresPerAccountAndAddress.limit;
    const statuses: number[] = [];
    for (let i = 0; i < tries; i++) statuses.push((await post('accounts.login', wrong, { 'content-type': 'application/json' })).status);
    expect(statuses).toEqual(Array(tries).fill(401));
    // Even the right password waits now, from this address: it has been guessing this account.
    // (Other addresses are not held up: targeted-lockout.test.ts.)
    const right = await post('accounts.login', JSON.stringify({ email: 'person4@example.org', password: 'a long enough password' }), {
      'content-type': 'application/json',
    });
    expect(right.status).toBe(429);
    const retryAfter = Number(right.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const body = (await right.json()) as { error: { data: { appCode: string; retryAfterSeconds: number } } };
    expect(body.error.data).toMatchObject({ appCode: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
  });

  it('counts every call inside one tRPC batch', async () => {
    const allowed = RATE_LIMIT_RULES.loginPerAddress.limit;
    const calls = allowed + 1; // one more than an address may try in the window
    const fresh = await startTestServer();
    try {
      // In batches as large as a request may carry (MAX_CALLS_PER_REQUEST).
      const results: { error?: { data: { appCode: string } } }[] = [];
      for (let sent = 0; sent < calls; sent += MAX_CALLS_PER_REQUEST) {
        const size = Math.min(MAX_CALLS_PER_REQUEST, calls - sent);
        const paths = Array(size).fill('accounts.login').join(',');
        const input = Object.fromEntries(Array.from({ length: size }, (_, i) => [i, { email: `nobody${sent + i}@example.org`, password: 'x' }]));
        const response = await fetch(`${fresh.url}/trpc/${paths}?batch=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
        const answers = (await response.json()) as typeof results;
        expect(answers).toHaveLength(size);
        results.push(...answers);
      }
      const codes = results.map((result) => result.error?.data.appCode);
      expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(allowed);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(1);
    } finally {
      await fresh.stop();
    }
  });
});

describe('liveness', () => {
  it('answers /healthz publicly with nothing but that the process is alive', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

describe('headers', () => {
  it('sends the security headers on pages and API answers, and no-store on API answers', async () => {
    const page = await fetch(`${server.url}/`);
    const api = await fetch(`${server.url}/trpc/accounts.me`);
    for (const response of [page, api]) {
      expect(Object.fromEntries([...response.headers].filter(([name]) => SECURITY_HEADERS.includes(name)))).toEqual({
        'content-security-policy':
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        'cross-origin-opener-policy': 'same-origin',
        'permissions-policy': 'camera=(), microphone=(), geolocation=()',
        'referrer-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
    }
    expect(api.headers.get('cache-control')).toBe('no-store');
  });
});

const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'permissions-policy',
  'referrer-policy',
  'x-content-type-options',
  'x-frame-options',
];
