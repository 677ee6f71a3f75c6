// The embedded engine of the blob port: one file per blob under DATA_DIR/blobs, in a folder per
// first two characters of its id (so no folder grows to hundreds of thousands of entries). A blob
// is written to a temporary file, fsynced, renamed into place, and the folder fsynced: a rename is
// atomic, so a crash leaves either the whole blob or none of it (and perhaps a temporary file, which
// `discardInterrupted` removes), and an acknowledged blob survives kill -9 and power loss.
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { newId } from '../ids.ts';
import type { BlobStore, ByteRange, StoredBlob } from './blob-store.ts';
import { metered } from './metered-source.ts';

const BLOB_ID = /^[0-9a-f]{24}$/;
const PART = '.part';

export async function openFileBlobs(dir: string): Promise<BlobStore> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  return new FileBlobs(dir);
}

class FileBlobs implements BlobStore {
  readonly engine = 'files' as const;

  constructor(private readonly dir: string) {}

  async put(source: AsyncIterable<Uint8Array>, { maxBytes }: { maxBytes: number }): Promise<StoredBlob> {
    const id = newId();
    const part = join(this.dir, 'tmp', `${id}${PART}`);
    const bytes = metered(source, maxBytes);
    const handle = await open(part, 'wx');
    try {
      for await (const chunk of bytes.chunks) await writeAll(handle, chunk);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(part, { force: true });
      throw error;
    }
    await handle.close();
    const folder = join(this.dir, id.slice(0, 2));
    const madeFolder = await mkdir(folder, { recursive: true });
    await rename(part, join(folder, id));
    await syncDirectory(folder);
    // A new folder's own entry lives in the parent: without this a crash could lose the folder.
    if (madeFolder !== undefined) await syncDirectory(this.dir);
    return { id, ...bytes.result() };
  }

  async read(id: string, range?: ByteRange): Promise<Readable | null> {
    const path = this.pathOf(id);
    if (!path) return null;
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async size(id: string): Promise<number | null> {
    const path = this.pathOf(id);
    if (!path) return null;
    try {
      return (await stat(path)).size;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    const path = this.pathOf(id);
    if (path) await rm(path, { force: true });
  }

  async *storedBefore(before: Date): AsyncIterable<string> {
    const folders = (await readdir(this.dir)).filter((name) => /^[0-9a-f]{2}$/.test(name)).sort();
    for (const folder of folders) {
      for (const name of (await readdir(join(this.dir, folder)).catch(() => [] as string[])).sort()) {
        if (!BLOB_ID.test(name)) continue;
        const stats = await stat(join(this.dir, folder, name)).catch(() => null);
        if (stats && stats.mtime < before) yield name;
      }
    }
  }

  async discardInterrupted(before: Date): Promise<number> {
    let discarded = 0;
    const tmp = join(this.dir, 'tmp');
    for (const name of await readdir(tmp)) {
      if (!name.endsWith(PART)) continue;
      // A write still going on touches its file with every chunk.
      const stats = await stat(join(tmp, name)).catch(() => null);
      if (stats && stats.mtime < before) {
        await rm(join(tmp, name), { force: true });
        discarded++;
      }
    }
    return discarded;
  }

  async close(): Promise<void> {}

  /** Only ids this engine made name a file: anything else (a path, `..`) names none. */
  private pathOf(id: string): string | null {
    return BLOB_ID.test(id) ? join(this.dir, id.slice(0, 2), id) : null;
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
