// Starts the production bundle (server/dist/main.js serving client/dist) as a child process on a
// free port, with its own data directory, as a newcomer's `pnpm start` would run it. The data
// directory is exposed so a test can read the mail the app sent (DATA_DIR/mail/*.eml).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../server/test/support/free-port.ts';

const root = path.resolve(import.meta.dirname, '../../..');

export type BuiltApp = {
  url: string;
  /** The child's DATA_DIR; removed on stop unless kept (to start the app again on the same data). */
  dataDir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
};

/**
 * `env` adds to (or overrides) the child's environment, e.g. ADMIN_EMAILS. `dataDir` starts the app
 * again on the data of one stopped with `keepData`, as a restart of the server would.
 */
export async function startBuiltApp(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<BuiltApp> {
  const main = path.join(root, 'server/dist/main.js');
  if (!existsSync(main) || !existsSync(path.join(root, 'client/dist/index.html'))) {
    throw new Error('The app is not built: run `pnpm build` first (`pnpm test` does).');
  }
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'dialogforum-e2e-')));
  // In production only PUBLIC_URL's host is trusted, so PUBLIC_URL names the port the app gets.
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: path.join(root, 'server'),
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
