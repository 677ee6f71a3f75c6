// `pnpm run store verify [DATA_DIR]` and `pnpm run store repair [DATA_DIR]`: check and repair the embedded
// store's log (platform/store/log-repair.ts says what repair guarantees). DATA_DIR defaults to the
// server's (the DATA_DIR variable, else `data` beside the server, as `pnpm start` uses it).
//
// verify reads the whole log, also past damage, and changes nothing; it may run beside the server.
// repair needs the server stopped: it takes the directory lock, writes a new log from every readable
// record, keeps the damaged file beside it and opens the store once to show what it now holds.
// (`pnpm store …` without `run` is pnpm's own package-store command, so the script needs `run`.)

import { access } from 'node:fs/promises';
import path from 'node:path';
import { lockDirectory } from './platform/store/directory-lock.ts';
import { openEmbeddedStore, storeLogPath } from './platform/store/embedded-store.ts';
import { checkLog, repairLog, type LogCheck, type LostStretch } from './platform/store/log-repair.ts';
import { describeDamage } from './platform/store/log-reader.ts';

const USAGE = 'Usage: pnpm run store verify [DATA_DIR] | pnpm run store repair [DATA_DIR]';
const number = (n: number) => n.toLocaleString('en-US');

const [command, dataDirArgument] = process.argv.slice(2);
if (command !== 'verify' && command !== 'repair') {
  console.error(USAGE);
  process.exit(2);
}
// pnpm runs this in server/; a path the operator typed is relative to where they typed it.
const dataDir = path.resolve(
  dataDirArgument === undefined ? process.cwd() : (process.env['INIT_CWD'] ?? process.cwd()),
  dataDirArgument ?? process.env['DATA_DIR'] ?? 'data',
);
const storeDir = path.join(dataDir, 'store');
const logFile = storeLogPath(storeDir);
try {
  await access(logFile);
} catch {
  console.error(`No store log at ${logFile}. Give the data directory the server uses (DATA_DIR). ${USAGE}`);
  process.exit(2);
}

if (command === 'verify') {
  const check = await checkLog(logFile);
  printCheck(check);
  if (check.verdict.startsWith('damaged')) {
    console.log(`Run \`pnpm run store repair ${dataDir}\` with the server stopped to rebuild the log from every readable record; the damaged file is kept.`);
    process.exit(1);
  }
  process.exit(check.undecodable.length > 0 ? 1 : 0);
}

let unlock: () => Promise<void>;
try {
  unlock = await lockDirectory(storeDir);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const outcome = await repairLog(logFile).finally(() => unlock());
if (outcome === null) {
  console.log(`Nothing to repair: ${logFile} holds only intact records.`);
  process.exit(0);
}
printCheck(outcome);
console.log(`Kept the damaged file as ${outcome.keptAs}.`);
console.log(
  `Wrote a new log of ${number(outcome.newSize)} bytes with all ${number(outcome.frames)} readable records ` +
    `(${number(outcome.lost.reduce((sum, stretch) => sum + stretch.bytesLost, 0))} bytes could not be read).`,
);
const store = await openEmbeddedStore(storeDir);
try {
  const counts = await store.documentCounts();
  console.log(`The store opens and holds: ${Object.entries(counts).map(([name, count]) => `${name} ${number(count)}`).join(', ') || 'nothing'}.`);
} finally {
  await store.close();
}
console.log(
  'Every kept record is a whole transaction, and each document has the newest image that survived. Transactions after a ' +
    'lost one were kept too and may build on it (a gap in event numbers, a post whose thread was lost, a deleted ' +
    'document back): check what the lost records above wrote.',
);

function printCheck(check: LogCheck): void {
  console.log(`Store log ${check.file}: ${number(check.size)} bytes, ${number(check.frames)} intact records of ${number(check.documentImages)} document images.`);
  for (const stretch of check.lost) console.log(`  ${describeLost(stretch)}`);
  for (const offset of check.undecodable) console.log(`  The intact record at byte ${offset} is not a transaction (a bug: please report it).`);
  console.log(`Verdict: ${check.verdict}.`);
}

function describeLost(stretch: LostStretch): string {
  const guess = stretch.probablyWrote.length > 0 ? `; it seems to have written ${stretch.probablyWrote.join(', ')}` : '';
  return `Damage at byte ${stretch.offset}: ${describeDamage(stretch)} (${number(stretch.bytesLost)} bytes unreadable${guess}).`;
}
