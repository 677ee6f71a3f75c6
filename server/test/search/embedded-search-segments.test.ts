// The embedded engine's files: changes are appended to segments and replayed at start; a torn last
// write is cut off, other damage costs the index (rebuilt by the indexer from seq 0), never the
// server; old segments are compacted piecewise, and nothing is rewritten whole.

import { mkdtemp, readdir, readFile, rm, stat, writeFile, appendFile } from 'node:fs/promises';
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

  it('folds diacritics, so a query typed without å, ä, ö still finds the word', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.upsert([doc('post:fold', 'En överenskommelse om skärgården.')], 1);
    expect((await search.search(query('overenskommelse skargarden'))).hits.map((hit) => hit.id)).toEqual(['post:fold']);
    await search.close();
  });

  it('rejects calls after close', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.close();
    await expect(search.search(query('något'))).rejects.toThrow(/closed/);
  });
});
