// The embedded search finds its worker both from source and from the esbuild bundle. The bundle
// case is built here the way the server build must do it: the code that opens the search inside
// `main.js`, the worker as a second entry point `search-worker.js` in the same directory, ESM.
// The result then runs under plain Node, without tsx.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchWorkerUrl } from '../../src/platform/search/embedded-search.ts';

const searchSource = join(dirname(fileURLToPath(import.meta.url)), '../../src/platform/search');

describe('search worker location', () => {
  it('is the sibling .ts source when running from source', () => {
    expect(searchWorkerUrl('file:///srv/server/src/platform/search/embedded-search.ts').href).toBe(
      'file:///srv/server/src/platform/search/search-worker.ts',
    );
    expect(searchWorkerUrl().pathname).toMatch(/\/platform\/search\/search-worker\.ts$/);
  });

  it('is search-worker.js next to the bundle', () => {
    expect(searchWorkerUrl('file:///srv/server/dist/main.js').href).toBe('file:///srv/server/dist/search-worker.js');
  });
});

describe('embedded search bundled with esbuild', () => {
  let out: string;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'dialogforum-bundle-'));
    const main = `
      import { openEmbeddedSearch } from './embedded-search.ts';
      const search = await openEmbeddedSearch(process.argv[2]);
      await search.upsert([{ id: 'post:b1', kind: 'answer', group: 'post:b1', dialogueId: 'd1', threadId: 't1', arenaId: 'a1',
        visibility: 'public', buyerOrganisationIds: ['o1'], phase: 'needs-analysis', answered: false, title: 'Bussar', body: 'Tätare turer på **kvällarna**.', createdAt: '2026-01-01T00:00:00Z' }], 5);
      const result = await search.search({ text: 'kvällarna', limit: 5, visibilities: ['public'] });
      await search.close();
      console.log(JSON.stringify(result));
    `;
    // npm packages are inlined here because the temporary directory has no node_modules; the
    // server's own build may keep them external, which resolves from server/node_modules.
    const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' } as const;
    await build({ ...common, stdin: { contents: main, resolveDir: searchSource, sourcefile: 'main.ts', loader: 'ts' }, outfile: join(out, 'main.js') });
    await build({ ...common, entryPoints: [join(searchSource, 'search-worker.ts')], outfile: join(out, 'search-worker.js') });
  });

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('starts dist/search-worker.js from dist/main.js under plain Node', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(out, 'main.js'), join(out, 'data')], {
      env: { PATH: process.env.PATH ?? '' },
    });
    const result = JSON.parse(stdout) as { total: number; hits: { id: string; matchedTerms: string[] }[] };
    expect(result.total).toBe(1);
    expect(result.hits[0]?.id).toBe('post:b1');
    expect(result.hits[0]?.matchedTerms).toEqual(['kvallarna']);
  });
});
