// Fair turns on one event loop. Node runs whatever is ready in arrival order, so a client with 16
// connections full of queued calls gets 16 turns for every one a visitor gets. Here every tRPC call
// waits for its turn: one call starts per turn of the event loop (a setImmediate), taking the
// waiting callers (addresses) in rotation. Between two calls the loop reads new requests, so a
// visitor's call waits for at most one call of each other caller, not for a whole flood. A call that
// awaits I/O does not hold the queue: the next call starts on the next turn regardless.
//
// Idle, a call waits one loop turn (microseconds). Memory is bounded by the in-flight limit per
// address and the batch limit (in-flight-limit.ts, batch-limit.ts).

export class FairQueue {
  /** Waiting calls per caller; the Map's insertion order is the rotation. */
  private readonly waiting = new Map<string, (() => void)[]>();
  private scheduled = false;

  /** Resolves when it is `caller`'s turn to start one call. */
  turn(caller: string): Promise<void> {
    return new Promise((resolve) => {
      const queue = this.waiting.get(caller);
      if (queue) queue.push(resolve);
      else this.waiting.set(caller, [resolve]);
      this.schedule();
    });
  }

  /** Callers with a call waiting (for tests and diagnostics). */
  get waitingCallers(): number {
    return this.waiting.size;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.startNext);
  }

  private readonly startNext = (): void => {
    this.scheduled = false;
    const first = this.waiting.entries().next();
    if (first.done) return;
    const [caller, queue] = first.value;
    const start = queue.shift()!;
    // To the back of the rotation, if it has more waiting.
    this.waiting.delete(caller);
    if (queue.length > 0) this.waiting.set(caller, queue);
    start();
    if (this.waiting.size > 0) this.schedule();
  };
}
