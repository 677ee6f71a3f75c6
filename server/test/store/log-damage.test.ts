// Damage is never silently cut away (issue 7 §1): only a torn final write may be cut on open. Damage
// anywhere else stops the start with one line naming the file and offset, leaves the file as it
// was, and `pnpm run store verify` / `pnpm run store repair` find it and recover every readable record.

import { spawn } from 'node:child_process';
import { appendFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openEmbeddedStore, storeLogPath } from '../../src/platform/store/embedded-store.ts';
import { encodeFrame, LOG_MAGIC } from '../../src/platform/store/log-frame.ts';
import { readLog, StoreLogDamagedError } from '../../src/platform/store/log-reader.ts';
import { checkLog, repairLog } from '../../src/platform/store/log-repair.ts';
import { encodeTransaction } from '../../src/platform/store/logged-write.ts';
import { temporaryDirs } from '../support/temporary-dirs.ts';

const freshDir = temporaryDirs('dialogforum-log-damage-');

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = join(here, '..', '..');

/** A data directory whose store holds `count` notes, each inserted on its own (one frame each). */
async function dataDirWithNotes(count: number): Promise<{ dataDir: string; storeDir: string; log: string }> {
  const dataDir = await freshDir();
  const storeDir = join(dataDir, 'store');
  const store = await openEmbeddedStore(storeDir);
  // Concurrent, so they share syncs; each is still a transaction and a frame of its own, in order.
  await Promise.all(Array.from({ length: count }, (_, n) => store.collection('notes').insertOne({ _id: `note-${n}`, n, text: `note number ${n}` })));
  await store.close();
  return { dataDir, storeDir, log: storeLogPath(storeDir) };
}

async function flipByte(file: string, offset: number): Promise<Buffer> {
  const bytes = await readFile(file);
  bytes[offset]! ^= 0xff;
  await writeFile(file, bytes);
  return bytes;
}

