// One read of the event log for every processor loop that asks for the same events at once. After
// a commit the dispatcher wakes every loop, and loops that are caught up all ask for the events
// after the same sequence; each reading the log itself cost a question one store query per
// processor (eight), most of a millisecond of server CPU each time.
//
// A loop may join a read already in flight only if no commit was announced since that read began:
// a read that started before a commit may miss the event whose announcement woke the loop, which
// would then wait for the next poll. Commits are announced through `committed()` before any loop
// is woken (EventDispatcher.notify), so a read joined under the same announcement count began after
// every commit the joining loop was woken for. Finished reads are not kept: a loop that asks again
// (after the poll interval, for another node's commit) reads the store again.
import type { DocumentStore } from '../store/document-store.ts';
import { readEventsAfter, type DomainEvent } from './event-log.ts';

type Read = { announced: number; events: Promise<readonly DomainEvent[]> };

export class SharedEventReads {
  private announced = 0;
  private readonly inFlight = new Map<string, Read>();

  constructor(private readonly store: DocumentStore) {}

  /** A commit is durable: reads that began before this may not see it. */
  committed(): void {
    this.announced += 1;
  }

  /**
   * The next `limit` events after `seq`, as readEventsAfter. The events are frozen, since every
   * loop that joined the read is handed the same objects.
   */
  after(seq: number, limit: number): Promise<readonly DomainEvent[]> {
    const key = `${seq}:${limit}`;
    const current = this.inFlight.get(key);
    if (current !== undefined && current.announced === this.announced) return current.events;
    const read: Read = { announced: this.announced, events: readEventsAfter(this.store, seq, limit).then(freezeEach) };
    this.inFlight.set(key, read);
    const forget = () => {
      if (this.inFlight.get(key) === read) this.inFlight.delete(key);
    };
    read.events.then(forget, forget);
    return read.events;
  }
}

function freezeEach(events: DomainEvent[]): readonly DomainEvent[] {
  for (const event of events) {
    Object.freeze(event.subject);
    Object.freeze(event);
  }
  return Object.freeze(events);
}
