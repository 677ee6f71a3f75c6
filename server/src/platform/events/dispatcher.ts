// Feeds committed events to each processor in sequence order, at least once. Every processor has
// its own loop and checkpoint, so a failing one is retried with backoff without holding up the
// others, and a restart resumes after the last event it finished.
//
// Retries are bounded: an event that still fails after `maxAttempts` goes to the dead-letter list
// (dead-letters.ts) and the processor moves on, so one poisoned event (a recipient the SMTP server
// rejects for good) cannot hold up every later one. An admin's retry is itself an event
// (`dead_letter.retried`): the processor it names tries the dead event again in its own loop, in
// order with everything else, and on every node the same way.
//
// Behind several nodes (`leases`), a processor runs on the one node holding its lease, or on every
// node when it acts on what that node holds (`placement: 'every-node'`; processor-tenure.ts). A
// node checks that the processor is still its own before every event, and stops when it is not.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { DocumentStore } from '../store/document-store.ts';
import { DEAD_LETTERS, recordDeadLetter, resolveDeadLetter, type DeadLetterDocument } from './dead-letters.ts';
import { readEventsAfter, type DomainEvent } from './event-log.ts';
import { DEFAULT_LEASE_TIMING, type LeaseTiming } from './processor-lease.ts';
import { everyNode, leased, soleNode, type Placement, type Tenure } from './processor-tenure.ts';
import type { EventProcessor } from './processor.ts';
import { SharedEventReads } from './shared-event-reads.ts';

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
  /**
   * Attempts at one event before it becomes a dead letter. With the default backoff, 10 attempts
   * span about 50 seconds: long enough for a restarting SMTP relay, short enough that later mail
   * (a password reset someone is waiting for) is not held up for long by one that never goes.
   */
  maxAttempts?: number;
  onError?: (processor: string, event: number, error: unknown, attempt: number) => void;
  /** A processor gave up on an event: it is on the dead-letter list now. */
  onDeadLetter?: (processor: string, event: number, error: unknown) => void;
  /**
   * Other nodes may run processors on the same store: take leases. Absent, this node is the only
   * one (the embedded store locks its data directory) and runs every processor itself.
   */
  leases?: { nodeId: string; timing?: Partial<LeaseTiming> };
};

/** A name for this process among the nodes, for the lease documents an operator may read. */
export function newNodeId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/** Where a processor is, for readiness and metrics. */
export type ProcessorStatus = {
  name: string;
  handledThrough: number;
  /** The event it is retrying now, and how many attempts have failed so far. */
  retrying: { seq: number; attempts: number } | null;
  /** False while another node holds the processor's lease (then `handledThrough` is stale). */
  runsHere: boolean;
};

export class EventDispatcher {
  private readonly loops: ProcessorLoop[];
  private readonly reads: SharedEventReads;
  constructor(store: DocumentStore, processors: EventProcessor[], options: DispatcherOptions = {}) {
    const { leases } = options;
    const shared = leases
      ? leased(store, {
          nodeId: leases.nodeId,
          timing: { ...DEFAULT_LEASE_TIMING, ...leases.timing },
          onError: (processor, error) => options.onError?.(processor, 0, error, 1),
        })
      : soleNode(store);
    const local = leases ? everyNode(store) : shared;
    const reads = (this.reads = new SharedEventReads(store));
    const placementOf = (processor: EventProcessor) => (processor.forConnectedOnly ? everyNode(store) : processor.placement === 'every-node' ? local : shared);
    this.loops = processors.map((processor) => new ProcessorLoop(store, reads, processor, placementOf(processor), options));
  }

  start(): void {
    for (const loop of this.loops) loop.start();
  }

  /** Called after a commit so processors pick the event up at once instead of at the next poll. */
  notify(): void {
    // Before any loop wakes: the loops woken now must not join a read that began before this commit.
    this.reads.committed();
    for (const loop of this.loops) loop.wake();
  }

  /** The last sequence each processor has finished on this node, for health checks and tests. */
  checkpoints(): Record<string, number> {
    return Object.fromEntries(this.loops.map((loop) => [loop.name, loop.handledThrough]));
  }

  /** The processors that store a checkpoint: one for connected clients only starts at the log's end and keeps none. */
  checkpointed(): string[] {
    return this.loops.filter((loop) => !loop.forConnectedOnly).map((loop) => loop.name);
  }

  status(): ProcessorStatus[] {
    return this.loops.map((loop) => ({ name: loop.name, handledThrough: loop.handledThrough, retrying: loop.retrying, runsHere: loop.runsHere }));
  }

  /** Resolves once every processor has handled every event up to `seq` on this node. */
  async drained(seq: number): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.reached(seq)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }
}

class ProcessorLoop {
  handledThrough = 0;
  retrying: { seq: number; attempts: number } | null = null;
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
  private readonly maxAttempts: number;
  private savedThrough = 0;
  private savedAt = 0;
  private tenure: Tenure | null = null;

