// The archive package's writer on its own: what it packs comes out byte for byte with a manifest
// that states exactly those bytes (files at hand and files streamed alike), and a file that fails
// while it is read fails the whole output, so a short package never looks whole.
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { PackageWriter } from '../../src/modules/archive-package/package-writer.ts';
import { checkManifest, MANIFEST, unpack } from '../support/archive-package.ts';

const at = new Date('2026-03-01T12:00:00Z');

describe('the package writer', () => {
  it('packs files at hand and streamed ones in order, the manifest last and true to every byte', async () => {
    const writer = new PackageWriter(at);
    const streamed = Buffer.alloc(3 * 1024 * 1024 + 17, 'bytes of a large attachment ');
    writer.addBytes('README.txt', Buffer.from('Läs mig\r\n'));
    writer.addStream('attachments/a1/Stor fil.pdf', async () => Readable.from((function* () {
      for (let at = 0; at < streamed.length; at += 65_536) yield streamed.subarray(at, at + 65_536);
    })()));
    writer.addBytes('questions.json', Buffer.from('{"questions":[]}\n'));
    writer.finish();
    const files = await unpack(await buffer(writer.output));
    expect([...files.keys()]).toEqual(['README.txt', 'attachments/a1/Stor fil.pdf', 'questions.json', MANIFEST]);
    expect(files.get('attachments/a1/Stor fil.pdf')?.equals(streamed)).toBe(true);
    expect(checkManifest(files)).toEqual({ listed: ['README.txt', 'attachments/a1/Stor fil.pdf', 'questions.json'], mismatched: [], unlisted: [], malformed: [] });
  });

  it('fails the output when a file cannot be read, or breaks off while it is read', async () => {
    const missing = new PackageWriter(at);
    missing.addBytes('README.txt', Buffer.from('x'));
    missing.addStream('attachments/gone.pdf', async () => {
      throw new Error('blob missing');
    });
    missing.finish();
    await expect(buffer(missing.output)).rejects.toThrow('blob missing');

    const broken = new PackageWriter(at);
    broken.addStream('attachments/half.pdf', async () => Readable.from((async function* () {
      yield Buffer.from('the first half');
      throw new Error('disk read failed');
    })()));
    broken.finish();
    await expect(buffer(broken.output)).rejects.toThrow('disk read failed');
  });

  it('refuses a path sha256sum would escape or that climbs out of the folder', () => {
    const writer = new PackageWriter(at);
    for (const path of ['a\\b.txt', 'line\nbreak.txt', '../up.txt', '/root.txt']) expect(() => writer.addBytes(path, Buffer.from('x'))).toThrow(/unsafe path/);
  });
});
