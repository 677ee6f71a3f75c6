// Writing a store file's bytes without letting one system call hold a CPU for long.
//
// A write() copies its bytes into the page cache in the kernel, on a libuv thread, and the kernel
// does not hand that CPU to another thread of ours until the copy is done. Pinned to one CPU at a
// million posts, the 8 MiB writes of the saved index keys and the 4 MiB ones of a compaction held
// it for 17–34 ms each while the event loop waited its turn (docs/benchmarks.md, per-thread
// schedstat). Pieces of WRITE_PIECE_BYTES take about 1.5 ms each there; between two pieces the loop
// runs. The bytes and their order on disk are the same.
//
// Likewise an fdatasync writes back every dirty page of the file in the calling thread before it
// waits for the disk: after a compaction's gigabyte (or the keys' 180 MiB) that was one more long
// hold at the very end. A file written at length is therefore synced as it goes, every
// SYNC_EVERY_BYTES (WritebackPacer), so its last sync finds little left. These syncs only add to
// the ones durability needs: the final sync before a rename or an acknowledgement stays where it is.
import type { FileHandle } from 'node:fs/promises';

/** The most bytes handed to one write(). */
export const WRITE_PIECE_BYTES = 512 * 1024;
/** The most bytes a file written at length holds unsynced. */
export const SYNC_EVERY_BYTES = 16 * 1024 * 1024;

/** Syncs a file written at length every SYNC_EVERY_BYTES written. */
export class WritebackPacer {
  private unsynced = 0;

  constructor(private readonly handle: Pick<FileHandle, 'datasync'>) {}

  /** `bytes` are about to be written: syncs first if they would leave more than SYNC_EVERY_BYTES unsynced. */
  async beforeWriting(bytes: number): Promise<void> {
    if (this.unsynced + bytes <= SYNC_EVERY_BYTES) {
      this.unsynced += bytes;
      return;
    }
    await this.handle.datasync();
    this.unsynced = bytes;
  }
}

/**
 * Writes the first `length` bytes of `bytes` at `position`, in pieces of at most
 * WRITE_PIECE_BYTES, and with `pacer`, synced as they go.
 */
export async function writeFully(
  handle: Pick<FileHandle, 'write'>,
  bytes: Buffer,
  position: number,
  length: number = bytes.length,
  pacer?: WritebackPacer,
): Promise<void> {
  let done = 0;
  while (done < length) {
    const piece = Math.min(length - done, WRITE_PIECE_BYTES);
    await pacer?.beforeWriting(piece);
    const { bytesWritten } = await handle.write(bytes, done, piece, position + done);
    if (bytesWritten === 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}
