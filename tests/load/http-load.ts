// Closed-loop HTTP/1.1 load generator, in its own process (pinned to the CPU the server is not on).
// C keep-alive connections each send GET, wait for the whole response, and send the next at once,
// for a warm-up and then a measured window. Written on bare `net` sockets because fetch/undici's
// per-request overhead would make the generator, not the server, the bottleneck on one core.
// Driven by http.ts over IPC (proc.ts runsOverIpc): { type: 'run', … } → { type: 'result', … }.
import net from 'node:net';
import { HttpResponseReader } from './support/http-response-reader.ts';
import { nowUs, runsOverIpc } from './support/proc.ts';
import { summarize } from './support/stats.ts';

export type LoadSpec = {
  port: number;
  path: string;
  headers: Record<string, string>;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Every response body must have this length; anything else counts as an error. */
  expectedBodyBytes: number;
};

export type LoadResult = {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpuUs: number;
};

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const headerLines = Object.entries({ host: `127.0.0.1:${spec.port}`, connection: 'keep-alive', ...spec.headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const request = Buffer.from(`GET ${spec.path} HTTP/1.1\r\n${headerLines}\r\n`, 'latin1');
  const start = nowUs();
  const measureFrom = start + spec.warmupMs * 1e3;
  const measureTo = measureFrom + spec.durationMs * 1e3;
  const latencies: number[] = [];
  let errors = 0;
  let cpuAtMeasureStart: NodeJS.CpuUsage | null = null;

  const connection = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: spec.port, noDelay: true });
      const reader = new HttpResponseReader();
      let sentAt = 0;
      const send = () => {
        const now = nowUs();
        if (now >= measureTo) {
          socket.end();
          resolve();
          return;
        }
        sentAt = now;
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('data', (data) => {
        const response = reader.push(data);
        if (response === null) return;
        const done = nowUs();
        if (sentAt >= measureFrom && done <= measureTo) {
          cpuAtMeasureStart ??= process.cpuUsage();
          if (response.status === 200 && response.bodyBytes === spec.expectedBodyBytes) latencies.push((done - sentAt) / 1e3);
          else errors += 1;
        }
        send();
      });
      socket.on('error', reject);
    });

  await Promise.all(Array.from({ length: spec.concurrency }, connection));
  const cpu = process.cpuUsage(cpuAtMeasureStart ?? undefined);
  const summary = summarize(latencies);
  const seconds = spec.durationMs / 1000;
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50Ms: summary.p50,
    p99Ms: summary.p99,
    maxMs: summary.max,
    cpuUs: cpu.user + cpu.system,
  };
}

runsOverIpc('http load', runLoad);
