// The login session: an HttpOnly SameSite cookie, Secure behind an HTTPS proxy, ended by logout,
// and the same session authenticates the socket.io connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
const account = {
  name: 'Pia Proxy',
  email: 'pia@proxy.example',
  password: 'a long enough password',
  representation: 'supplier',
};

beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY: 'true' });
});
afterAll(async () => {
  await server?.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('session cookie', () => {
  it('is Secure only when the trusted proxy says the request came over https', async () => {
    // Registration sets no cookie (it signs nobody in); the sign-in does.
    const registered = await post('accounts.register', account, { 'x-forwarded-proto': 'https' });
    expect(registered.status).toBe(200);
    expect(registered.headers.getSetCookie()).toEqual([]);
    const overHttps = await post('accounts.login', { email: account.email, password: account.password }, { 'x-forwarded-proto': 'https' });
    expect(overHttps.status).toBe(200);
    const secureCookie = overHttps.headers.getSetCookie()[0] ?? '';
    expect(secureCookie).toMatch(/^df_session=[A-Za-z0-9_-]{43}; /);
    expect(secureCookie).toMatch(/; Secure/i);
    expect(secureCookie).toMatch(/; HttpOnly/i);
    expect(secureCookie).toMatch(/; SameSite=Lax/i);
    const overHttp = await post('accounts.login', { email: account.email, password: account.password });
    expect(overHttp.headers.getSetCookie()[0]).not.toMatch(/Secure/i);
  });

  it('ends with logout: the old cookie no longer identifies anyone', async () => {
    const visitor = server.visitor();
    await visitor.api.accounts.login.mutate({ email: account.email, password: account.password });
    const oldCookie = visitor.cookie();
    expect((await visitor.api.accounts.me.query())?.email).toBe(account.email);
    await visitor.api.accounts.logout.mutate();
    expect(await visitor.api.accounts.me.query()).toBeNull();
    const replay = await fetch(`${server.url}/trpc/accounts.me`, { headers: { cookie: oldCookie } });
    expect(((await replay.json()) as { result: { data: unknown } }).result.data).toBeNull();
  });
});
