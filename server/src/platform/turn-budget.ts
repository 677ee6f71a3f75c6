// How long a piece of work may hold the event loop before it lets the loop turn. Work that the
// embedded store answers at once never waits for anything, so a loop over many reads runs as one
// block unless it yields; yielding after every read costs a turn each time. A budget yields only
// once the work has run for a measured while since the loop last turned.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

export class TurnBudget {
  #since: number;

  /** `now` is the clock in ms (a test may drive its own, to count turns without timing them). */
  constructor(
    private readonly ms: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#since = now();
  }

  /** The loop has just turned (the caller awaited another thread, a process or a timer): the budget starts again. */
  turned(): void {
    this.#since = this.now();
  }

  /** Lets the loop turn (sockets, timers, other callbacks run) if this turn's work has run for the budget. */
  async spend(): Promise<void> {
    if (this.now() - this.#since < this.ms) return;
    await nextTurn();
    this.turned();
  }
}
