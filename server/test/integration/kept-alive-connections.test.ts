// A kept-alive connection left idle is the client's or proxy's to close, not the server's: a server
// that closes it just as the next request goes out on it fails that request ("other side closed"),
// which Node's default of 5 s did to a test client on a loaded CI machine. Tried on a raw socket, as
// a proxy in front would hold it: idle past Node's default, then used again.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Sends one request on the socket and reads its whole response (the health answer is small). */
function ask(socket: net.Socket, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const [head, body = ''] = text.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head ?? '')?.[1] ?? Number.NaN);
      if (body.length >= length) done(() => resolve(text));
    };
    const onClose = () => done(() => reject(new Error(`closed by the server; had read ${JSON.stringify(text)}`)));
    const done = (settle: () => void) => {
      socket.off('data', onData).off('close', onClose);
      settle();
    };
    socket.on('data', onData).on('close', onClose);
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('a kept-alive connection', () => {
  it('is still open after 6 s idle, and answers the next request on it', async () => {
    const { hostname, port, host } = new URL(server.url);
    const socket = net.connect(Number(port), hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    let closedAt: number | null = null;
    const openedAt = Date.now();
    socket.once('close', () => (closedAt = Date.now() - openedAt));
    expect(await ask(socket, host)).toMatch(/^HTTP\/1\.1 200/);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(closedAt).toBeNull();
    expect(await ask(socket, host)).toMatch(/^HTTP\/1\.1 200/);
    socket.destroy();
  }, 20_000);
});
