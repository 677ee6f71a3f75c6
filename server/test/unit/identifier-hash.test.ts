// The key of the hash that stands for e-mail addresses in events: generated once into DATA_DIR and
// kept (so hashes stay comparable across restarts), readable by the server's user only.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENERATED_KEY_FILE, openIdentifierHash } from '../../src/platform/events/identifier-hash.ts';

const directories: string[] = [];
async function dataDir(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-key-'));
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  await Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('the identifier hash key', () => {
  it('is generated once into DATA_DIR, readable by the owner only, and kept across restarts', async () => {
    const directory = await dataDir();
    const first = await openIdentifierHash({ key: undefined, dataDir: directory });
    expect((await stat(path.join(directory, GENERATED_KEY_FILE))).mode & 0o777).toBe(0o600);
    const again = await openIdentifierHash({ key: undefined, dataDir: directory });
    expect(again('a@example.se')).toBe(first('a@example.se'));
    expect(first('a@example.se')).not.toBe(first('b@example.se'));
    // Another data directory, another key.
    expect((await openIdentifierHash({ key: undefined, dataDir: await dataDir() }))('a@example.se')).not.toBe(first('a@example.se'));
  });

  it('says what to do when the key file holds no key', async () => {
    const directory = await dataDir();
    await openIdentifierHash({ key: undefined, dataDir: directory });
    await writeFile(path.join(directory, GENERATED_KEY_FILE), 'trasig\n');
    await expect(openIdentifierHash({ key: undefined, dataDir: directory })).rejects.toThrow(/does not hold a key: remove it .* or set AUDIT_HASH_KEY/);
  });
});