  constructor(
    private readonly store: DocumentStore,
    private readonly reads: SharedEventReads,
    private readonly processor: EventProcessor,
    private readonly placement: Placement,
    private readonly options: DispatcherOptions,
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 1000;
    this.firstRetryMs = options.firstRetryMs ?? 100;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.checkpointEveryMs = options.checkpointEveryMs ?? 1000;
    this.maxAttempts = processor.retriesForever ? Infinity : (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  }

  get name(): string {
    return this.processor.name;
  }

  get forConnectedOnly(): boolean {
    return this.processor.forConnectedOnly === true;
  }

  get runsHere(): boolean {
    return this.tenure !== null;
  }

  start(): void {
    this.running = true;
    this.finished = this.run().catch((error: unknown) => {
      this.options.onError?.(this.name, this.handledThrough + 1, error, 1);
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
    while (this.running) {
      const tenure = await this.claim();
      if (tenure === null) return;
      this.tenure = tenure;
      this.savedThrough = tenure.startAt;
      try {
        // Set only once the processor says where it resumes: set to the stored checkpoint first, it
        // released those waiting for events the processor was about to handle again (`drained`).
        this.handledThrough = this.processor.resumeFrom ? await this.processor.resumeFrom(tenure.startAt) : tenure.startAt;
        this.releaseWaiters();
        await this.loop();
      } finally {
        await this.saveCheckpoint().catch((error: unknown) => this.options.onError?.(this.name, this.handledThrough + 1, error, 1));
        this.tenure = null;
        await tenure.end().catch((error: unknown) => this.options.onError?.(this.name, this.handledThrough + 1, error, 1));
      }
    }
  }

  /** Waits until this node may run the processor; null when stopped first. */
  private async claim(): Promise<Tenure | null> {
    let failures = 0;
    while (this.running) {
      try {
        const tenure = await this.placement.claim(this.processor);
        if (tenure !== null) return tenure;
        failures = 0;
        await this.sleep(this.placement.retryMs, false);
      } catch (error) {
        this.options.onError?.(this.name, this.handledThrough + 1, error, ++failures);
        await this.sleep(this.backoff(failures), false);
      }
    }
    return null;
  }

  /** Running, and still this node's to run. */
  private holds(): boolean {
    return this.running && this.tenure !== null && this.tenure.holds();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.holds()) {
      try {
        await this.nextBatch();
        failures = 0;
      } catch (error) {
        // The dispatcher's own reads or writes failed (the store is unreachable). Nothing was
        // skipped: the batch is read again after a pause.
        this.options.onError?.(this.name, this.handledThrough + 1, error, ++failures);
        await this.sleep(this.backoff(failures), false);
      }
    }
  }

  private async nextBatch(): Promise<void> {
    this.pendingWake = false;
    const events = await this.reads.after(this.handledThrough, this.batchSize);
    for (const event of events) {
      if (!this.holds() || !(await this.deliver(event))) return;
      this.handledThrough = event.seq;
      this.releaseWaiters();
    }
    if (Date.now() - this.savedAt >= this.checkpointEveryMs) await this.saveCheckpoint();
    if (events.length < this.batchSize && !this.pendingWake) await this.sleep(this.pollMs);
  }

  /** Hands one event to the processor; false only when the loop is stopped before it is done. */
  private async deliver(event: DomainEvent): Promise<boolean> {
    if ((await this.attempt(event)) === 'stopped') return false;
    const { processor, deadLetterId } = event.subject;
    if (event.type === 'dead_letter.retried' && processor === this.name && deadLetterId) return this.retryDeadLetter(deadLetterId);
    return true;
  }

  /**
   * Handles one event, retrying with backoff; after `maxAttempts` failures it is recorded as a
   * dead letter ('given-up') and the loop goes on. 'stopped' when the loop is stopped meanwhile, or
   * the processor stopped being this node's.
   */
  private async attempt(event: DomainEvent): Promise<'done' | 'given-up' | 'stopped'> {
    let firstFailedAt: Date | null = null;
    for (let attempt = 1; this.holds(); attempt++) {
      try {
        await this.processor.handle(event);
        this.retrying = null;
        return 'done';
      } catch (error) {
        this.options.onError?.(this.name, event.seq, error, attempt);
        firstFailedAt ??= new Date();
        this.retrying = { seq: event.seq, attempts: attempt };
        if (attempt >= this.maxAttempts) {
          await recordDeadLetter(this.store, { processor: this.name, event, error, attempts: attempt, firstFailedAt, at: new Date() });
          this.retrying = null;
          this.options.onDeadLetter?.(this.name, event.seq, error);
          return 'given-up';
        }
        // Keep what is done so far: a restart during a long outage resumes here, not at the batch start.
        await this.saveCheckpoint();
        await this.sleep(this.backoff(attempt), false);
      }
    }
    return 'stopped';
  }

  /** An admin asked to try a dead event again; it is resolved, or dead again with the new error. */
  private async retryDeadLetter(id: string): Promise<boolean> {
    const letter = await this.store.collection<DeadLetterDocument>(DEAD_LETTERS).findOne({ _id: id, processor: this.name, status: 'retrying' });
    // Settled already: this request was handled before a restart.
    if (!letter) return true;
    const [event] = await readEventsAfter(this.store, letter.eventSeq - 1, 1);
    if (!event) {
      await this.store
        .collection<DeadLetterDocument>(DEAD_LETTERS)
        .updateOne({ _id: id }, { $set: { status: 'dead', error: 'The event is no longer in the event log' } });
      return true;
    }
    const outcome = await this.attempt(event);
    if (outcome === 'done') await resolveDeadLetter(this.store, id, new Date());
    return outcome !== 'stopped';
  }

  private backoff(failedAttempts: number): number {
    return Math.min(this.maxRetryMs, this.firstRetryMs * 2 ** (failedAttempts - 1));
  }

  private async saveCheckpoint(): Promise<void> {
    if (this.tenure === null || this.handledThrough === this.savedThrough) return;
    const through = this.handledThrough;
    this.savedAt = Date.now();
    await this.tenure.save(through);
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
