// Events are kept for years and copied with every backup, so they carry no e-mail address. Where an
// event must still let a moderator see that attempts belong together (failed sign-ins for an address
// that has no account), it carries a keyed hash of the address: HMAC-SHA-256 under a server secret.
// Without the key nobody can test guesses against it (a plain hash of an address is reversed by
// hashing a list of addresses); with it, the same address always gives the same value.
//
// The key is AUDIT_HASH_KEY when set — every node of one deployment must then share it — or else a
// random key generated once into DATA_DIR/secrets/audit-hash.key (readable by the server's user
// only) and read from there at every start. Losing the key only breaks correlation with hashes
// written before; nothing else depends on it.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type IdentifierHash = (identifier: string) => string;

export const GENERATED_KEY_FILE = path.join('secrets', 'audit-hash.key');

export async function openIdentifierHash(options: { key: string | undefined; dataDir: string }): Promise<IdentifierHash> {
  const key = options.key ?? (await generatedKey(options.dataDir));
  // 128 bits of the MAC: plenty to tell addresses apart, short enough to read in the audit log.
  return (identifier) => createHmac('sha256', key).update(identifier, 'utf8').digest('hex').slice(0, 32);
}

async function generatedKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, GENERATED_KEY_FILE);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx`: an existing key is never overwritten, so hashes stay comparable across restarts.
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = (await readFile(file, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`${file} does not hold a key: remove it to have a new one generated, or set AUDIT_HASH_KEY`);
  return key;
}
