// Process plumbing shared by the benchmarks: a clock that is comparable across processes, CPU
// pinning of child processes, and a small request/reply helper over the IPC channel.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export const LOAD_DIR = path.resolve(import.meta.dirname, '..');
export const REPO_ROOT = path.resolve(LOAD_DIR, '../..');

/**
 * Microseconds on the monotonic clock (CLOCK_MONOTONIC on Linux). Unlike performance.now(), whose
 * origin is per process, this clock is shared by every process on the machine, so a timestamp
 * taken in the server process can be subtracted from one taken in the client process.
 */
export function nowUs(): number {
  return Number(process.hrtime.bigint()) / 1e3;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let pinningChecked: boolean | null = null;
/**
 * Pinning needs two CPUs and `taskset`; without them the children float and the docs say so. The
 * machine's CPUs count, not this process's affinity: a benchmark pinned to CPU 0 still pins its
 * client child to CPU 1.
 */
export function canPin(): boolean {
  if (pinningChecked === null) {
    pinningChecked = os.cpus().length >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0;
  }
  return pinningChecked;
}

export type NodeChildOptions = {
  /** The CPU to pin the whole process (all its threads) to, when pinning is possible. */
  cpu?: number;
  args?: string[];
  execArgv?: string[];
  ipc?: boolean;
  /** 'advanced' lets IPC messages carry Maps and typed arrays (structured clone); JSON by default. */
  serialization?: 'json' | 'advanced';
  env?: NodeJS.ProcessEnv;
};

/** Starts `file` (TypeScript, through tsx) as a child Node process, its output mixed into ours. */
export function spawnNode(file: string, options: NodeChildOptions = {}): ChildProcess {
  const nodeArgs = [...(options.execArgv ?? []), '--import', 'tsx', file, ...(options.args ?? [])];
  const pin = options.cpu !== undefined && canPin();
  const command = pin ? 'taskset' : process.execPath;
  const args = pin ? ['-c', String(options.cpu), process.execPath, ...nodeArgs] : nodeArgs;
  return spawn(command, args, {
    cwd: REPO_ROOT,
    stdio: options.ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'inherit', 'inherit'],
    env: options.env ?? process.env,
    serialization: options.serialization ?? 'json',
  });
}

export function pinningNote(): string {
  return canPin() ? 'pinned with taskset' : 'not pinned (taskset or a second CPU missing)';
}

/** Resolves when the child exits; rejects on a non-zero exit. */
export function exited(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${name} exited with ${signal ?? `code ${code}`}`));
    });
  });
}

export type Message = { type: string } & Record<string, unknown>;

/**
 * Request/reply over a child's (or the parent's) IPC channel: `ask` sends a message and waits for
 * the first reply of the given type; `next` waits for one without sending.
 */
export class Channel {
  private waiters: { type: string; match?: (message: Message) => boolean; resolve: (message: Message) => void }[] = [];

  constructor(private readonly endpoint: Pick<ChildProcess, 'send' | 'on'> | NodeJS.Process) {
    (endpoint as NodeJS.Process).on('message', (raw: unknown) => {
      const message = raw as Message;
      const index = this.waiters.findIndex((waiter) => waiter.type === message.type && (waiter.match?.(message) ?? true));
      if (index === -1) return;
      const [waiter] = this.waiters.splice(index, 1);
      waiter!.resolve(message);
    });
  }

  send(message: Message): void {
    (this.endpoint as NodeJS.Process).send!(message);
  }

  next(type: string, options: { match?: (message: Message) => boolean; timeoutMs?: number } = {}): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? 120_000;
      const waiter = {
        type,
        match: options.match,
        resolve: (message: Message) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no "${type}" message within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  ask(message: Message, replyType: string, timeoutMs?: number): Promise<Message> {
    const reply = this.next(replyType, { timeoutMs });
    this.send(message);
    return reply;
  }
}

/**
 * The child's side of a load generator driven over IPC: says `ready`, answers every
 * { type: 'run', spec } with { type: 'result', result: await work(spec) }, exits on { type: 'exit' }
 * or when the parent goes away (a benchmark that died leaves no generator behind). Does nothing in a
 * process started without an IPC channel.
 */
export function runsOverIpc<Spec, Result>(name: string, work: (spec: Spec) => Promise<Result>): void {
  if (!process.send) return;
  const parent = new Channel(process);
  process.on('message', (raw) => {
    const message = raw as Message;
    if (message.type === 'run') {
      work(message.spec as Spec).then(
        (result) => parent.send({ type: 'result', result }),
        (error: unknown) => {
          console.error(`[${name}] failed:`, error);
          process.exit(1);
        },
      );
    } else if (message.type === 'exit') {
      process.exit(0);
    }
  });
  parent.send({ type: 'ready' });
  process.on('disconnect', () => process.exit(0));
}
