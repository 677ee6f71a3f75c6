// The bystanders of the flood benchmark, in their own process: V other visitors, each on a loopback
// address of its own (127.0.1.1, 127.0.1.2, …), open the thread page at a steady total rate R, one
// after another in turn (each visitor every V/R seconds, like a person reading and reloading). Open
// loop: a request is sent at its time whether or not earlier ones have been answered, so a slow
// server cannot slow the measurement down with it. Each request is a new connection, as a new
// visitor's is; its latency runs from the connect to the last byte of the answer.
// Driven by flood.ts over IPC (proc.ts runsOverIpc): { type: 'run', … } → { type: 'result', … }.
import net from 'node:net';
import { HttpResponseReader } from './support/http-response-reader.ts';
import { nowUs, runsOverIpc, sleep } from './support/proc.ts';

const VISIT_TIMEOUT_MS = 30_000;

export type BystanderSpec = {
  port: number;
  path: string;
  visitors: number;
  perSecond: number;
  /** Machine-wide monotonic microseconds (proc.ts nowUs). */
  from: number;
  to: number;
};

/** [sent at (µs, machine-wide clock), latency (ms), HTTP status (0: no answer), body bytes] */
export type BystanderSample = [number, number, number, number];

/** The i-th visitor's own address: 127.0.1.1 … 127.0.1.250, then 127.0.2.1 … */
export function visitorAddress(i: number): string {
  return `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;
}

function visit(spec: BystanderSpec, localAddress: string, request: Buffer): Promise<BystanderSample> {
  return new Promise((resolve) => {
    const sentAt = nowUs();
    const socket = net.connect({ host: '127.0.0.1', port: spec.port, localAddress, noDelay: true });
    const reader = new HttpResponseReader();
    let done = false;
    // Bounded: a visit unanswered this long counts as failed (status 0).
    const giveUp = setTimeout(() => finish(0, 0), VISIT_TIMEOUT_MS);
    const finish = (status: number, bytes: number) => {
      if (done) return;
      done = true;
      clearTimeout(giveUp);
      socket.destroy();
      resolve([sentAt, (nowUs() - sentAt) / 1e3, status, bytes]);
    };
    socket.on('connect', () => socket.write(request));
    socket.on('data', (data) => {
      const response = reader.push(data);
      if (response !== null) finish(response.status, response.bodyBytes);
    });
    socket.on('error', () => finish(0, 0));
    socket.on('close', () => finish(0, 0));
  });
}

export async function runBystanders(spec: BystanderSpec): Promise<BystanderSample[]> {
  const request = Buffer.from(`GET ${spec.path} HTTP/1.1\r\nhost: 127.0.0.1:${spec.port}\r\nconnection: close\r\n\r\n`, 'latin1');
  const periodUs = 1e6 / spec.perSecond;
  const pending: Promise<BystanderSample>[] = [];
  for (let i = 0; ; i += 1) {
    const at = spec.from + i * periodUs;
    if (at >= spec.to) break;
    const wait = (at - nowUs()) / 1e3;
    if (wait > 0) await sleep(wait);
    pending.push(visit(spec, visitorAddress(i % spec.visitors), request));
  }
  return Promise.all(pending);
}

runsOverIpc('flood bystanders', runBystanders);
