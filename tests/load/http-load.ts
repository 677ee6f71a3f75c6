// Closed-loop HTTP/1.1 load generator, in its own process (pinned to the CPU the server is not on).
// C keep-alive connections each send GET, wait for the whole response, and send the next at once,
// for a warm-up and then a measured window. Written on bare `net` sockets because fetch/undici's
// per-request overhead would make the generator, not the server, the bottleneck on one core.
// Driven by http.ts over IPC: { type: 'run', … } → { type: 'result', … }.
import net from 'node:net';
import { Channel, nowUs, type Message } from './support/proc.ts';
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

const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses one HTTP/1.1 response off a byte stream: Content-Length or chunked bodies. */
class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  private status = 0;
  private headerBytes = -1;
  private contentLength = -1;
  private chunked = false;

  /** Feeds bytes; returns [status, bodyBytes] once a whole response is in, else null. */
  push(data: Buffer): [number, number] | null {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    if (this.headerBytes === -1) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end === -1) return null;
      const head = this.buffer.subarray(0, end).toString('latin1');
      this.headerBytes = end + 4;
      this.status = Number(head.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      this.contentLength = length ? Number(length[1]) : -1;
      this.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
    }
    if (this.contentLength >= 0) {
      if (this.buffer.length < this.headerBytes + this.contentLength) return null;
      return this.finish(this.headerBytes + this.contentLength, this.contentLength);
    }
    if (this.chunked) {
      let offset = this.headerBytes;
      let body = 0;
      for (;;) {
        const lineEnd = this.buffer.indexOf('\r\n', offset);
        if (lineEnd === -1) return null;
        const size = parseInt(this.buffer.subarray(offset, lineEnd).toString('latin1'), 16);
        const next = lineEnd + 2 + size + 2;
        if (this.buffer.length < next) return null;
        offset = next;
        body += size;
        if (size === 0) return this.finish(offset, body);
      }
    }
    throw new Error('response without Content-Length or chunked encoding');
  }

  private finish(consumed: number, bodyBytes: number): [number, number] {
    const result: [number, number] = [this.status, bodyBytes];
    this.buffer = this.buffer.subarray(consumed);
    this.headerBytes = -1;
    if (this.buffer.length > 0) throw new Error('bytes after a response on a closed-loop connection');
    return result;
  }
}

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
      const reader = new ResponseReader();
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
          if (response[0] === 200 && response[1] === spec.expectedBodyBytes) latencies.push((done - sentAt) / 1e3);
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

if (process.send) {
  const parent = new Channel(process);
  process.on('message', (raw) => {
    const message = raw as Message;
    if (message.type === 'run') {
      runLoad(message.spec as LoadSpec).then(
        (result) => parent.send({ type: 'result', result }),
        (error: unknown) => {
          console.error('[http load] failed:', error);
          process.exit(1);
        },
      );
    } else if (message.type === 'exit') {
      process.exit(0);
    }
  });
  parent.send({ type: 'ready' });
  // If the benchmark process dies, do not linger.
  process.on('disconnect', () => process.exit(0));
}
