// Writes a brotli (.br) and a gzip (.gz) copy next to every text file of the built client, once, at
// build time, at the strongest settings: the server then sends the smallest copy the browser takes
// without compressing anything per request (server/src/platform/http/static-client.ts). Source maps
// are left alone: they are not served at all.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.webmanifest']);

async function* filesUnder(directory) {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

let original = 0;
let brotli = 0;
let gzip = 0;
for await (const file of filesUnder(dist)) {
  if (!COMPRESSIBLE.has(path.extname(file))) continue;
  const content = await readFile(file);
  const br = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  const gz = gzipSync(content, { level: 9 });
  // A copy that is not smaller is not worth a Content-Encoding: the server then sends the file.
  if (br.length < content.length) await writeFile(`${file}.br`, br);
  if (gz.length < content.length) await writeFile(`${file}.gz`, gz);
  original += content.length;
  brotli += Math.min(br.length, content.length);
  gzip += Math.min(gz.length, content.length);
}
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
console.log(`precompressed the client: ${kB(original)} → brotli ${kB(brotli)}, gzip ${kB(gzip)}`);
