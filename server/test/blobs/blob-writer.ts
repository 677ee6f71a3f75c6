// Child process of blob-durability.test.ts: stores blobs in the files engine until it is killed,
// printing `begin <size>` before each and `<id> <sha256> <size>` only after the engine acknowledged it.
// Usage: node --import tsx blob-writer.ts <dir>
import { randomBytes } from 'node:crypto';
import { openFileBlobs } from '../../src/platform/blobs/file-blobs.ts';

const WRITERS = 4;
const [dir] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: blob-writer.ts <dir>');
const blobs = await openFileBlobs(dir);

async function* chunks(size: number): AsyncGenerator<Uint8Array> {
  for (let left = size; left > 0; left -= 16_384) yield randomBytes(Math.min(left, 16_384));
}

async function write(writer: number): Promise<never> {
  for (let i = 0; ; i++) {
    const size = 1 + ((i * 7919 + writer * 104_729) % 200_000);
    process.stdout.write(`begin ${size}\n`);
    const stored = await blobs.put(chunks(size), { maxBytes: 1_000_000 });
    process.stdout.write(`${stored.id} ${stored.sha256} ${stored.size}\n`);
  }
}

await Promise.all(Array.from({ length: WRITERS }, (_, writer) => write(writer)));
