// Run by `pnpm test` before anything else: the browser tests drive Debian's Chromium
// (/usr/bin/chromium, or CHROMIUM_PATH). When it is missing, this installs the `chromium` package
// with apt-get (through sudo when not root), so the README's test command works on a fresh Debian
// machine with only Node and npm. When that is not possible it says in one line what to do.
// Plain Node without dependencies, so it runs before or without `pnpm install`.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const target = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const onPath = (command) => (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));

function giveUp() {
  console.error(
    `Chromium is missing at ${target} and could not be installed: run \`sudo apt-get install -y chromium\` (Debian) or set CHROMIUM_PATH to a Chromium binary, then run the tests again.`,
  );
  process.exit(1);
}

if (!isExecutable(target)) {
  const asRoot = process.getuid?.() === 0;
  if (!onPath('apt-get') || (!asRoot && !onPath('sudo'))) giveUp();
  // sudo resets the environment, so the non-interactive front end is passed through `env`.
  const run = (...args) => {
    const command = ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args];
    const [program, ...rest] = asRoot ? command : ['sudo', ...command];
    return spawnSync(program, rest, { stdio: 'inherit' }).status === 0;
  };
  console.log(`Chromium is missing at ${target}: installing Debian's chromium package (${asRoot ? '' : 'sudo '}apt-get install chromium) …`);
  if (!run('update', '-qq') || !run('install', '-y', '-qq', 'chromium') || !isExecutable(target)) giveUp();
  console.log(`Chromium installed at ${target}.`);
}
