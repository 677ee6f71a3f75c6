// A port nothing listens on right now. A server in production mode trusts only PUBLIC_URL's origin
// and host, so PUBLIC_URL must name the port before the server starts: PORT=0 would not do. Another
// process could take the port in the moment between; on a test machine that does not happen.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
