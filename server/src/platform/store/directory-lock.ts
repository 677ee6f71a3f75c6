// One process owns an embedded store: two writers appending to one log would interleave records.
// The lock file names the owner's pid; a lock left by a process that died (kill -9) is taken over.
import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export class DirectoryInUseError extends Error {}

export async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, 'LOCK');
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    // The same pid is this process (or, in a container, its predecessor that also ran as pid 1).
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
      throw new DirectoryInUseError(
        `The data directory ${dir} is in use by process ${owner}. Stop that process first: one process owns the embedded store.`,
      );
    }
    await writeFile(file, String(process.pid));
  }
  return async () => {
    await unlink(file).catch(() => {});
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
