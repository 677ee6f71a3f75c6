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
};
