// The flooder of the flood benchmark, in its own process (pinned to the CPU the server is not on):
// one client, one source address, C keep-alive connections, each sending the same request again the
// moment the previous answer is in (closed loop), from `from` to `to` on the machine-wide clock. A
// refused answer is simply followed by the next request: an attacker does not honour Retry-After.
// When the server closes a connection (as it does after refusing a body it did not read), the
// connection is opened again. Driven by flood.ts over IPC (proc.ts runsOverIpc).
import net from 'node:net';
import { HttpResponseReader } from './support/http-response-reader.ts';
import { nowUs, runsOverIpc, sleep } from './support/proc.ts';

const UNANSWERED_AFTER_END_MS = 10_000;

export type AttackSpec = {
  port: number;
  /** A loopback address of its own (127.0.0.2 …), so the server sees one distinct client. */
  localAddress: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  /** Machine-wide monotonic microseconds (proc.ts nowUs). */
  from: number;
  to: number;
};

export type AttackResult = {
  requests: number;
  byStatus: Record<string, number>;
  responseBytes: number;
  reconnects: number;
  cpuUs: number;
};

export async function runAttack(spec: AttackSpec): Promise<AttackResult> {
  const body = spec.body === undefined ? null : Buffer.from(spec.body, 'utf8');
  const headerLines = Object.entries({
    host: `127.0.0.1:${spec.port}`,
    connection: 'keep-alive',
    ...(body ? { 'content-length': String(body.length) } : {}),
    ...spec.headers,
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const head = Buffer.from(`${spec.method} ${spec.path} HTTP/1.1\r\n${headerLines}\r\n`, 'latin1');
  const request = body ? Buffer.concat([head, body]) : head;
  const result: AttackResult = { requests: 0, byStatus: {}, responseBytes: 0, reconnects: 0, cpuUs: 0 };

  await sleep(Math.max(0, (spec.from - nowUs()) / 1e3));
  const cpuBefore = process.cpuUsage();

  /** One connection's closed loop; reopens the connection whenever the server closes it. */
  const loop = async (): Promise<void> => {
    while (nowUs() < spec.to) {
      await new Promise<void>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port: spec.port, localAddress: spec.localAddress, noDelay: true });
        const reader = new HttpResponseReader();
        let awaiting = false;
        const send = () => {
          if (nowUs() >= spec.to) {
            socket.end();
            return;
          }
          awaiting = true;
          socket.write(request);
        };
        socket.on('connect', send);
        socket.on('data', (data) => {
          const response = reader.push(data);
          if (response === null) return;
          awaiting = false;
          result.requests += 1;
          result.byStatus[response.status] = (result.byStatus[response.status] ?? 0) + 1;
          result.responseBytes += response.bodyBytes;
          if (/\r\nconnection:\s*close/i.test(response.headers)) socket.end();
          else send();
        });
        // A reset while a request was out counts as such; the loop opens a new connection.
        socket.on('error', () => {
          if (awaiting) result.byStatus['reset'] = (result.byStatus['reset'] ?? 0) + 1;
        });
        // A request still unanswered this long after the end is given up (the run stays bounded).
        const giveUp = setTimeout(() => {
          if (awaiting) result.byStatus['unanswered'] = (result.byStatus['unanswered'] ?? 0) + 1;
          awaiting = false;
          socket.destroy();
        }, Math.max(0, (spec.to - nowUs()) / 1e3) + UNANSWERED_AFTER_END_MS);
        socket.on('close', () => {
          clearTimeout(giveUp);
          if (nowUs() < spec.to) result.reconnects += 1;
          resolve();
        });
      });
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuUs = cpu.user + cpu.system;
  return result;
}

runsOverIpc('flood attacker', runAttack);
