// scripts/ensure-chromium.mjs, which `pnpm test` runs first: quiet when Chromium is there; when it
// is missing, it installs Debian's package with apt-get, non-interactively; when it cannot, it says
// in one line what to do and fails. apt-get (and sudo) are stand-ins here, on PATH, that record how
// they were called: the script is what is tested, not Debian's package manager.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../scripts/ensure-chromium.mjs');
let dir: string;
let chromium: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ensure-chromium-'));
  chromium = path.join(dir, 'chromium');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function ensure(pathDirs: string[]) {
  const result = spawnSync(process.execPath, [script], {
    env: { CHROMIUM_PATH: chromium, PATH: pathDirs.join(path.delimiter), HOME: dir },
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fake command in `bin` that appends its environment's front end and its arguments to calls.log, then runs `body`. */
async function fakeCommand(bin: string, name: string, body: string): Promise<void> {
  await writeFile(
    path.join(bin, name),
    `#!/bin/sh\necho "${name} DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> "${path.join(dir, 'calls.log')}"\n${body}\n`,
  );
  await chmod(path.join(bin, name), 0o755);
}

const ONE_LINE = /^Chromium is missing at .+ and could not be installed: run `sudo apt-get install -y chromium` \(Debian\) or set CHROMIUM_PATH to a Chromium binary, then run the tests again\.\n$/;

describe('ensure-chromium', () => {
  it('does nothing and says nothing when Chromium is there', async () => {
    await writeFile(chromium, '#!/bin/sh\n');
    await chmod(chromium, 0o755);
    expect(ensure([])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('installs Debian\'s chromium with apt-get, non-interactively, when it is missing', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    // The stand-in "installs" by creating the binary, as the package would.
    await fakeCommand(bin, 'apt-get', `case "$1" in install) printf '#!/bin/sh\\n' > "${chromium}"; chmod +x "${chromium}";; esac`);
    await fakeCommand(bin, 'sudo', 'exec "$@"');
    const result = ensure([bin, '/usr/bin', '/bin']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("installing Debian's chromium package");
    const calls = (await readFile(path.join(dir, 'calls.log'), 'utf8')).trim().split('\n');
    const aptCalls = calls.filter((call) => call.startsWith('apt-get'));
    expect(aptCalls).toEqual(['apt-get DEBIAN_FRONTEND=noninteractive update -qq', 'apt-get DEBIAN_FRONTEND=noninteractive install -y -qq chromium']);
    // Through sudo exactly when not root.
    expect(calls.some((call) => call.startsWith('sudo'))).toBe(process.getuid?.() !== 0);
  });

  it('says in one line what to do when apt-get fails', async () => {
    const bin = path.join(dir, 'bin');
    await mkdir(bin);
    await fakeCommand(bin, 'apt-get', 'exit 100');
    await fakeCommand(bin, 'sudo', 'exec "$@"');
    const result = ensure([bin, '/usr/bin', '/bin']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(ONE_LINE);
  });

  it('says in one line what to do on a machine without apt-get', () => {
    const result = ensure([path.join(dir, 'empty')]);
    expect(result).toMatchObject({ status: 1, stdout: '' });
    expect(result.stderr).toMatch(ONE_LINE);
  });
});
