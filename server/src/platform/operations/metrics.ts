// Prometheus metrics (prom-client), served at /metrics to operators. Each running app has its own
// registry, so two apps in one process (tests) count apart. Counters and histograms are updated as
// requests and calls happen; gauges about the rest of the system (sockets, event lag, dead letters,
// store size) are read when Prometheus scrapes, through the sources the app registers.
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { CellCounter, CellHistogram } from './metric-cells.ts';

/** Seconds; from a cached query (~1 ms) to a slow argon2 sign-in or search. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export type HttpRoute = 'trpc' | 'static' | 'healthz' | 'readyz' | 'metrics' | 'other';

/** What the gauges read at scrape time. */
export type RuntimeSources = {
  socketConnections(): number;
  /** Per processor: events it has not handled yet, and attempts at the event it is retrying now. */
  processors(): Promise<{ name: string; lag: number; retryingAttempts: number }[]>;
  lastEventSeq(): Promise<number>;
  openDeadLetters(): Promise<Record<string, number>>;
  /** Bytes of the store's files, or null when the engine keeps none here (MongoDB). */
  storeBytes(): Promise<number | null>;
};

export class Metrics {
  readonly registry = new Registry();
  // The four every request updates: cells, found cheaply again (metric-cells.ts).
  private readonly httpRequests = new CellCounter(
    this.registry,
    'dialogforum_http_requests_total',
    'HTTP requests by route, method and status (socket.io traffic excluded)',
    ['route', 'method', 'status'],
  );
  private readonly httpDuration = new CellHistogram(
    this.registry,
    'dialogforum_http_request_duration_seconds',
    'Time to answer an HTTP request, by route',
    ['route'],
    LATENCY_BUCKETS,
  );
  private readonly calls = new CellCounter(
    this.registry,
    'dialogforum_trpc_calls_total',
    'tRPC calls by procedure, type and HTTP status (a batched request counts each call)',
    ['procedure', 'type', 'status'],
  );
  private readonly callDuration = new CellHistogram(this.registry, 'dialogforum_trpc_call_duration_seconds', 'Time to run a tRPC call, by procedure', ['procedure'], LATENCY_BUCKETS);
  private readonly keptAnswers = new CellCounter(
    this.registry,
    'dialogforum_kept_answers_total',
    "Calls answered at the signed-out front door, from kept bytes without the app's middleware (counted in the calls and requests too)",
    ['procedure'],
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'dialogforum_' });
  }

  recordRequest(route: HttpRoute, method: string, status: number, seconds: number): void {
    this.httpRequests.inc(route, method, status);
    this.httpDuration.observe(seconds, route);
  }

  /** `procedure` comes from the router (an existing path), so the label's values are bounded. */
  recordCall(procedure: string, type: string, status: number, seconds: number): void {
    this.calls.inc(procedure, type, status);
    this.callDuration.observe(seconds, procedure);
  }

  /** A call the signed-out front door answered (platform/http/signed-out-front-door.ts). */
  recordKeptAnswer(procedure: string): void {
    this.keptAnswers.inc(procedure);
  }

  /** Registers the gauges read at scrape time; called once the app's parts exist. */
  observe(sources: RuntimeSources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'dialogforum_socket_connections',
      help: 'Open socket.io connections on this node',
      registers,
      collect() {
        this.set(sources.socketConnections());
      },
    });
    new Gauge({
      name: 'dialogforum_event_last_seq',
      help: 'Sequence of the newest event in the event log',
      registers,
      async collect() {
        this.set(await sources.lastEventSeq());
      },
    });
    new Gauge({
      name: 'dialogforum_event_lag',
      help: 'Events a processor has not handled yet',
      labelNames: ['processor'] as const,
      registers,
      async collect() {
        for (const processor of await sources.processors()) this.set({ processor: processor.name }, processor.lag);
      },
    });
    new Gauge({
      name: 'dialogforum_event_retry_attempts',
      help: 'Failed attempts at the event a processor is retrying now (0 when none)',
      labelNames: ['processor'] as const,
      registers,
      async collect() {
        for (const processor of await sources.processors()) this.set({ processor: processor.name }, processor.retryingAttempts);
      },
    });
    new Gauge({
      name: 'dialogforum_dead_letters_open',
      help: 'Events a processor gave up on that wait for an admin',
      labelNames: ['processor'] as const,
      registers,
      async collect() {
        this.reset();
        for (const [processor, count] of Object.entries(await sources.openDeadLetters())) this.set({ processor }, count);
      },
    });
    new Gauge({
      name: 'dialogforum_store_bytes',
      help: "Bytes of the embedded store's files under DATA_DIR/store (absent on MongoDB)",
      registers,
      async collect() {
        const bytes = await sources.storeBytes();
        if (bytes !== null) this.set(bytes);
      },
    });
  }
}
