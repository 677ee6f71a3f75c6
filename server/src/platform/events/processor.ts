import type { DomainEvent } from './event-log.ts';

/** Something that reacts to events after they are committed: realtime fan-out, search indexing. */
export type EventProcessor = {
  readonly name: string;
  handle(event: DomainEvent): Promise<void>;
  /**
   * Where to resume given the stored checkpoint. An index that may have lost its most recent
   * writes in a crash answers with an earlier sequence so those events are handled again.
   */
  resumeFrom?(storedCheckpoint: number): Promise<number>;
  /**
   * Behind several nodes: 'one-node' (the default) runs on the node holding its lease, once for
   * the whole service (mail, audit). 'every-node' acts on what each node holds itself (its live
   * sockets, its caches, an index in its own files), so every node runs it, from the end of the
   * log at start (processor-tenure.ts).
   */
  readonly placement?: 'one-node' | 'every-node';
  /**
   * Acts only for those connected now (live pushes): on every start it begins at the end of the
   * log and records no checkpoint, on one node as on several, since clients that were away catch
   * up by query. Its loop then never waits for a durable write: a checkpoint's commit once a
   * second held every live push behind the disk's flush.
   */
  readonly forConnectedOnly?: boolean;
  /**
   * Never give an event up as a dead letter: for a processor whose failures are its engine's
   * outages (an index that is down), not the event's content, so waiting loses nothing.
   */
  readonly retriesForever?: boolean;
};
