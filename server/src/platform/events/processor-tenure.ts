// Whether this node runs a processor now, from which event, and where it records its progress.
// - One node (the embedded store locks its data directory, so there is no other): every processor
//   runs here from its stored checkpoint (one for connected clients only, `forConnectedOnly`,
//   runs from the end of the log and stores none, as on several nodes).
// - Several nodes, a processor that must run once: the node holding its lease runs it, from the
//   checkpoint as it stood when the lease was taken (processor-lease.ts, checkpoints.ts).
// - Several nodes, a processor that acts on what this node holds (its sockets, its caches, its
//   own search index): every node runs it, from the end of the log as it was at start (or where
//   the processor says, `resumeFrom`), and stores no checkpoint: there is nothing shared to record.
import { lastEventSeq } from './event-log.ts';
import { readCheckpoint, saveCheckpoint } from './checkpoints.ts';
import { ProcessorLease, type LeaseTiming } from './processor-lease.ts';
import type { EventProcessor } from './processor.ts';
import type { DocumentStore } from '../store/document-store.ts';

/** This node's turn at running one processor. */
export type Tenure = {
  /** The last event already handled when the tenure began. */
  readonly startAt: number;
  /** False once the processor is no longer this node's to run: checked before every event. */
  holds(): boolean;
  /** Records that every event through `seq` is handled. */
  save(seq: number): Promise<void>;
  /** After the last save: hands the processor over. */
  end(): Promise<void>;
};

export type Placement = {
  /** This node's tenure, or null while another node runs the processor. */
  claim(processor: EventProcessor): Promise<Tenure | null>;
  /** How long a node that got no tenure waits before it asks again. */
  readonly retryMs: number;
};

export function soleNode(store: DocumentStore): Placement {
  return {
    retryMs: 0,
    async claim(processor) {
      return {
        startAt: await readCheckpoint(store, processor.name),
        holds: () => true,
        save: (seq) => saveCheckpoint(store, processor.name, seq),
        end: async () => {},
      };
    },
  };
}

export function everyNode(store: DocumentStore): Placement {
  return {
    retryMs: 0,
    async claim() {
      return { startAt: await lastEventSeq(store), holds: () => true, save: async () => {}, end: async () => {} };
    },
  };
}

export type LeaseSettings = { nodeId: string; timing: LeaseTiming; onError?: (processor: string, error: unknown) => void };

export function leased(store: DocumentStore, settings: LeaseSettings): Placement {
  return {
    retryMs: settings.timing.renewEveryMs,
    async claim(processor) {
      const lease = new ProcessorLease(store, processor.name, settings.nodeId, settings.timing, (error) =>
        settings.onError?.(processor.name, error),
      );
      const startAt = await lease.tryAcquire();
      if (startAt === null) return null;
      return { startAt, holds: () => lease.holds(), save: (seq) => lease.saveCheckpoint(seq), end: () => lease.release() };
    },
  };
}
