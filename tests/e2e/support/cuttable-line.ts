// A network line between one browser page and the built app that a test can cut and restore: a TCP
// relay on its own port. Cutting it closes every connection through it at both ends (the page's
// socket.io connection and any request in flight, as a dropped Wi-Fi would) and refuses new ones
// until it is restored. Chromium's offline emulation is not used because it leaves open WebSockets
// alone. The app must trust the line's origin (ALLOWED_ORIGINS), since the page's address is the
// line's; cookies are per host, not port, so the page shares its context's sign-in with the app's own address.
import net from 'node:net';
import { freePort } from '../../../server/test/support/free-port.ts';

export type CuttableLine = {
  /** The address the page uses: the relay's. */
  url: string;
  /** Where the relay leads (the app's port, known once the app has started). */
  connectTo(port: number): void;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
};

export async function cuttableLine(): Promise<CuttableLine> {
  const port = await freePort();
  let target = 0;
  let open = true;
  const pairs = new Set<[net.Socket, net.Socket]>();
  const relay = net.createServer((page) => {
    if (!open || target === 0) {
      page.destroy();
      return;
    }
    const app = net.connect(target, '127.0.0.1');
    const pair: [net.Socket, net.Socket] = [page, app];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      page.destroy();
      app.destroy();
    };
    page.on('error', end).on('close', end);
    app.on('error', end).on('close', end);
    page.pipe(app);
    app.pipe(page);
  });
  await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    connectTo: (appPort) => {
      target = appPort;
    },
    cut: () => {
      open = false;
      for (const [page, app] of pairs) {
        page.destroy();
        app.destroy();
      }
      pairs.clear();
    },
    restore: () => {
      open = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        open = false;
        for (const [page, app] of pairs) {
          page.destroy();
          app.destroy();
        }
        relay.close(() => resolve());
      }),
  };
}