/** Frame start offsets of a log, read from its headers. */
async function frameOffsets(file: string): Promise<number[]> {
  const offsets: number[] = [];
  await readLog(file, (_payload, offset) => offsets.push(offset));
  return offsets;
}

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(serverDir, 'src', script), ...args], {
      cwd: serverDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a damaged store log', () => {
  it('a flipped byte at offset 200 of a 1,000-insert log stops the server with one line and leaves the file as it was; repair recovers 999 documents', async () => {
    const { dataDir, storeDir, log } = await dataDirWithNotes(1000);
    const offsets = await frameOffsets(log);
    expect(offsets).toHaveLength(1000);
    const hit = offsets.findLastIndex((offset) => offset <= 200);
    const damaged = await flipByte(log, 200);
    const frames = { offset: offsets[hit]!, nextIntactFrame: offsets[hit + 1]! };
    expect((await checkLog(log)).lost).toEqual([expect.objectContaining(frames)]);

    const error = await openEmbeddedStore(storeDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLogDamagedError);
    expect((error as Error).message).toContain(log);
    expect((error as Error).message).toContain(`byte ${frames.offset}`);
    expect(await readFile(log)).toEqual(damaged);

    // The real server refuses to start with one line and exit code 1, and still changes nothing.
    const server = await run('main.ts', [], { DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' });
    expect(server.code).toBe(1);
    const lines = server.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`${log.replaceAll('.', '\\.')} is damaged at byte ${frames.offset} .*pnpm run store verify.*pnpm run store repair`));
    expect(await readFile(log)).toEqual(damaged);

    const verify = await run('store-maintenance.ts', ['verify', dataDir]);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain(`Damage at byte ${frames.offset}`);
    expect(verify.stdout).toContain('999 intact records');
    expect(verify.stdout).toContain('Verdict: damaged');
    expect(await readFile(log)).toEqual(damaged);

    const repair = await run('store-maintenance.ts', ['repair', dataDir]);
    expect(repair.stderr).toBe('');
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('The store opens and holds: notes 999.');
    const kept = (await readdir(storeDir)).filter((name) => name.startsWith('store.log.damaged-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(storeDir, kept[0]!))).toEqual(damaged);

    const store = await openEmbeddedStore(storeDir);
    try {
      const notes = await store.collection<{ _id: string; n: number }>('notes').find({}, { sort: { n: 1 } });
      expect(notes).toHaveLength(999);
      expect(notes.map((note) => note.n)).toEqual(Array.from({ length: 1000 }, (_, n) => n).filter((n) => n !== hit));
    } finally {
      await store.close();
    }
    expect((await run('store-maintenance.ts', ['verify', dataDir])).stdout).toContain('Verdict: intact.');
  }, 90_000);

  type Damage = { name: string; damage(log: string, frames: number[]): Promise<void> };
  const middleDamages: Damage[] = [
    { name: 'a flipped byte inside a middle record', damage: async (log, frames) => void (await flipByte(log, frames[5]! + 20)) },
    {
      name: 'a middle record\'s length made to run past the end of the file',
      damage: async (log, frames) => void (await flipByte(log, frames[5]! + 3)),
    },
    {
      name: 'a middle record\'s length set to zero',
      damage: async (log, frames) => {
        const bytes = await readFile(log);
        bytes.fill(0, frames[5]!, frames[5]! + 4);
        await writeFile(log, bytes);
      },
    },
    {
      name: 'a hole of zeros across several middle records',
      damage: async (log, frames) => {
        const bytes = await readFile(log);
        bytes.fill(0, frames[3]! + 10, frames[7]! + 10);
        await writeFile(log, bytes);
      },
    },
    {
      name: 'the last record damaged with a torn write after it',
      damage: async (log, frames) => {
        await flipByte(log, frames.at(-1)! + 12);
        await appendFile(log, Buffer.from([0x40, 0, 0, 0, 1, 2]));
      },
    },
  ];

  it.each(middleDamages)('refuses to open after $name and changes nothing; repair keeps every intact record', async ({ damage }) => {
    const { storeDir, log } = await dataDirWithNotes(20);
    await damage(log, await frameOffsets(log));
    const before = await readFile(log);

    await expect(openEmbeddedStore(storeDir)).rejects.toBeInstanceOf(StoreLogDamagedError);
    expect(await readFile(log)).toEqual(before);
    const check = await checkLog(log);
    expect(check.verdict).toBe('damaged (the store refuses to open)');

    const outcome = await repairLog(log);
    expect(outcome?.frames).toBe(check.frames);
    const store = await openEmbeddedStore(storeDir);
    try {
      expect(await store.collection('notes').countDocuments({})).toBe(check.frames);
      // Records after the damage are kept, not only the prefix before it.
      expect(await store.collection('notes').findOne({ _id: 'note-18' })).not.toBeNull();
    } finally {
      await store.close();
    }
  });

  it('repair names what a lost record wrote when its damaged bytes still decode, and changes nothing when nothing is damaged', async () => {
    const { log } = await dataDirWithNotes(10);
    const before = await readFile(log);
    expect(await repairLog(log)).toBeNull();
    expect(await readFile(log)).toEqual(before);

    const frames = await frameOffsets(log);
    // A byte inside the text of note-4: the checksum fails but the transaction still decodes.
    const text = before.indexOf('note number 4', frames[4]!);
    await flipByte(log, text + 2);
    const outcome = await repairLog(log);
    expect(outcome?.lost).toEqual([
      expect.objectContaining({ offset: frames[4], problem: 'checksum mismatch', nextIntactFrame: frames[5], probablyWrote: ['notes/note-4'] }),
    ]);
  });

  it('reads frames the same through a window far smaller than they are, and finds the next frame past damage', async () => {
    const dir = await freshDir();
    const log = join(dir, 'store.log');
    const payloads = [10, 300, 5_000, 40, 70_000, 1].map((size, n) => encodeTransaction([['c', `d${n}`, { _id: `d${n}`, text: 'x'.repeat(size) }]]));
    await writeFile(log, Buffer.concat([LOG_MAGIC, ...payloads.map(encodeFrame)]));
    for (const windowBytes of [64, 1000, 1 << 20]) {
      const seen: Buffer[] = [];
      // The store keeps payloads where they were read, as its documents' images (image-slabs.ts):
      // a later window must never reuse the memory of an earlier one.
      const kept: Buffer[] = [];
      const reading = await readLog(log, (payload) => (seen.push(Buffer.from(payload)), kept.push(payload)), { windowBytes });
      expect(reading).toMatchObject({ frames: 6, damage: null, intactEnd: (await stat(log)).size });
      expect(seen).toEqual(payloads);
      expect(kept).toEqual(payloads);
    }
    const offsets = await frameOffsets(log);
    await flipByte(log, offsets[2]! + 1); // the length of the 5,000-byte frame
    for (const windowBytes of [64, 1 << 20]) {
      const reading = await readLog(log, () => {}, { windowBytes });
      expect(reading.damage).toMatchObject({ offset: offsets[2], nextIntactFrame: offsets[3] });
      expect(reading.tornTail).toBe(false);
    }
  });
});

describe('the store command line', () => {
  it('explains its usage and a missing store', async () => {
    expect((await run('store-maintenance.ts', [])).code).toBe(2);
    const dir = await freshDir();
    await mkdir(join(dir, 'store'));
    const missing = await run('store-maintenance.ts', ['verify', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`No store log at ${join(dir, 'store', 'store.log')}`);
  });
});
