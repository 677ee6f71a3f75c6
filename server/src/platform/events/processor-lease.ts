// Behind several nodes, a processor that must run once (mail, audit, the search indexer on
// Meilisearch) runs on the node that holds its lease, kept on the processor's checkpoint document
// (checkpoints.ts): the holder, a generation and an expiry. The holder renews it by a heartbeat;
// another node takes it only once it has expired (or was released by a node that stopped), and
// then under the next generation, starting after the checkpoint as it stands.
//
// A node that cannot renew stops handling *before* another may start: it counts its lease as held
// only until `marginMs` before the expiry it wrote, measured from when it began the renewal, on its
// own monotonic clock; other nodes wait for the expiry itself on theirs. That holds while the
// nodes' wall clocks agree within the margin (NTP keeps them within milliseconds). Should they
// not, the generation still fences the late node off: every write it makes to the document
// (renewal, checkpoint, release) names its generation and is refused once another node took over.
import { performance } from 'node:perf_hooks';
import { DuplicateKeyError, type DocumentStore } from '../store/document-store.ts';
import { CHECKPOINTS, saveLeasedCheckpoint, type CheckpointDocument } from './checkpoints.ts';

export type LeaseTiming = {
  /** How long a lease lasts after its last renewal: a dead holder's processors wait this long. */
  ttlMs: number;
  /** How often the holder renews, and how often other nodes look whether it has expired. */
  renewEveryMs: number;
  /** The holder stops this long before the expiry it wrote: the tolerated clock difference. */
  marginMs: number;
};

/** Four renewals fit in one lease, so a store that stalls for a few seconds costs no handover. */
export const DEFAULT_LEASE_TIMING: LeaseTiming = { ttlMs: 10_000, renewEveryMs: 2_500, marginMs: 3_000 };

export class ProcessorLease {
  private generation = 0;
  /** performance.now() after which this node no longer counts the lease as its own. */
  private heldUntil = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private renewing = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly processor: string,
    private readonly nodeId: string,
    private readonly timing: LeaseTiming,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Takes the lease when nobody holds it or its holder let it expire. Answers the checkpoint to
   * start after, or null when another node holds it (or won the race for it).
   */
  async tryAcquire(): Promise<number | null> {
    const checkpoints = this.store.collection<CheckpointDocument>(CHECKPOINTS);
    const started = performance.now();
    const now = Date.now();
    const current = await checkpoints.findOne({ _id: this.processor });
    if (current && current.holder && (current.expiresAt ?? 0) > now) return null;
    const generation = (current?.generation ?? 0) + 1;
    const taken = { holder: this.nodeId, generation, expiresAt: now + this.timing.ttlMs, renewedAt: new Date(now).toISOString() };
    let startAt: number;
    if (current) {
      // Compare and set on the generation (null matches a checkpoint that never had a lease):
      // of two nodes that saw it expire, one wins, and it learns the checkpoint as it is now.
      const after = await checkpoints.findOneAndUpdate({ _id: this.processor, generation: current.generation ?? null }, { $set: taken });
      if (after === null) return null;
      startAt = after.seq;
    } else {
      try {
        await checkpoints.insertOne({ _id: this.processor, seq: 0, updatedAt: new Date(now).toISOString(), ...taken });
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null;
        throw error;
      }
      startAt = 0;
    }
    this.generation = generation;
    this.heldUntil = started + this.timing.ttlMs - this.timing.marginMs;
    this.heartbeat = setInterval(() => void this.renew(), this.timing.renewEveryMs);
    this.heartbeat.unref();
    return startAt;
  }

  /** Whether this node may still handle the processor's events; checked before each one. */
  holds(): boolean {
    return performance.now() < this.heldUntil;
  }

  /** Records progress under this lease; a refusal means another node took over, and ends it here. */
  async saveCheckpoint(seq: number): Promise<void> {
    if (!(await saveLeasedCheckpoint(this.store, this.processor, seq, { holder: this.nodeId, generation: this.generation }))) this.lose();
  }

  /** Lets another node take over at once (a clean stop) instead of after the expiry. */
  async release(): Promise<void> {
    const held = this.heartbeat !== null;
    this.lose();
    if (!held) return;
    await this.store
      .collection<CheckpointDocument>(CHECKPOINTS)
      .updateOne({ _id: this.processor, holder: this.nodeId, generation: this.generation }, { $set: { holder: null, expiresAt: 0 } });
  }

  private lose(): void {
    this.heldUntil = 0;
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private async renew(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    const started = performance.now();
    const now = Date.now();
    try {
      const { matchedCount } = await this.store
        .collection<CheckpointDocument>(CHECKPOINTS)
        .updateOne(
          { _id: this.processor, holder: this.nodeId, generation: this.generation },
          { $set: { expiresAt: now + this.timing.ttlMs, renewedAt: new Date(now).toISOString() } },
        );
      // Matched: nobody took over (that would have moved the generation), so it is ours again.
      if (matchedCount === 0) this.lose();
      else if (this.heartbeat !== null) this.heldUntil = started + this.timing.ttlMs - this.timing.marginMs;
    } catch (error) {
      // The store did not answer: the lease runs out by itself unless a later renewal gets through.
      this.onError(error);
    } finally {
      this.renewing = false;
    }
  }
}
