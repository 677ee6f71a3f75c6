// The embedded store runs one transaction at a time: its overlay is checked against committed
// state that cannot change underneath it, so there are no conflicts to detect or retry.

export class TransactionLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const turnEnds = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turnStarts = this.tail.then(() => release);
    this.tail = this.tail.then(() => turnEnds);
    return turnStarts;
  }
}
