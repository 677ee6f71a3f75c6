// When the embedded index is written to disk. Writing the whole index costs time proportional to
// its size, so changes are batched: the first change after a write schedules the next write a
// short delay later, and every change made before it fires rides along. `durableThroughSeq` is
// the sequence of the last snapshot that reached the disk, which is what a restart will load.

import { writeSnapshotFile } from './snapshot-file.ts';

export type SnapshotSource = () => { content: string; throughSeq: number };

export class SnapshotSchedule {
  readonly #path: string;
  readonly #capture: SnapshotSource;
  readonly #delayMs: number;
  readonly #onFailure: (error: unknown) => void;
  #durableThroughSeq: number;
  #changed = false;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> | null = null;

  constructor(options: {
    path: string;
    capture: SnapshotSource;
    delayMs: number;
    /** A scheduled write failed; it is retried after the next delay. */
    onFailure: (error: unknown) => void;
    durableThroughSeq: number;
  }) {
    this.#path = options.path;
    this.#capture = options.capture;
    this.#delayMs = options.delayMs;
    this.#onFailure = options.onFailure;
    this.#durableThroughSeq = options.durableThroughSeq;
  }

  get durableThroughSeq(): number {
    return this.#durableThroughSeq;
  }

  changed(): void {
    this.#changed = true;
    this.#schedule();
  }

  /** Writes pending changes now; rejects when that write fails. */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing.catch(() => undefined);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#changed) await this.#write();
  }

  #schedule(): void {
    if (this.#timer || this.#writing) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#write().catch(this.#onFailure);
    }, this.#delayMs);
  }

  #write(): Promise<void> {
    this.#changed = false;
    const { content, throughSeq } = this.#capture();
    const writing = writeSnapshotFile(this.#path, content).then(
      () => {
        this.#durableThroughSeq = throughSeq;
      },
      (error: unknown) => {
        this.#changed = true;
        throw error;
      },
    );
    this.#writing = writing;
    return writing.finally(() => {
      this.#writing = null;
      if (this.#changed) this.#schedule();
    });
  }
}
