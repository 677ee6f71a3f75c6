// Durability of the files engine of the blob port: a blob acknowledged before kill -9 is there,
// whole, after the process is gone; what the kill cut off is a temporary file at most, never a
// short blob in place, and it is discarded by the sweep of interrupted writes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileBlobs } from '../../src/platform/blobs/file-blobs.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ACKNOWLEDGED_BEFORE_KILL = 120;
let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function killWriterAfter(count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'blob-writer.ts'), dir], { cwd: join(here, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (!killed && output.split('\n').filter((line) => /^[0-9a-f]{24} /.test(line)).length >= count) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(output.split('\n').slice(0, -1)) : reject(new Error(`writer exited on its own: ${errors}`))));
  });
}

describe('files engine of the blob port', () => {
  it('keeps every blob acknowledged before kill -9, whole, and nothing half-written in its place', { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'dialogforum-blob-durability-'));
    const lines = await killWriterAfter(ACKNOWLEDGED_BEFORE_KILL);
    const acknowledged = lines.filter((line) => !line.startsWith('begin '));
    const begun = new Set(lines.filter((line) => line.startsWith('begin ')).map((line) => Number(line.slice(6))));
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

    const blobs = await openFileBlobs(dir);
    for (const line of acknowledged) {
      const [id = '', sha256, size] = line.split(' ');
      const stream = await blobs.read(id);
      expect(stream, `${id} was acknowledged`).not.toBeNull();
      const hash = createHash('sha256');
      let read = 0;
      for await (const chunk of stream!) {
        hash.update(chunk as Buffer);
        read += (chunk as Buffer).byteLength;
      }
      expect({ id, size: read, sha256: hash.digest('hex') }).toEqual({ id, size: Number(size), sha256 });
    }
    // A blob may be in place and not yet acknowledged (killed before it printed), but never cut
    // short: every blob in place has the whole size of a write that began.
    const listed: string[] = [];
    for await (const id of blobs.storedBefore(new Date(Date.now() + 60_000))) listed.push(id);
    expect(listed.length).toBeGreaterThanOrEqual(acknowledged.length);
    const cut: string[] = [];
    for (const id of listed) if (!begun.has((await blobs.size(id)) ?? -1)) cut.push(id);
    expect(cut).toEqual([]);
    // What the kill cut off waits in tmp/ as .part files, which the sweep removes once they are old.
    const leftovers = await readdir(join(dir, 'tmp'));
    expect(leftovers.every((name) => name.endsWith('.part'))).toBe(true);
    expect(await blobs.discardInterrupted(new Date(Date.now() + 60_000))).toBe(leftovers.length);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });
});
