// Bundles the server for production: Node 20 cannot run TypeScript. Workspace packages (shipped as
// .ts sources) are inlined; npm packages stay external and load from node_modules.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@dialogforum/'));

await build({
  entryPoints: { main: 'src/main.ts', 'search-worker': 'src/platform/search/search-worker.ts', reindex: 'src/reindex.ts', 'store-maintenance': 'src/store-maintenance.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
console.log('server built into server/dist');
