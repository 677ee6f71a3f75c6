// Long work done on the event loop in turns of a few milliseconds of wall time, measured, so that
// requests are served between them.
//
// Why measured and not a count of items per turn: saving a million posts' index keys after a
// compaction cut its work into frames of 10,000 keys, a few milliseconds each on a quiet CPU, and
// still held the loop for 131–221 ms at a time when the store shared one CPU with the garbage
// collector's own threads (docs/benchmarks.md): the same count of items takes as long as the CPU
// lets it. A clock counts what the loop waits for, whatever the cause.

/** Wall time a turn may take before it yields: well under the 50 ms the store promises. */
export const TURN_BUDGET_MS = 5;
/** The clock is read every this many steps (reading it is not free on every machine). */
export const STEPS_BETWEEN_CLOCK_READINGS = 64;

export class TurnBudget {
  private started: number;
  private steps = 0;

  constructor(
    private readonly budgetMs: number = TURN_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Counts one step of work; true once this turn's budget is spent. */
  step(): boolean {
    this.steps += 1;
    if (this.steps < STEPS_BETWEEN_CLOCK_READINGS) return false;
    this.steps = 0;
    return this.now() - this.started >= this.budgetMs;
  }

  /** Ends the turn: lets the event loop run what waits, then begins the next turn. */
  async yieldTurn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.restart();
  }

  /** Begins a new turn (after an await that went back to the event loop, a file write say). */
  restart(): void {
    this.started = this.now();
    this.steps = 0;
  }
}
