// Writing a store file's bytes without letting one write() hold a CPU for long.
//
// A write() copies its bytes into the page cache in the kernel, on a libuv thread, and the kernel
// does not hand that CPU to another thread of ours until the copy is done. Pinned to one CPU at a
// million posts, the 8 MiB writes of the saved index keys and the 4 MiB ones of a compaction held
// it for 17–27 ms each while the event loop waited its turn (docs/benchmarks.md, per-thread
// schedstat). Pieces of WRITE_PIECE_BYTES take about 1.5 ms each there; between two pieces the loop
// runs. The bytes and their order on disk are the same, and so is every sync after them.
import type { FileHandle } from 'node:fs/promises';

/** The most bytes handed to one write(). */
export const WRITE_PIECE_BYTES = 512 * 1024;

/** Writes all of `bytes` at `position`, in pieces of at most WRITE_PIECE_BYTES. */
export async function writeFully(handle: Pick<FileHandle, 'write'>, bytes: Buffer, position: number, length: number = bytes.length): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await handle.write(bytes, done, Math.min(length - done, WRITE_PIECE_BYTES), position + done);
    if (bytesWritten === 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}
