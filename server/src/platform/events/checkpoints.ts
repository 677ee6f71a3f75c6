// Where each processor is in the event log: the last event it finished, stored at most once a
// second. Behind several nodes the same document is the processor's lease (processor-lease.ts):
// who holds it, under which generation, until when. Only the holder of the current generation may
// move the checkpoint, so a node that lost its lease while it was busy cannot write over its
// successor's progress: the generation is the fencing token.
import type { DocumentStore } from '../store/document-store.ts';

export type CheckpointDocument = {
  _id: string;
  seq: number;
  updatedAt: string;
  /** The lease, behind several nodes: the node holding it, or null once released. */
  holder?: string | null;
  /** Taken over once more each time another node (or this one again) acquires the lease. */
  generation?: number;
  /** Epoch ms (the writer's clock) after which another node may take the lease. */
  expiresAt?: number;
  renewedAt?: string;
};

export const CHECKPOINTS = 'checkpoints';

export async function readCheckpoint(store: DocumentStore, processor: string): Promise<number> {
  return (await store.collection<CheckpointDocument>(CHECKPOINTS).findOne({ _id: processor }))?.seq ?? 0;
}

/** The only node there is records its progress. */
export async function saveCheckpoint(store: DocumentStore, processor: string, seq: number): Promise<void> {
  await store
    .collection<CheckpointDocument>(CHECKPOINTS)
    .updateOne({ _id: processor }, { $set: { seq, updatedAt: new Date().toISOString() } }, { upsert: true });
}

/** The lease holder records its progress, unless a newer generation took over: then false. */
export async function saveLeasedCheckpoint(
  store: DocumentStore,
  processor: string,
  seq: number,
  lease: { holder: string; generation: number },
): Promise<boolean> {
  const { matchedCount } = await store
    .collection<CheckpointDocument>(CHECKPOINTS)
    .updateOne({ _id: processor, holder: lease.holder, generation: lease.generation }, { $set: { seq, updatedAt: new Date().toISOString() } });
  return matchedCount === 1;
}
