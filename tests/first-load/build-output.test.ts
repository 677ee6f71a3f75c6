// The built client (client/dist, from `pnpm build`): the first load of "/" stays within its budget
// of JavaScript, each text file has brotli and gzip copies that decompress to it, and no source map
// is referenced or would be needed by a browser.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIRST_LOAD_JS_BUDGET_BYTES, scriptsNamedBy, staticClosure, stylesheetsNamedBy } from './first-load-scripts.ts';

const dist = path.resolve(import.meta.dirname, '../../client/dist');
const read = (urlPath: string) => readFile(path.join(dist, urlPath), 'utf8');

let indexHtml: string;
let firstLoad: string[];

beforeAll(async () => {
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('The client is not built: run `pnpm build` first (`pnpm test` does).');
  indexHtml = await read('index.html');
  firstLoad = await staticClosure(scriptsNamedBy(indexHtml), read);
});

describe('the first load of "/"', () => {
  it('names every module it imports statically in index.html, so the browser fetches them at once', () => {
    expect(firstLoad.sort()).toEqual(scriptsNamedBy(indexHtml).sort());
  });

  it(`is at most ${FIRST_LOAD_JS_BUDGET_BYTES / 1000} kB of JavaScript with gzip`, async () => {
    const sizes = await Promise.all(firstLoad.map(async (script) => ({ script, gzip: (await readFile(path.join(dist, `${script}.gz`))).length })));
    const total = sizes.reduce((sum, { gzip }) => sum + gzip, 0);
    const brotli = (await Promise.all(firstLoad.map((script) => readFile(path.join(dist, `${script}.br`))))).reduce((sum, file) => sum + file.length, 0);
    console.info(
      `first-load JS: ${(total / 1000).toFixed(1)} kB gzip, ${(brotli / 1000).toFixed(1)} kB brotli, budget ${FIRST_LOAD_JS_BUDGET_BYTES / 1000} kB gzip\n  ` +
        sizes.map(({ script, gzip }) => `${script} ${(gzip / 1000).toFixed(1)} kB`).join('\n  '),
    );
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET_BYTES);
  });

  it('leaves the other pages, markdown and socket.io to be fetched when a route needs them', async () => {
    const assets = await readdir(path.join(dist, 'assets'));
    const onDemand = assets.filter((name) => /^(dialogue-page|search-page|moderation-page|markdown|socket-io)-[A-Za-z0-9_-]{8}\.js$/.test(name));
    expect(onDemand.map((name) => name.replace(/-[A-Za-z0-9_-]{8}\.js$/, '')).sort()).toEqual(['dialogue-page', 'markdown', 'moderation-page', 'search-page', 'socket-io']);
    for (const name of onDemand) expect(firstLoad).not.toContain(`/assets/${name}`);
  });
});

describe('every text file of the build', () => {
  it('has a brotli and a gzip copy with the same content, smaller than the file', async () => {
    const names = [...(await readdir(path.join(dist, 'assets'))).map((name) => `assets/${name}`), 'index.html'];
    const texts = names.filter((name) => /\.(js|css|html)$/.test(name));
    expect(texts.length).toBeGreaterThan(10);
    for (const name of texts) {
      const original = await readFile(path.join(dist, name));
      const br = await readFile(path.join(dist, `${name}.br`));
      const gz = await readFile(path.join(dist, `${name}.gz`));
      expect({ name, br: brotliDecompressSync(br).equals(original), gz: gunzipSync(gz).equals(original) }).toEqual({ name, br: true, gz: true });
      expect(br.length).toBeLessThan(original.length);
    }
    expect(stylesheetsNamedBy(indexHtml).length).toBe(1);
  });

  it('refers to no source map', async () => {
    const assets = (await readdir(path.join(dist, 'assets'))).filter((name) => /\.(js|css)$/.test(name));
    for (const name of assets) expect({ name, mapped: (await read(`assets/${name}`)).includes('sourceMappingURL') }).toEqual({ name, mapped: false });
  });
});
