// DNS rebinding (issue 6, finding 7): an `Origin` equal to the request's own `Host` was trusted for
// any host. A page on a name the attacker controls, made to resolve to the server's address, is
// same-origin to the browser, so it could call the API and open sockets as "its own" site. In
// production only PUBLIC_URL's origin and ALLOWED_ORIGINS are trusted, as `Origin` and as `Host`;
// outside production the request's own host stays trusted, for convenience. Replayed with the Host
// and Origin headers such a page's requests carry, over plain HTTP from the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFrom, type Answer } from '../support/from-address.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let production: TestServer;
let development: TestServer;
const ALLOWED = 'https://forum.example.se';

beforeAll(async () => {
  production = await startTestServer({ NODE_ENV: 'production', ALLOWED_ORIGINS: ALLOWED });
  development = await startTestServer();
});
afterAll(async () => {
  await production?.stop();
  await development?.stop();
});

let serial = 0;
const registration = () => {
  serial += 1;
  return JSON.stringify({
    name: `Person ${serial}`,
    email: `person${serial}@origin.example`,
    password: 'ett tillräckligt långt lösenord',
    representation: 'supplier',
  });
};

/** A request as a browser page would send it, with the Host and Origin that page's requests carry. */
function send(server: TestServer, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return requestFrom('127.0.0.1', `${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body }),
  });
}

const appCode = (answer: Answer) => (answer.body as { error?: { data?: { appCode?: string } } }).error?.data?.appCode;
const users = (server: TestServer) => server.app.services.store.collection('users').countDocuments({});
/** The socket.io handshake (long-polling), which runs the same check as the websocket upgrade. */
const HANDSHAKE = '/socket.io/?EIO=4&transport=polling';

describe('in production', () => {
  const own = () => new URL(production.url);

  it('refuses a rebinding page: Origin equal to its own Host, which is not ours, for the API and the socket', async () => {
    const before = await users(production);
    for (const host of [`evil.example:${own().port}`, 'evil.example', `localhost:${own().port}`, `127.0.0.1.evil.example:${own().port}`]) {
      const headers = { host, origin: `http://${host}` };
      const mutation = await send(production, '/trpc/accounts.register', headers, registration());
      expect(mutation.status, host).toBe(403);
      expect(appCode(mutation), host).toBe('FORBIDDEN');
      // Reads too: a rebinding page could read what the API shows to anyone who asks.
      const query = await send(production, '/trpc/dialogues.list', headers);
      expect(query.status, host).toBe(403);
      const handshake = await send(production, HANDSHAKE, headers);
      expect(handshake.status, host).toBe(403);
      // Without Origin, as the page's own same-origin GETs (the long-polling handshake among them)
      // are sent: still not our host.
      const sameSite = { host, 'sec-fetch-site': 'same-origin' };
      expect((await send(production, '/trpc/dialogues.list', sameSite)).status, host).toBe(403);
      expect((await send(production, HANDSHAKE, sameSite)).status, host).toBe(403);
    }
    expect(await users(production)).toBe(before);
  });

  it('refuses a Host that is no host at all (Node itself answers 400 to some)', async () => {
    for (const host of [`user@${own().host}`, `${own().host}/trpc`, `${own().host}?x`, `[${own().host}]`]) {
      expect([400, 403], host).toContain((await send(production, '/trpc/dialogues.list', { host })).status);
    }
  });

  it('refuses another site’s page on our own host (cross-site request forgery), for the API and the socket', async () => {
    const headers = { host: own().host, origin: 'https://evil.example' };
    expect((await send(production, '/trpc/accounts.register', headers, registration())).status).toBe(403);
    expect((await send(production, HANDSHAKE, headers)).status).toBe(403);
  });

  it('serves PUBLIC_URL’s origin and the allow-listed one, for the API and the socket', async () => {
    for (const origin of [own().origin, ALLOWED]) {
      const headers = { host: new URL(origin).host, origin };
      const mutation = await send(production, '/trpc/accounts.register', headers, registration());
      expect(mutation.status, origin).toBe(200);
      expect((await send(production, '/trpc/dialogues.list', headers)).status, origin).toBe(200);
      const handshake = await send(production, HANDSHAKE, headers);
      expect(handshake.status, origin).toBe(200);
      expect(String(handshake.body)).toMatch(/"sid":/);
    }
  });
});

describe('outside production', () => {
  it('trusts the page’s own host, so localhost and 127.0.0.1 both work without a setting', async () => {
    const port = new URL(development.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const headers = { host, origin: `http://${host}` };
      expect((await send(development, '/trpc/accounts.register', headers, registration())).status, host).toBe(200);
      expect((await send(development, HANDSHAKE, headers)).status, host).toBe(200);
    }
    // Another site's page is refused here too.
    const cross = { host: `127.0.0.1:${port}`, origin: 'https://evil.example' };
    expect((await send(development, '/trpc/accounts.register', cross, registration())).status).toBe(403);
    expect((await send(development, HANDSHAKE, cross)).status).toBe(403);
  });
});
