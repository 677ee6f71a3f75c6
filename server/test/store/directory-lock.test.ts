import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryInUseError } from '../../src/platform/store/directory-lock.ts';
import { openEmbeddedStore } from '../../src/platform/store/embedded-store.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'store-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('embedded store directory lock', () => {
  it('refuses a directory owned by another live process, naming it', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await writeFile(path.join(dir, 'LOCK'), String(other.pid));
      const opening = openEmbeddedStore(dir);
      await expect(opening).rejects.toBeInstanceOf(DirectoryInUseError);
      await expect(openEmbeddedStore(dir)).rejects.toThrow(`in use by process ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that died, and releases it on close', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(path.join(dir, 'LOCK'), String(dead.pid));
    const store = await openEmbeddedStore(dir);
    await store.collection('notes').insertOne({ _id: 'n1' });
    await store.close();
    const again = await openEmbeddedStore(dir);
    expect(await again.collection('notes').countDocuments({})).toBe(1);
    await again.close();
  });
});
