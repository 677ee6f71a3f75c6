// What else the machine did while a benchmark ran: CPU steal (a VM's neighbours) and CPU time of
// processes that are not ours (other sessions' dev servers, test runs). Read from /proc; on a
// system without it the report says so.
import { readdirSync, readFileSync } from 'node:fs';

type ProcessTimes = Map<number, { name: string; ppid: number; ticks: number }>;
export type MachineSnapshot = { at: number; cpu: number[] | null; processes: ProcessTimes; ownTicks: number };

const TICKS_PER_SECOND = 100;

function readCpuLine(): number[] | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    return line.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return null;
  }
}

function readProcesses(): ProcessTimes {
  const processes: ProcessTimes = new Map();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return processes;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // After the name: state(0) ppid(1) … utime(11) stime(12)
      processes.set(Number(entry), { name, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return processes;
}

/** CPU ticks of this process plus every descendant it has waited for (utime stime cutime cstime). */
function readOwnTicks(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  } catch {
    return 0;
  }
}

export function snapshot(): MachineSnapshot {
  return { at: performance.now(), cpu: readCpuLine(), processes: readProcesses(), ownTicks: readOwnTicks() };
}

/** Share of all CPUs busy over `ms`, to warn before starting on a machine that is not quiet. */
export async function busyShare(ms: number): Promise<number | null> {
  const before = readCpuLine();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = readCpuLine();
  if (before === null || after === null) return null;
  const delta = after.map((value, i) => value - (before[i] ?? 0));
  const total = delta.reduce((sum, value) => sum + value, 0);
  return total === 0 ? 0 : (total - (delta[3] ?? 0) - (delta[4] ?? 0)) / total;
}

/**
 * One line: machine busy share, steal, and CPU seconds spent outside this benchmark (all busy CPU
 * time minus ours and our finished children's), with the long-lived processes that used most.
 */
export function describeInterference(before: MachineSnapshot, after: MachineSnapshot, ownPid: number): string {
  if (before.cpu === null || after.cpu === null) return 'machine load: /proc not readable';
  const delta = after.cpu.map((value, i) => value - (before.cpu![i] ?? 0));
  const total = delta.reduce((sum, value) => sum + value, 0);
  // user nice system idle iowait irq softirq steal …
  const idle = (delta[3] ?? 0) + (delta[4] ?? 0);
  const steal = delta[7] ?? 0;
  const ours = (pid: number): boolean => {
    for (let current = pid, hops = 0; current > 1 && hops < 64; hops += 1) {
      if (current === ownPid) return true;
      current = after.processes.get(current)?.ppid ?? before.processes.get(current)?.ppid ?? 0;
    }
    return false;
  };
  const others: { name: string; seconds: number }[] = [];
  for (const [pid, now] of after.processes) {
    const then = before.processes.get(pid);
    if (then === undefined || ours(pid)) continue;
    const seconds = (now.ticks - then.ticks) / TICKS_PER_SECOND;
    if (seconds > 0) others.push({ name: now.name, seconds });
  }
  others.sort((a, b) => b.seconds - a.seconds);
  const ownSeconds = (after.ownTicks - before.ownTicks) / TICKS_PER_SECOND;
  const otherSeconds = Math.max(0, (total - idle) / TICKS_PER_SECOND - ownSeconds);
  const wall = (after.at - before.at) / 1000;
  const top = others
    .slice(0, 3)
    .map((other) => `${other.name} ${other.seconds.toFixed(1)} s`)
    .join(', ');
  return (
    `machine during the run: ${((100 * (total - idle)) / total).toFixed(0)}% of all CPUs busy, steal ${((100 * steal) / total).toFixed(1)}%, ` +
    `this benchmark used ${ownSeconds.toFixed(1)} CPU-s and everything else ${otherSeconds.toFixed(1)} CPU-s in ${wall.toFixed(0)} s` +
    (top ? ` (largest long-lived others: ${top})` : '')
  );
}
