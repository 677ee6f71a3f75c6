// Durability of the embedded store (DESIGN.md §4): an acknowledged write survives kill -9, a
// transaction survives whole or not at all, and a torn or corrupt tail of the log costs only the
// unacknowledged write it belongs to.

import { spawn } from 'node:child_process';
import { appendFile, readdir, stat, truncate, readFile, writeFile } from 'node:fs/promises';

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/platform/store/document-store.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';
import { temporaryDirs } from '../support/temporary-dirs.ts';

const freshDir = temporaryDirs('dialogforum-store-durability-');

const here = dirname(fileURLToPath(import.meta.url));
const serverDir = join(here, '..', '..');
const ACKNOWLEDGED_BEFORE_KILL = 600;
const BATCH_SIZE = 5;

/**
 * Runs the writer until it has acknowledged `count` writes (and, when compacting, finished
 * `compactions` online compactions), SIGKILLs it and returns every acknowledged line.
 */
function killWriterAfter(dir: string, count: number, compactions = 0): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const mode = compactions > 0 ? ['compacting'] : [];
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'durability-writer.ts'), dir, String(BATCH_SIZE), ...mode], {
      cwd: serverDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const lines = output.split('\n').slice(0, -1);
      const compacted = lines.filter((line) => line.startsWith('compacted')).length;
      if (!killed && lines.length - compacted >= count && compacted >= compactions) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer exited on its own: ${errors}`));
        return;
      }
      // A line cut off by the kill is not an acknowledgement we can read.
      resolve(output.split('\n').slice(0, -1).filter((line) => !line.startsWith('compacted')));
    });
  });
}

describe('embedded store durability', () => {
  it.each([
    { name: '', compactions: 0 },
    { name: ', also killed while compacting online', compactions: 3 },
  ])('every write acknowledged before kill -9 is there after reopening, transactions all or nothing$name', async ({ compactions }) => {
    const dir = await freshDir();
    const acknowledged = await killWriterAfter(dir, ACKNOWLEDGED_BEFORE_KILL, compactions);
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    const store = await openEmbeddedStore(dir);
    try {
      const singles = new Set((await store.collection('singles').find({})).map((doc) => doc._id));
      const parts = await store.collection<StoredDocument & { batch: string }>('parts').find({});
      const partsPerBatch = new Map<string, number>();
      for (const part of parts) partsPerBatch.set(part.batch, (partsPerBatch.get(part.batch) ?? 0) + 1);

      for (const line of acknowledged) {
        const [kind, id] = line.split(' ');
        if (kind === 'single') expect(singles.has(id!), `${id} was acknowledged`).toBe(true);
        else expect(partsPerBatch.get(id!), `${id} was acknowledged`).toBe(BATCH_SIZE);
      }
      for (const [batch, count] of partsPerBatch) expect(count, `parts of ${batch}`).toBe(BATCH_SIZE);
      const counter = await store.collection<StoredDocument & { value: number }>('counters').findOne({ _id: 'batches' });
      expect(counter?.value).toBe(partsPerBatch.size);
    } finally {
      await store.close();
    }
  }, 90_000);

  type Damage = { name: string; destroysLastRecord: boolean; damage(log: string): Promise<void> };
  const damages: Damage[] = [
    { name: 'garbage appended', destroysLastRecord: false, damage: (log) => appendFile(log, Buffer.from('not a frame at all, just noise')) },
    {
      name: 'a frame header promising more than follows',
      destroysLastRecord: false,
      damage: async (log) => {
        const header = Buffer.alloc(8);
        header.writeUInt32LE(5_000, 0);
        header.writeUInt32LE(12345, 4);
        await appendFile(log, Buffer.concat([header, Buffer.from('partial payload')]));
      },
    },
    { name: 'a zero-filled tail', destroysLastRecord: false, damage: (log) => appendFile(log, Buffer.alloc(4096)) },
    { name: 'the first bytes of a frame header', destroysLastRecord: false, damage: (log) => appendFile(log, Buffer.from([0x31, 0, 0, 0, 7])) },
    {
      name: 'the last record cut short',
      destroysLastRecord: true,
      damage: async (log) => {
        await truncate(log, (await stat(log)).size - 3);
      },
    },
    {
      name: 'a flipped byte in the last record',
      destroysLastRecord: true,
      damage: async (log) => {
        const bytes = await readFile(log);
        bytes[bytes.length - 2]! ^= 0xff;
        await writeFile(log, bytes);
      },
    },
  ];

  it.each(damages)('opens after $name with every earlier write, and keeps new ones', async ({ damage, destroysLastRecord }) => {
    const dir = await freshDir();
    const log = join(dir, 'store.log');
    let store = await openEmbeddedStore(dir);
    await store.collection('notes').insertMany([{ _id: 'a' }, { _id: 'b' }]);
    await store.withTransaction(async (scope) => {
      await scope.collection('notes').insertOne({ _id: 'c' });
      await scope.collection('other').insertOne({ _id: 'd' });
    });
    // The record that damage inside the log (rather than after it) destroys.
    await store.collection('notes').insertOne({ _id: 'last', text: 'the last record' });
    await store.close();

    await damage(log);
    const warnings: string[] = [];
    const onWarning = (warning: Error & { code?: string }) => warnings.push(warning.code ?? '');
    process.on('warning', onWarning);
    try {
      store = await openEmbeddedStore(dir);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toContain('DIALOGFORUM_STORE_LOG_TRUNCATED');
    const notes = (await store.collection('notes').find({}, { sort: { _id: 1 } })).map((doc) => doc._id);
    expect(notes).toEqual(destroysLastRecord ? ['a', 'b', 'c'] : ['a', 'b', 'c', 'last']);
    expect(await store.collection('other').findOne({ _id: 'd' })).toEqual({ _id: 'd' });

    await store.collection('notes').insertOne({ _id: 'e' });
    await store.collection('notes').updateOne({ _id: 'a' }, { $set: { edited: true } });
    await store.close();

    store = await openEmbeddedStore(dir);
    try {
      const after = (await store.collection('notes').find({}, { sort: { _id: 1 } })).map((doc) => doc._id);
      expect(after).toEqual(notes.concat('e').sort());
      expect(await store.collection('notes').findOne({ _id: 'a' })).toEqual({ _id: 'a', edited: true });
    } finally {
      await store.close();
    }
  });

  it('refuses a file that is not a store log instead of overwriting it', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'store.log'), 'somebody else\'s file');
    await expect(openEmbeddedStore(dir)).rejects.toThrow(/not a Dialogforum store log/);
    expect(await readFile(join(dir, 'store.log'), 'utf8')).toBe('somebody else\'s file');
  });

  it('compacts a log that is mostly dead after opening, keeping the live data', async () => {
    const dir = await freshDir();
    const log = join(dir, 'store.log');
    // Written with compaction held off, as by a version of the store that compacted only on open.
    let store = await openEmbeddedStore(dir, { compaction: { minDeadImages: Infinity, ratio: 2 } });
    const posts = store.collection<StoredDocument & { n: number; createdAt: Date }>('posts');
    await posts.insertMany(Array.from({ length: 20_000 }, (_, n) => ({ _id: `p${n}`, n, createdAt: new Date(n) })));
    await posts.deleteMany({ n: { $gte: 10 } });
    await posts.updateOne({ _id: 'p3' }, { $set: { n: 333 } });
    await store.close();
    const before = (await stat(log)).size;

    store = await openEmbeddedStore(dir);
    await store.whenCompacted();
    expect(store.stats.compactions).toBe(1);
    await store.close();
    const after = (await stat(log)).size;
    expect(after).toBeLessThan(before / 10);
    expect(await readdir(dir)).toEqual(['store.log']);

    store = await openEmbeddedStore(dir);
    try {
      const live = await store.collection<StoredDocument & { n: number; createdAt: Date }>('posts').find({}, { sort: { _id: 1 } });
      expect(live.map((doc) => doc._id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']);
      expect(live[3]).toEqual({ _id: 'p3', n: 333, createdAt: new Date(3) });
    } finally {
      await store.close();
    }
  });
});
