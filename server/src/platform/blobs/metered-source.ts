// What both engines do with the bytes on their way in: hash them, count them, and stop at the limit
// before the engine writes a byte too many.
import { createHash } from 'node:crypto';
import { BlobTooLargeError } from './blob-store.ts';

export type Metered = { chunks: AsyncGenerator<Uint8Array>; result: () => { size: number; sha256: string } };

export function metered(source: AsyncIterable<Uint8Array>, maxBytes: number): Metered {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | null = null;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
      hash.update(chunk);
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    chunks: chunks(),
    result: () => {
      if (digest === null) throw new Error('metered source read before it ended');
      return { size, sha256: digest };
    },
  };
}
