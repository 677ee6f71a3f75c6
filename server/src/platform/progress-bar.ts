/** A one-line progress bar for long command-line jobs; plain lines when not on a terminal. */
export class ProgressBar {
  private done = 0;
  private lastPrinted = -1;
  private readonly startedAt = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream,
  ) {
    this.print();
  }

  advance(count: number): void {
    this.done = Math.min(this.total, this.done + count);
    this.print();
  }

  finish(): void {
    this.done = this.total;
    this.print(true);
    if (this.out.isTTY) this.out.write('\n');
  }

  private print(force = false): void {
    const percent = this.total === 0 ? 100 : Math.floor((this.done / this.total) * 100);
    if (!force && percent === this.lastPrinted) return;
    this.lastPrinted = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% ${this.done}/${this.total} ${seconds}s`;
    if (this.out.isTTY) this.out.write(`\r${line}`);
    else if (force || percent % 10 === 0) this.out.write(`${line}\n`);
  }
}
