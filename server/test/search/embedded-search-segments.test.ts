// The embedded engine's files: changes are appended to segments and replayed at start; a torn last
// write is cut off, other damage costs the index (rebuilt by the indexer from seq 0), never the
// server; old segments are compacted piecewise, and nothing is rewritten whole.

import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEmbeddedSearch } from '../../src/platform/search/embedded-search.ts';
import type { SearchDocument, SearchQuery } from '../../src/platform/search/search-index.ts';

function doc(id: string, body: string): SearchDocument {
  return {
    id,
    kind: 'comment',
    group: id,
    dialogueId: 'd1',
    threadId: 't1',
    arenaId: 'a1',
    visibility: 'public',
    readers: [],
    buyerOrganisationIds: ['o1'],
    phase: 'needs-analysis',
    answered: false,
    title: 'Samtal',
    body,
    createdAt: '2026-03-01T10:00:00.000Z',
  };
}

const query = (text: string): SearchQuery => ({ text, limit: 50, visibilities: ['public'] });
const segments = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('segment-')).sort();

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dialogforum-search-'));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('embedded search segments', () => {
  it('starts empty at seq 0 without segments', async () => {
    const search = await openEmbeddedSearch(dir);
    expect(await search.durableThroughSeq()).toBe(0);
    expect(await search.search(query('något'))).toEqual({ hits: [], total: 0 });
    await search.close();
  });

  it('keeps its documents and sequence across close and reopen', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert([doc('post:s1', 'Förskolans öppettider på sommaren.')], 3);
    await first.upsert([doc('post:s2', 'Sommarjobb för unga.')], 7);
    await first.remove(['post:s2'], 8);
    await first.close();

    const second = await openEmbeddedSearch(dir);
    expect(await second.durableThroughSeq()).toBe(8);
    expect((await second.search(query('öppettider'))).hits.map((hit) => hit.id)).toEqual(['post:s1']);
    expect((await second.search(query('sommarjobb'))).hits).toEqual([]);
    await second.close();
  });

  it('makes a change durable moments after it is searchable, without close', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.upsert([doc('post:d1', 'Gatubelysning.')], 12);
    expect((await search.search(query('gatubelysning'))).total).toBe(1);
    await expect.poll(() => search.durableThroughSeq(), { timeout: 5000, interval: 20 }).toBe(12);
    await search.close();
  });

  it('never lets a redelivered older event move the sequence back', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.upsert([doc('post:r1', 'Ett')], 20);
    await search.upsert([doc('post:r1', 'Ett')], 15);
    await search.close();
    const reopened = await openEmbeddedSearch(dir);
    expect(await reopened.durableThroughSeq()).toBe(20);
    await reopened.close();
  });

  it('is durably empty at seq 0 as soon as clear resolves', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert([doc('post:x', 'Återvinningsstationen.')], 30);
    await first.close();
    const second = await openEmbeddedSearch(dir);
    await second.clear();
    expect(await second.durableThroughSeq()).toBe(0);
    await second.upsert([doc('post:y', 'Ny början.')], 31);
    await second.close();
    const third = await openEmbeddedSearch(dir);
    expect((await third.search(query('återvinningsstationen'))).hits).toEqual([]);
    expect((await third.search(query('början'))).total).toBe(1);
    expect(await third.durableThroughSeq()).toBe(31);
    await third.close();
  });

  it('cuts a torn last write and keeps everything before it', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert([doc('post:t1', 'Skolskjutsar på landet.')], 4);
    await first.close();
    const [last] = (await segments(dir)).slice(-1);
    // A crash mid-write: the header of a frame promising more bytes than follow.
    await appendFile(join(dir, last!), Buffer.from([0xff, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0xff, 0x0d]));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const second = await openEmbeddedSearch(dir);
    expect(await second.durableThroughSeq()).toBe(4);
    expect((await second.search(query('skolskjutsar'))).total).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('torn'));
    await second.close();
  });

  it('opens empty at seq 0 and warns when a segment is damaged before its end, and works on', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert([doc('post:b1', 'Broräcken i centrum.')], 5);
    await first.upsert([doc('post:b2', 'Gångbroar vid ån.')], 6);
    await first.close();
    const [name] = await segments(dir);
    const bytes = await readFile(join(dir, name!));
    bytes[20] = bytes[20]! ^ 0xff;
    await writeFile(join(dir, name!), bytes);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const second = await openEmbeddedSearch(dir);
    expect(await second.durableThroughSeq()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('damaged'));
    await second.upsert([doc('post:after', 'Nytt liv.')], 2);
    await second.close();
    const third = await openEmbeddedSearch(dir);
    expect(await third.durableThroughSeq()).toBe(2);
    expect((await third.search(query('nytt liv'))).hits.map((hit) => hit.id)).toEqual(['post:after']);
    await third.close();
  });

  it('removes the former whole-index snapshot and starts at seq 0 (the indexer replays)', async () => {
    await writeFile(join(dir, 'search-index.json'), '{"format":"dialogforum-search/1","throughSeq":4,"index":{}}');
    const search = await openEmbeddedSearch(dir);
    expect(await search.durableThroughSeq()).toBe(0);
    await search.close();
    expect(await readdir(dir)).not.toContain('search-index.json');
  });

  it('appends: earlier bytes of a segment never change, and a mostly replaced segment is compacted away', async () => {
    const search = await openEmbeddedSearch(dir, { segmentBytes: 4096 });
    await search.upsert([doc('post:keep', 'Beständig text om fjärrvärme.')], 1);
    for (let i = 0; i < 40; i++) {
      await search.upsert([doc(`post:churn${i % 4}`, `Version ${i} av texten om kollektivtrafik nummer ${i}.`)], 2 + i);
      // One write each (otherwise group commit would put them all in one).
      await search.flush();
    }
    const before = await segments(dir);
    // Rolled over to later segments (each closed at 4 KiB).
    expect(before.at(-1)).not.toBe('segment-000001.log');
    const firstBytes = await readFile(join(dir, before.at(-1)!));
    await search.upsert([doc('post:late', 'Sent tillägg om snöröjning.')], 100);
    await search.flush();
    const grown = await readFile(join(dir, (await segments(dir)).at(-1)!));
    if (grown.length > firstBytes.length) expect(grown.subarray(0, firstBytes.length).equals(firstBytes)).toBe(true);
    // The first segment held post:keep and churned versions since replaced: it was compacted.
    expect(await segments(dir)).not.toContain('segment-000001.log');
    await search.close();

    const reopened = await openEmbeddedSearch(dir);
    expect((await reopened.search(query('fjärrvärme'))).hits.map((hit) => hit.id)).toEqual(['post:keep']);
    expect((await reopened.search(query('kollektivtrafik'))).total).toBe(4);
    expect((await reopened.search(query('snöröjning'))).total).toBe(1);
    expect(await reopened.durableThroughSeq()).toBe(100);
    await reopened.close();
    const sizes = await Promise.all((await segments(dir)).map(async (name) => (await stat(join(dir, name))).size));
    // Bounded: live data is a handful of documents, so compaction keeps the files small.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(4096 * 4);
  });

  it('answers searches that arrive while it is still loading, from the whole index', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert(Array.from({ length: 2000 }, (_, i) => doc(`post:m${i}`, `Massor av text ${i} om belysning och vägar.`)), 9);
    await first.close();
    const second = await openEmbeddedSearch(dir);
    // Asked at once after open resolves: must not see a half-loaded index.
    expect((await second.search(query('belysning'))).total).toBe(2000);
    await second.close();
  });

  it('opens sealed segments from their snapshots and finds exactly what it found before closing', async () => {
    const first = await openEmbeddedSearch(dir, { segmentBytes: 8 * 1024 });
    const words = ['belysning', 'snöröjning', 'fjärrvärme', 'kollektivtrafik', 'skolskjuts', 'avfall'];
    let seq = 0;
    for (let round = 0; round < 6; round++) {
      const batch = Array.from({ length: 60 }, (_, i) => doc(`post:${(round * 37 + i) % 200}`, `Runda ${round}: ${words[(round + i) % words.length]} och ${words[i % words.length]}.`));
      await first.upsert(batch, ++seq);
      await first.remove([`post:${round * 11}`], ++seq);
      await first.flush();
    }
    const texts = [...words, 'runda', 'och', 'belysnig', 'snöröj'];
    // Every hit, by id: the order of equal scores may differ once a compaction moved documents.
    const everything = async (search: typeof first, text: string) => {
      const result = await search.search({ text, limit: 1000, visibilities: ['public'], facets: true });
      return { ...result, hits: [...result.hits].sort((x, y) => x.id.localeCompare(y.id)) };
    };
    const before = await Promise.all(texts.map((text) => everything(first, text)));
    expect(before[0]!.total).toBeGreaterThan(0);
    await first.close();
    const files = await segments(dir);
    const snapshots = files.filter((name) => name.endsWith('.snap'));
    // Every sealed segment is a snapshot and only the open (newest) one is still frames.
    expect(snapshots.length).toBeGreaterThan(1);
    expect(files.filter((name) => name.endsWith('.log'))).toEqual([files.at(-1)]);

    const second = await openEmbeddedSearch(dir, { segmentBytes: 8 * 1024 });
    expect(await second.durableThroughSeq()).toBe(seq);
    for (const [i, text] of texts.entries()) expect(await everything(second, text)).toEqual(before[i]);
    // It works on from there: a change after opening is kept too.
    await second.upsert([doc('post:0', 'Helt ny text om gatunamn.')], seq + 1);
    await second.close();
    const third = await openEmbeddedSearch(dir, { segmentBytes: 8 * 1024 });
    expect((await third.search(query('gatunamn'))).hits.map((hit) => hit.id)).toEqual(['post:0']);
    expect(await third.durableThroughSeq()).toBe(seq + 1);
    await third.close();
  });

  it('keeps a removal made in a later segment: the removed document stays gone after reopening', async () => {
    const first = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    // Four documents in segment 1; removing one later leaves it mostly live, so it is not compacted.
    await first.upsert(['x', 'y', 'z', 'w'].map((id) => doc(`post:${id}`, id === 'x' ? 'Försvunnen skrivelse om hamnen.' : `Kvar om hamnen ${id}.`)), 1);
    await first.flush();
    for (let i = 0; i < 12; i++) {
      await first.upsert([doc(`post:later${i}`, `Senare text ${i} om kajer och bryggor i hamnen.`)], 2 + i);
      await first.flush();
    }
    await first.remove(['post:x'], 20);
    await first.close();
    expect(await segments(dir)).toContain('segment-000001.snap');
    const second = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    expect((await second.search(query('försvunnen'))).total).toBe(0);
    expect((await second.search(query('hamnen'))).total).toBe(15);
    expect(await second.durableThroughSeq()).toBe(20);
    await second.close();
  });

  it('trusts no snapshot with a flipped byte: it opens empty at seq 0 and warns, so the indexer rebuilds from the store', async () => {
    const first = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    for (let i = 0; i < 20; i++) {
      await first.upsert([doc(`post:f${i}`, `Text nummer ${i} om broar och tunnlar i kommunen.`)], i + 1);
      // One write each (otherwise group commit would put them all in one, in one segment).
      await first.flush();
    }
    await first.close();
    const [snapshot] = (await segments(dir)).filter((name) => name.endsWith('.snap'));
    expect(snapshot).toBeDefined();
    const bytes = await readFile(join(dir, snapshot!));
    // A byte deep in the body (a term or a document's facts), not the header.
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0x01;
    await writeFile(join(dir, snapshot!), bytes);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const second = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    expect(await second.durableThroughSeq()).toBe(0);
    expect((await second.search(query('broar'))).total).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/\.snap fails its checksum/));
    await second.close();
    expect((await segments(dir)).filter((name) => name.endsWith('.snap'))).toEqual([]);
  });

  it('after a crash before a sealed segment got its snapshot, replays its frames and writes the snapshot', async () => {
    const first = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    for (let i = 0; i < 20; i++) await first.upsert([doc(`post:c${i}`, `Inlaga ${i} om cykelvägar och parkering.`)], i + 1);
    await first.close();
    // Undo the snapshot of the first sealed segment as if the crash came before it was written
    // (its frames are rebuilt from the snapshot's documents by a second index written frame by frame).
    const reference = await mkdtemp(join(tmpdir(), 'dialogforum-search-ref-'));
    try {
      const replay = await openEmbeddedSearch(reference, { segmentBytes: 1 << 30 });
      for (let i = 0; i < 20; i++) await replay.upsert([doc(`post:c${i}`, `Inlaga ${i} om cykelvägar och parkering.`)], i + 1);
      await replay.close();
      const [framesOnly] = await segments(reference);
      for (const name of await segments(dir)) await rm(join(dir, name));
      await writeFile(join(dir, 'segment-000001.log'), await readFile(join(reference, framesOnly!)));
      // …and an open segment after it.
      await writeFile(join(dir, 'segment-000002.log'), Buffer.from('DFSRCH02', 'latin1'));
    } finally {
      await rm(reference, { recursive: true, force: true });
    }
    const second = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    expect((await second.search(query('cykelvägar'))).total).toBe(20);
    expect(await second.durableThroughSeq()).toBe(20);
    await second.flush();
    expect(await segments(dir)).toEqual(['segment-000001.snap', 'segment-000002.log']);
    await second.close();
    const third = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    expect((await third.search(query('parkering'))).total).toBe(20);
    await third.close();
  });

  it('claims a change\'s sequence only with its last frame, so a crash between its frames claims nothing', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert([doc('post:one', 'Första inlagan.')], 5);
    await first.flush();
    // 200 documents: more than one frame's worth.
    await first.upsert(Array.from({ length: 200 }, (_, i) => doc(`post:many${i}`, `Inlaga ${i} om badplatser.`)), 6);
    await first.close();
    const [name] = await segments(dir);
    const bytes = await readFile(join(dir, name!));
    const ends: number[] = [];
    for (let offset = 8; offset < bytes.length; offset += 8 + bytes.readUInt32LE(offset)) ends.push(offset + 8 + bytes.readUInt32LE(offset));
    expect(ends.length).toBeGreaterThan(2);
    // The crash: the first change and the first frame of the second are on disk, no more.
    await writeFile(join(dir, name!), bytes.subarray(0, ends[1]));
    const second = await openEmbeddedSearch(dir);
    expect(await second.durableThroughSeq()).toBe(5);
    const found = (await second.search(query('badplatser'))).total;
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(200);
    await second.close();
  });

  it('answers searches at once while persistence and compaction are slow: none waits behind them', async () => {
    // Every document the persistence path encodes costs 20 ms of busy CPU in the worker (fault
    // injection). 120 documents fill a few 4 KiB segments; then the first 60 are replaced, which
    // leaves the oldest segments mostly dead: the replacements are written (one frame: 1.2 s of
    // work), the sealed segments get their snapshots and the dead ones are compacted — seconds of
    // persistence work that searches must not wait behind.
    const search = await openEmbeddedSearch(dir, { segmentBytes: 4096, slowPersistenceMsPerDocument: 20 });
    const a = Array.from({ length: 60 }, (_, i) => doc(`post:a${i}`, `Första versionen ${i} om vägbelysning.`));
    const b = Array.from({ length: 60 }, (_, i) => doc(`post:b${i}`, `Beständig text ${i} om dagvatten.`));
    await search.upsert([...a, ...b], 1);
    await search.flush();
    const before = await segments(dir);
    const number = (name: string) => name.slice(0, 'segment-000000'.length);
    await search.upsert(a.map((d) => ({ ...d, body: `Andra versionen om vägbelysning.` })), 2);
    let persisting = true;
    const persisted = search.flush().then(() => {
      persisting = false;
    });
    const waits: number[] = [];
    const started = performance.now();
    while (persisting) {
      const asked = performance.now();
      const result = await search.search(query('dagvatten'));
      waits.push(performance.now() - asked);
      expect(result.total).toBe(60);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await persisted;
    const persistedMs = performance.now() - started;
    // At least one of the oldest segments was compacted: gone in both forms.
    const after = new Set((await segments(dir)).map(number));
    expect(before.map(number).filter((segment) => !after.has(segment)).length).toBeGreaterThan(0);
    expect(persistedMs).toBeGreaterThan(1000);
    expect(waits.length).toBeGreaterThan(20);
    // Generous for a busy machine, yet half of the smallest unsliced piece of this work.
    expect(Math.max(...waits)).toBeLessThan(600);
    await search.close();
    const reopened = await openEmbeddedSearch(dir);
    expect((await reopened.search(query('dagvatten'))).total).toBe(60);
    expect((await reopened.search(query('andra versionen'))).total).toBe(60);
    await reopened.close();
  }, 60_000);

  it('folds diacritics, so a query typed without å, ä, ö still finds the word', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.upsert([doc('post:fold', 'En överenskommelse om skärgården.')], 1);
    expect((await search.search(query('overenskommelse skargarden'))).hits.map((hit) => hit.id)).toEqual(['post:fold']);
    await search.close();
  });

  it('keeps reader lists across reopening, in snapshots and in frames: a restricted document stays restricted', async () => {
    const restricted = (id: string, body: string): SearchDocument => ({ ...doc(id, body), kind: 'meeting-minutes', readers: ['host:k', 'org:a'] });
    const first = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    await first.upsert([restricted('meeting:early', 'Tidiga anteckningar om vägbanegivare.')], 1);
    await first.flush();
    for (let i = 0; i < 20; i++) {
      await first.upsert([doc(`post:v${i}`, `Text ${i} om vägbanegivare och broar.`)], 2 + i);
      await first.flush();
    }
    await first.upsert([restricted('meeting:late', 'Sena anteckningar om vägbanegivare.')], 30);
    await first.close();
    // The early one is in a sealed segment's snapshot, the late one in the open segment's frames.
    expect(await segments(dir)).toContain('segment-000001.snap');
    expect((await segments(dir)).at(-1)).toMatch(/\.log$/);
    const second = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    const minutes = async (readers?: string[]) => {
      const result = await second.search({ ...query('vägbanegivare'), facets: true, ...(readers ? { readers } : {}) });
      return { ids: result.hits.map((hit) => hit.id).filter((id) => id.startsWith('meeting:')).sort(), counted: result.facets?.kind['meeting-minutes'] ?? 0 };
    };
    expect(await minutes()).toEqual({ ids: [], counted: 0 });
    expect(await minutes(['org:b'])).toEqual({ ids: [], counted: 0 });
    expect(await minutes(['org:a'])).toEqual({ ids: ['meeting:early', 'meeting:late'], counted: 2 });
    expect((await second.search(query('vägbanegivare'))).total).toBe(20);
    await second.close();
  });

  it('opens a former-format index (no reader lists) as readable by everyone, and seals its open segment instead of appending to it', async () => {
    // The files of the format before reader lists: documents without `readers`, and the former magics.
    const former = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    for (let i = 0; i < 20; i++) {
      const { readers: _none, ...withoutReaders } = doc(`post:g${i}`, `Inlaga ${i} om gatubelysning och parker.`);
      await former.upsert([withoutReaders as SearchDocument], i + 1);
      await former.flush();
    }
    await former.close();
    const files = await segments(dir);
    for (const name of files) {
      const bytes = await readFile(join(dir, name));
      bytes.write(name.endsWith('.snap') ? 'DFSNAP01' : 'DFSRCH01', 0, 'latin1');
      await writeFile(join(dir, name), bytes);
    }
    const openSegment = files.at(-1)!;
    expect(openSegment).toMatch(/\.log$/);
    expect(files.filter((name) => name.endsWith('.snap')).length).toBeGreaterThan(0);

    const second = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    expect((await second.search(query('gatubelysning'))).total).toBe(20);
    expect(await second.durableThroughSeq()).toBe(20);
    await second.upsert([{ ...doc('meeting:new', 'Anteckningar om gatubelysning.'), readers: ['org:a'] }], 21);
    await second.flush();
    // The former open segment is sealed into a snapshot of the current format; new frames go to a new segment.
    const after = await segments(dir);
    const sealed = openSegment.replace('.log', '.snap');
    expect(after).toContain(sealed);
    expect((await readFile(join(dir, sealed))).subarray(0, 8).toString('latin1')).toBe('DFSNAP02');
    const newest = after.at(-1)!;
    expect(newest > sealed).toBe(true);
    expect((await readFile(join(dir, newest))).subarray(0, 8).toString('latin1')).toBe('DFSRCH02');
    await second.close();

    const third = await openEmbeddedSearch(dir, { segmentBytes: 2048 });
    expect((await third.search(query('gatubelysning'))).total).toBe(20);
    expect((await third.search({ ...query('gatubelysning'), readers: ['org:a'] })).total).toBe(21);
    expect(await third.durableThroughSeq()).toBe(21);
    await third.close();
  });

  it('rejects calls after close', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.close();
    await expect(search.search(query('något'))).rejects.toThrow(/closed/);
  });
});
