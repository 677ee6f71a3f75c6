// Reads an archive package as an archivist would: every file unpacked (through the server's own
// defensive ZIP reader, which knows nothing of how the package was written), the CRC-32 of each
// checked against the ZIP's directory, and the checksum manifest verified by recomputing the
// SHA-256 of every file, and by `sha256sum -c` itself over the files written to a folder.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { readZipEntry, zipDirectory } from '../../src/platform/files/zip-directory.ts';

export const MANIFEST = 'manifest-sha256.txt';
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** Every file of the ZIP by its path, in the order the ZIP holds them. */
export async function unpack(zip: Uint8Array): Promise<Map<string, Buffer>> {
  const bytes = Buffer.from(zip);
  const read = async (start: number, length: number) => bytes.subarray(start, start + length);
  const files = new Map<string, Buffer>();
  for (const entry of await zipDirectory(read, bytes.length)) {
    const content = await readZipEntry(read, entry, MAX_ENTRY_BYTES);
    if (files.has(entry.name)) throw new Error(`${entry.name} is in the ZIP twice`);
    if (content.length !== entry.uncompressedSize) throw new Error(`${entry.name}: ${content.length} bytes, the directory says ${entry.uncompressedSize}`);
    if (crc32(content) !== entry.crc32) throw new Error(`${entry.name}: CRC-32 does not match the ZIP's`);
    files.set(entry.name, content);
  }
  return files;
}

export type ManifestCheck = { listed: string[]; mismatched: string[]; unlisted: string[]; malformed: string[] };

/** Recomputes every line of the manifest against the unpacked files, and lists files it leaves out. */
export function checkManifest(files: Map<string, Buffer>): ManifestCheck {
  const text = files.get(MANIFEST)?.toString('utf8');
  if (text === undefined) throw new Error('the package has no manifest');
  const check: ManifestCheck = { listed: [], mismatched: [], unlisted: [], malformed: [] };
  for (const line of text.split('\n').filter(Boolean)) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!match) {
      check.malformed.push(line);
      continue;
    }
    const [, sha256, name] = match as unknown as [string, string, string];
    check.listed.push(name);
    const content = files.get(name);
    if (!content || createHash('sha256').update(content).digest('hex') !== sha256) check.mismatched.push(name);
  }
  check.unlisted = [...files.keys()].filter((name) => name !== MANIFEST && !check.listed.includes(name));
  return check;
}

/** Writes the files to a fresh folder and runs `sha256sum -c` there: its exit code and output. */
export async function sha256sumCheck(files: Map<string, Buffer>): Promise<{ ok: boolean; output: string }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'archive-package-'));
  try {
    for (const [name, content] of files) {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await writeFile(path.join(folder, name), content);
    }
    try {
      const { stdout, stderr } = await promisify(execFile)('sha256sum', ['-c', '--strict', MANIFEST], { cwd: folder });
      return { ok: true, output: stdout + stderr };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
