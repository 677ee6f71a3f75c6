// The embedded store keeps each document as its encoded image (logged-write.ts) and decodes it on
// read. Logs written in the first layout (one v8 image of each whole transaction) still open,
// and go on in the image layout; verify counts the images of both, and a compaction leaves only
// image frames.

import { readFile, writeFile } from 'node:fs/promises';

import { serialize } from 'node:v8';
import { expect, it } from 'vitest';
import { openEmbeddedStore, storeLogPath } from '../../src/platform/store/embedded-store.ts';
import { encodeFrame, FRAME_HEADER_BYTES, LOG_MAGIC } from '../../src/platform/store/log-frame.ts';
import { checkLog } from '../../src/platform/store/log-repair.ts';
import { decodeImages, decodeTransaction, decodeTransactionStrictly, encodeTransaction, type LoggedWrite } from '../../src/platform/store/logged-write.ts';
import { temporaryDirs } from '../support/temporary-dirs.ts';

const freshDir = temporaryDirs('dialogforum-store-images-');

const day = (n: number) => new Date(Date.UTC(2025, 0, n));
const post = (n: number, threadId: string) => ({
  _id: `p${n}`,
  threadId,
  createdAt: day(n),
  body: `Svar nummer ${n} om upphandlingen`,
  versions: [{ at: day(n), body: `Svar nummer ${n}` }],
});

/** The payload of every frame in a log file, in order (intact logs only). */
async function payloads(file: string): Promise<Buffer[]> {
  const bytes = await readFile(file);
  const found: Buffer[] = [];
  for (let at = LOG_MAGIC.length; at < bytes.length; ) {
    const length = bytes.readUInt32LE(at);
    found.push(bytes.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + length));
    at += FRAME_HEADER_BYTES + length;
  }
  return found;
}

it('opens a log of whole-transaction frames with its documents and indexes, and appends image frames after them', async () => {
  const dir = await freshDir();
  const firstLayout = (writes: LoggedWrite[]) => encodeFrame(serialize(writes));
  await writeFile(
    storeLogPath(dir),
    Buffer.concat([
      LOG_MAGIC,
      firstLayout([1, 2, 3].map((n) => ['posts', `p${n}`, post(n, n === 2 ? 't2' : 't1')])),
      firstLayout([['posts', 'p3', { ...post(3, 't1'), body: 'ändrat' }]]),
      firstLayout([['posts', 'p1', null]]),
    ]),
  );

  const store = await openEmbeddedStore(dir);
  await store.ensureIndexes('posts', [{ keys: { threadId: 1, createdAt: -1 }, name: 'thread' }]);
  const posts = store.collection<ReturnType<typeof post>>('posts');
  expect(await posts.find({ threadId: 't1' }, { sort: { createdAt: -1 } })).toEqual([{ ...post(3, 't1'), body: 'ändrat' }]);
  await posts.insertOne(post(4, 't1'));
  expect((await posts.find({ threadId: 't1' }, { sort: { createdAt: -1 } })).map((doc) => doc._id)).toEqual(['p4', 'p3']);
  await store.close();

  const frames = await payloads(storeLogPath(dir));
  expect(frames.map((payload) => payload[1] === 0x00)).toEqual([false, false, false, true]);
  const check = await checkLog(storeLogPath(dir));
  expect(check).toMatchObject({ frames: 4, documentImages: 6, undecodable: [], verdict: 'intact' });

  const reopened = await openEmbeddedStore(dir);
  expect(await reopened.collection('posts').find({}, { sort: { _id: 1 } })).toEqual([post(2, 't2'), { ...post(3, 't1'), body: 'ändrat' }, post(4, 't1')]);
  await reopened.compact();
  await reopened.close();
  const compacted = await payloads(storeLogPath(dir));
  expect(compacted.every((payload) => payload[1] === 0x00)).toBe(true);
  expect(compacted.flatMap((payload) => decodeTransaction(payload)).map(([, id]) => id).sort()).toEqual(['p2', 'p3', 'p4']);
});

it('an image frame holds each document by itself, read in place; a damaged one is refused, not misread', () => {
  const writes: LoggedWrite[] = [
    ['posts', 'p1', post(1, 't1')],
    ['posts', 'p2', null],
    ['audit', 'å-1', { _id: 'å-1', at: day(2), subject: { userId: 'u1' } }],
  ];
  const payload = encodeTransaction(writes);
  expect(decodeTransaction(payload)).toEqual(writes);
  const [first] = decodeImages(payload);
  expect(first![2]!.buffer).toBe(payload.buffer);
  // A frame's payload is its own memory, not a slice of Node's shared pool.
  expect(payload.buffer.byteLength).toBe(payload.length);

  for (const cut of [1, 5, 9, payload.length - 1]) {
    expect(() => decodeImages(payload.subarray(0, cut))).toThrow();
    expect(decodeTransactionStrictly(payload.subarray(0, cut))).toBeNull();
  }
  const claimsTooMany = Buffer.from(payload);
  claimsTooMany.writeUInt32LE(0xff_ff_ff_fe, 2);
  expect(decodeTransactionStrictly(claimsTooMany)).toBeNull();
  const trailing = Buffer.concat([payload, Buffer.from([0])]);
  expect(decodeTransactionStrictly(trailing)).toBeNull();
});

it('a frame of writes to several collections hands each write its own collection', () => {
  // visitImages decodes a collection's name once for a run of writes to it: the runs must end
  // where the name changes, also to a name of the same length.
  const writes: LoggedWrite[] = ['posts', 'posts', 'votes', 'posts', 'votes', 'votes', 'flags', 'post', 'posts'].map((collection, n) => [collection, `d${n}`, { _id: `d${n}`, n }]);
  expect(decodeTransaction(encodeTransaction(writes))).toEqual(writes);
});
