// Which threads of a process take its CPU while its event loop waits (issue 7 §3, the online
// compaction at a million posts). Run from another CPU than the process it watches:
//
//   taskset -c 0 node --import tsx --expose-gc --max-old-space-size=4096 tests/load/store-million.ts compact-online <dir> &
//   taskset -c 1 node --import tsx tests/load/thread-cpu.ts sample $! <dir> /tmp/threads.json   # ends with the process
//   node --import tsx tests/load/thread-cpu.ts summary /tmp/threads.json
//
// `sample` reads every thread's /proc/<pid>/task/<tid>/schedstat (its first field: nanoseconds
// the thread ran) about every millisecond, and cpu0's busy ticks from /proc/stat; it tells the
// compaction's two parts by its temp files (store.log.rewrite while the new log is written,
// store.keys.rewrite while the index keys are saved). `summary` prints, for each part, the CPU each
// group of threads used (V8's four platform workers, which run the collector's helpers; libuv's
// four pool threads, which do the file writes and syncs), the rest of CPU 0's busy time (other
// processes and the kernel's own threads; from /proc/stat's 10 ms ticks), and the most CPU one
// other thread of the process, and all of them, took in any 50 ms: what the event loop's thread
// waited behind. All threads of Node 20 are named "node"; the groups are told by the order they
// are made in (V8's workers first, libuv's pool at the first file operation).
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';

type Sample = { t: number; newLog: boolean; keys: boolean; cpu0Busy: number; threads: Record<string, number> };
type Recording = { pid: number; samples: Sample[] };

function sample(pid: number, dir: string, out: string): void {
  const bytes = Buffer.alloc(4096);
  const read = (fd: number) => bytes.toString('latin1', 0, readSync(fd, bytes, 0, bytes.length, 0));
  const threads = new Map<string, number>();
  const procStat = openSync('/proc/stat', 'r');
  const samples: Sample[] = [];
  const started = process.hrtime.bigint();
  let ticks = 0;
  const finish = () => {
    clearInterval(timer);
    for (const fd of threads.values()) closeSync(fd);
    writeFileSync(out, JSON.stringify({ pid, samples } satisfies Recording));
    process.exit(0);
  };
  const timer = setInterval(() => {
    if (ticks++ % 50 === 0) {
      let tids: string[];
      try {
        tids = readdirSync(`/proc/${pid}/task`);
      } catch {
        return finish();
      }
      for (const tid of tids) {
        if (threads.has(tid)) continue;
        try {
          threads.set(tid, openSync(`/proc/${pid}/task/${tid}/schedstat`, 'r'));
        } catch {
          // The thread ended meanwhile.
        }
      }
    }
    const ran: Record<string, number> = {};
    for (const [tid, fd] of threads) {
      try {
        ran[tid] = Number(read(fd).split(' ')[0]);
      } catch {
        threads.delete(tid);
      }
    }
    if (threads.size === 0) return finish();
    const cpu0 = read(procStat).split('\n').find((line) => line.startsWith('cpu0 '))!.split(/\s+/).slice(1, 9).map(Number);
    samples.push({
      t: Number(process.hrtime.bigint() - started) / 1e6,
      newLog: existsSync(`${dir}/store.log.rewrite`),
      keys: existsSync(`${dir}/store.keys.rewrite`),
      cpu0Busy: (cpu0.reduce((sum, n) => sum + n, 0) - cpu0[3]! - cpu0[4]!) * 10,
      threads: ran,
    });
  }, 1);
  process.on('SIGTERM', finish);
}

function summary(file: string): void {
  const { pid, samples } = JSON.parse(readFileSync(file, 'utf8')) as Recording;
  const WINDOW_MS = 50;
  const main = String(pid);
  const ran = (a: Sample, b: Sample, tid: string) => ((b.threads[tid] ?? 0) - (a.threads[tid] ?? 0)) / 1e6;
  const most = new Map<string, number>();
  for (const s of samples) for (const [tid, ns] of Object.entries(s.threads)) most.set(tid, Math.max(most.get(tid) ?? 0, ns));
  const others = [...most.keys()].filter((tid) => tid !== main && most.get(tid)! > 10e6).sort((a, b) => Number(a) - Number(b));
  const group = new Map<string, string>(others.map((tid, i) => [tid, i < 4 ? 'V8 worker' : 'other']));
  const four = (tid: string) => [0, 1, 2, 3].map((k) => String(Number(tid) + k));
  const pool = others
    .slice(4)
    .filter((tid) => four(tid).every((t) => others.includes(t)))
    .sort((a, b) => four(b).reduce((s, t) => s + most.get(t)!, 0) - four(a).reduce((s, t) => s + most.get(t)!, 0))[0];
  if (pool !== undefined) for (const tid of four(pool)) group.set(tid, 'libuv');
  const label = (tid: string) => `${group.get(tid)} +${Number(tid) - pid}`;
  for (const [part, inPart] of [
    ['writing the new log', (s: Sample) => s.newLog],
    ["saving the indexes' keys", (s: Sample) => s.keys],
  ] as const) {
    const at = samples.flatMap((s, i) => (inPart(s) ? [i] : []));
    if (at.length < 2) continue;
    const first = samples[at[0]!]!;
    const last = samples[at.at(-1)!]!;
    const byGroup = new Map<string, number>();
    for (const tid of others) byGroup.set(group.get(tid)!, (byGroup.get(group.get(tid)!) ?? 0) + ran(first, last, tid));
    let one = { ms: 0, who: '' };
    let allOurs = 0;
    let j = at[0]!;
    for (const i of at) {
      while (j < at.at(-1)! && samples[j]!.t - samples[i]!.t < WINDOW_MS) j += 1;
      const a = samples[i]!;
      const b = samples[j]!;
      if (b.t - a.t < WINDOW_MS * 0.8) continue;
      let ours = 0;
      for (const tid of others) {
        const ms = ran(a, b, tid);
        ours += ms;
        if (ms > one.ms) one = { ms, who: `${label(tid)}, at ${((a.t - first.t) / 1e3).toFixed(2)} s` };
      }
      allOurs = Math.max(allOurs, ours);
    }
    const ms = (n: number | undefined) => `${(n ?? 0).toFixed(0)} ms`;
    const cpu0Busy = last.cpu0Busy - first.cpu0Busy;
    const ofTheProcess = ran(first, last, main) + [...byGroup.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `${part} (${((last.t - first.t) / 1e3).toFixed(2)} s): CPU of the loop thread ${ms(ran(first, last, main))}, V8 workers ${ms(byGroup.get('V8 worker'))}, ` +
        `libuv pool ${ms(byGroup.get('libuv'))}, other threads ${ms(byGroup.get('other'))}; other processes on CPU 0 ~${ms(cpu0Busy - ofTheProcess)}. ` +
        `In any ${WINDOW_MS} ms, besides the loop thread: one thread of the process ran at most ${one.ms.toFixed(1)} ms (${one.who}), all of them ${allOurs.toFixed(1)} ms`,
    );
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'sample') sample(Number(args[0]), args[1]!, args[2]!);
else if (command === 'summary') summary(args[0]!);
else throw new Error('usage: thread-cpu.ts sample <pid> <store dir> <out.json> | summary <out.json>');
