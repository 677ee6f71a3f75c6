// Feeds committed events to each processor in sequence order, at least once. Every processor has
// its own loop and checkpoint, so a failing one is retried with backoff without holding up the
// others, and a restart resumes after the last event it finished.
import type { DocumentStore } from '../store/document-store.ts';
import { readEventsAfter } from './event-log.ts';
import type { EventProcessor } from './processor.ts';

type Checkpoint = { _id: string; seq: number; updatedAt: string };
const CHECKPOINTS = 'checkpoints';

export type DispatcherOptions = {
  batchSize?: number;
  /** Wake up this often even without a notification, to see events written by other nodes. */
  pollMs?: number;
  /**
   * Store a processor's checkpoint at most this often (and when it stops). Delivery is at least
   * once anyway, so a crash only means re-handling up to this much; saving after every event
   * would cost each question a durable commit per processor.
   */
  checkpointEveryMs?: number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  onError?: (processor: string, event: number, error: unknown) => void;
};

export class EventDispatcher {
  private readonly loops: ProcessorLoop[];
  constructor(store: DocumentStore, processors: EventProcessor[], options: DispatcherOptions = {}) {
    this.loops = processors.map((processor) => new ProcessorLoop(store, processor, options));
  }

  start(): void {
    for (const loop of this.loops) loop.start();
  }

  /** Called after a commit so processors pick the event up at once instead of at the next poll. */
  notify(): void {
    for (const loop of this.loops) loop.wake();
  }

  /** The last sequence each processor has finished, for health checks and tests. */
  checkpoints(): Record<string, number> {
    return Object.fromEntries(this.loops.map((loop) => [loop.name, loop.handledThrough]));
  }

  /** Resolves once every processor has handled every event up to `seq`. */
  async drained(seq: number): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.reached(seq)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }
}

class ProcessorLoop {
  handledThrough = 0;
  private running = false;
  private finished: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly checkpointEveryMs: number;
  private savedThrough = 0;
  private savedAt = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly processor: EventProcessor,
    private readonly options: DispatcherOptions,
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 1000;
    this.firstRetryMs = options.firstRetryMs ?? 100;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.checkpointEveryMs = options.checkpointEveryMs ?? 1000;
  }

  get name(): string {
    return this.processor.name;
  }

  start(): void {
    this.running = true;
    this.finished = this.run().catch((error: unknown) => {
      this.options.onError?.(this.name, this.handledThrough + 1, error);
    });
  }

  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  reached(seq: number): Promise<void> {
    if (this.handledThrough >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.finished;
  }

  private async run(): Promise<void> {
    const stored = (await this.store.collection<Checkpoint>(CHECKPOINTS).findOne({ _id: this.name }))?.seq ?? 0;
    this.handledThrough = this.processor.resumeFrom ? await this.processor.resumeFrom(stored) : stored;
    this.savedThrough = stored;
    try {
      await this.loop();
    } finally {
      await this.saveCheckpoint();
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      this.pendingWake = false;
      const events = await readEventsAfter(this.store, this.handledThrough, this.batchSize);
      for (const event of events) {
        if (!(await this.handleWithRetry(event.seq, () => this.processor.handle(event)))) return;
        this.handledThrough = event.seq;
        this.releaseWaiters();
      }
      if (Date.now() - this.savedAt >= this.checkpointEveryMs) await this.saveCheckpoint();
      if (events.length < this.batchSize && !this.pendingWake) await this.sleep(this.pollMs);
    }
  }

  /** Retries one event until it succeeds; false only when the loop is stopped meanwhile. */
  private async handleWithRetry(seq: number, work: () => Promise<void>): Promise<boolean> {
    for (let attempt = 0; this.running; attempt++) {
      try {
        await work();
        return true;
      } catch (error) {
        this.options.onError?.(this.name, seq, error);
        // Keep what is done so far: a restart during a long outage resumes here, not at the batch start.
        await this.saveCheckpoint();
        await this.sleep(Math.min(this.maxRetryMs, this.firstRetryMs * 2 ** attempt), false);
      }
    }
    return false;
  }

  private async saveCheckpoint(): Promise<void> {
    if (this.handledThrough === this.savedThrough) return;
    const through = this.handledThrough;
    this.savedAt = Date.now();
    await this.store
      .collection<Checkpoint>(CHECKPOINTS)
      .updateOne(
        { _id: this.name },
        { $set: { seq: through, updatedAt: new Date().toISOString() } },
        { upsert: true },
      );
    this.savedThrough = through;
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((waiter) => waiter.seq <= this.handledThrough);
    this.waiters = this.waiters.filter((waiter) => waiter.seq > this.handledThrough);
    for (const waiter of ready) waiter.resolve();
  }

  /** Waits for `ms`, or less when woken; a retry wait (`wakeable` false) ignores new events. */
  private sleep(ms: number, wakeable = true): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeUp === wake) self.wakeUp = null;
        resolve();
      }
      const wake = () => {
        if (wakeable || !this.running) done();
      };
      this.wakeUp = wake;
    });
  }
}
