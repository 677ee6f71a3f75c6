// HTTP requests from a loopback address of the test's choosing (127.0.0.2, 127.0.0.3, …: Linux routes
// all of 127/8 to the loopback interface), so per-address limits can be tried as they work on the
// Internet: to the server, each source address is another client. No proxy header is involved.
import { request, type IncomingHttpHeaders } from 'node:http';

export type Answer = { status: number; headers: IncomingHttpHeaders; body: unknown };

export function requestFrom(
  localAddress: string,
  url: string,
  { method = 'GET', headers = {}, body }: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers, localAddress, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: the text itself.
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** The URL of a tRPC GET batch: `calls` times `procedure` with `input`. */
export function batchUrl(serverUrl: string, procedure: string, calls: number, input: unknown): string {
  const paths = Array(calls).fill(procedure).join(',');
  const inputs = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, input]));
  return `${serverUrl}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}
