// Writes an archive package: a ZIP whose every file passes through a SHA-256 as it is packed, and
// whose last file is the checksum manifest in the format `sha256sum` writes and checks
// ("<64 hex digits>  <path>" a line), so an archivist verifies the package with standard tools
// (`sha256sum -c manifest-sha256.txt` in the unpacked folder). The ZIP streams out as it is written
// (yazl): a file from the blob store is read while it is packed, never held whole in memory.
//
// The manifest is made when its turn comes, after every other file has gone through its hash: yazl
// asks for an entry's stream only once the entries before it are written. So the manifest states
// the bytes actually packed, not the bytes someone meant to pack.
import { createHash } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { ZipFile } from 'yazl';

export const MANIFEST_FILE = 'manifest-sha256.txt';

type Packed = { path: string; sha256: string | null };

export class PackageWriter {
  private readonly zip = new ZipFile();
  private readonly packed: Packed[] = [];
  /** Files being read right now: closed with the output, so a download cut short holds no file open. */
  private readonly reading = new Set<Readable>();
  private finished = false;
  /** The ZIP's bytes; it errors (and ends) if a file cannot be read, so a broken package never looks whole. */
  readonly output: Readable;

  constructor(private readonly mtime: Date) {
    this.output = this.zip.outputStream as Readable;
    this.zip.on('error', (error: Error) => this.output.destroy(error));
    this.output.on('close', () => {
      for (const source of this.reading) source.destroy();
    });
  }

  /** A file whose bytes are at hand (a JSON file, the README, the PDF). */
  addBytes(path: string, bytes: Buffer): void {
    this.packed.push({ path: checkedPath(path), sha256: createHash('sha256').update(bytes).digest('hex') });
    this.zip.addBuffer(bytes, path, { mtime: this.mtime });
  }

  /** A file read from a stream opened only when its turn comes (a stored attachment). */
  addStream(path: string, open: () => Promise<Readable>): void {
    const entry: Packed = { path: checkedPath(path), sha256: null };
    this.packed.push(entry);
    this.zip.addReadStreamLazy(path, { mtime: this.mtime }, (done) => {
      open().then(
        (source) => {
          this.reading.add(source);
          source.on('close', () => this.reading.delete(source));
          if (this.output.destroyed) source.destroy();
          done(null, source.on('error', (error) => this.zip.emit('error', error)).pipe(hashing(entry)));
        },
        (error: unknown) => done(error, new PassThrough()),
      );
    });
  }

  /** Adds the manifest as the last file and closes the ZIP. */
  finish(): void {
    if (this.finished) throw new Error('the package is already finished');
    this.finished = true;
    this.zip.addReadStreamLazy(MANIFEST_FILE, { mtime: this.mtime }, (done) => {
      try {
        done(null, Readable.from([Buffer.from(manifest(this.packed), 'utf8')]));
      } catch (error) {
        done(error, new PassThrough());
      }
    });
    this.zip.end();
  }
}

/** `sha256sum`'s text format; every file must have been hashed by now. */
function manifest(files: readonly Packed[]): string {
  return files
    .map(({ path, sha256 }) => {
      if (sha256 === null) throw new Error(`${path} was not packed before the manifest`);
      return `${sha256}  ${path}\n`;
    })
    .join('');
}

/** Passes the bytes on unchanged and records their SHA-256 when they end. */
function hashing(entry: Packed): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      entry.sha256 = hash.digest('hex');
      callback();
    },
  });
}

/**
 * `sha256sum` escapes a name holding a backslash or a line break (and marks the line), which some
 * tools then misread: such a name is a mistake of ours, refused before anything is packed.
 */
function checkedPath(path: string): string {
  if (/[\\\n\r]/.test(path) || path.startsWith('/') || path.split('/').includes('..')) throw new Error(`unsafe path in package: ${JSON.stringify(path)}`);
  return path;
}
