// The main thread's blocks: every time its event loop could not run a 1 ms timer for more than a
// threshold (5 ms: issue 10 §8), when, how long, and what explains it. A histogram
// (monitorEventLoopDelay) says how long the longest delay was; this says how many there were and
// why each, so a benchmark can tell code holding the loop from what any process on a busy machine
// shows. A block is explained by the main thread's own CPU time during it (Linux's schedstat, in
// nanoseconds, which a loaded machine does not inflate) and the collector's pauses:
//
// - 'GC': the garbage collector paused the thread for most of the block;
// - 'main thread ran': the thread was on a CPU for most of the block, not collecting: code ran;
// - 'off the CPU': the thread ran for less than half of it: mostly runnable while the machine's
//   CPUs were busy elsewhere, or asleep past its timer (a loaded machine, a VM's timers): not code
//   on this loop. (schedstat's wait-for-a-CPU field lags as its CPU time does, so the two are not
//   told apart here.)
import { readFileSync } from 'node:fs';
import { constants as perfConstants, performance, PerformanceObserver } from 'node:perf_hooks';

export type BlockCause = 'GC' | 'main thread ran' | 'off the CPU';
export type LoopBlock = { at: number; ms: number; gcMs: number; cpuMs: number; cause: BlockCause };

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/**
 * The main thread's CPU time so far in ms (schedstat's first field, ns); NaN where /proc has none.
 * The kernel brings it up to date only when the thread is switched out or at a scheduler tick (4 ms
 * here), so a thread running since then reads low: `exact` first sleeps for 10 µs (a futex wait),
 * which switches it out and so brings the figure up to this moment.
 */
export function mainThreadCpuMs(exact = false): number {
  if (exact) Atomics.wait(sleepCell, 0, 0, 0.01);
  try {
    // The main thread's task id is the process id.
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

export class LoopBlockRecorder {
  readonly blocks: LoopBlock[] = [];
  readonly #gc: { at: number; ms: number; minor: boolean }[] = [];
  readonly #observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry.detail as { kind?: number } | undefined)?.kind;
      this.#gc.push({ at: entry.startTime, ms: entry.duration, minor: kind === perfConstants.NODE_PERFORMANCE_GC_MINOR });
    }
  });
  #timer: NodeJS.Timeout | null = null;
  #from = 0;
  #to = 0;
  /** Gaps seen but not yet explained: the collector's entries arrive after the block they caused. */
  #gaps: { at: number; ms: number; cpuMs: number }[] = [];

  constructor(private readonly thresholdMs = 5) {}

  start(): void {
    this.#observer.observe({ entryTypes: ['gc'] });
    this.#from = performance.now();
    let last = this.#from;
    let cpu = mainThreadCpuMs();
    const tick = () => {
      const now = performance.now();
      const gap = now - last - 1;
      // The tick before came right after a sleep (the timer's wait), so its reading was current.
      const nextCpu = mainThreadCpuMs(gap > this.thresholdMs);
      if (gap > this.thresholdMs) this.#gaps.push({ at: last, ms: gap, cpuMs: nextCpu - cpu });
      last = now;
      cpu = nextCpu;
      this.#timer = setTimeout(tick, 1);
    };
    this.#timer = setTimeout(tick, 1);
  }

  /** Stops and explains every block. Await it: the collector's last entries arrive a turn later. */
  async stop(): Promise<LoopBlock[]> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#to = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.#observer.disconnect();
    for (const gap of this.#gaps) {
      const end = gap.at + gap.ms + 1;
      const gcMs = this.#gc.filter((pause) => pause.at < end && pause.at + pause.ms > gap.at).reduce((sum, pause) => sum + pause.ms, 0);
      const cause: BlockCause = gcMs >= gap.ms / 2 ? 'GC' : gap.cpuMs >= gap.ms / 2 ? 'main thread ran' : 'off the CPU';
      this.blocks.push({ at: gap.at - this.#from, ms: gap.ms, gcMs, cpuMs: gap.cpuMs, cause });
    }
    return this.blocks;
  }

  get seconds(): number {
    return (this.#to - this.#from) / 1000;
  }
}

/** "3: 2 GC, 1 off the CPU" */
export function blockCauses(blocks: LoopBlock[]): string {
  if (blocks.length === 0) return '0';
  const counts = new Map<string, number>();
  for (const block of blocks) counts.set(block.cause, (counts.get(block.cause) ?? 0) + 1);
  return `${blocks.length}: ${[...counts].map(([cause, n]) => `${n} ${cause}`).join(', ')}`;
}
