import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Bytes of the files directly in `directory` (the embedded store keeps no subfolders); 0 when it is missing. */
export async function directoryBytes(directory: string): Promise<number> {
  const names = await readdir(directory).catch(() => [] as string[]);
  const sizes = await Promise.all(names.map((name) => stat(path.join(directory, name)).then((entry) => (entry.isFile() ? entry.size : 0), () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}
