// Contract suite of the search index port: the embedded engine always, Meilisearch when
// MEILISEARCH_URL is set (e.g. `MEILISEARCH_URL=http://127.0.0.1:7700 pnpm test`).

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openEmbeddedSearch, SNAPSHOT_FILE_NAME } from '../../src/platform/search/embedded-search.ts';
import { openMeiliSearch } from '../../src/platform/search/meili-search.ts';
import type { SearchDocument, SearchIndex, SearchQuery } from '../../src/platform/search/search-index.ts';

type Engine = {
  name: 'embedded' | 'meilisearch';
  open(): Promise<SearchIndex>;
  dispose(): Promise<void>;
};

function embeddedEngine(): Engine {
  let dir: string | null = null;
  return {
    name: 'embedded',
    async open() {
      dir = await mkdtemp(join(tmpdir(), 'dialogforum-search-'));
      return openEmbeddedSearch(dir);
    },
    async dispose() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

function meilisearchEngine(url: string, apiKey: string | undefined): Engine {
  const indexName = `dialogforum-test-${randomBytes(6).toString('hex')}`;
  return {
    name: 'meilisearch',
    open: () => openMeiliSearch(url, apiKey, indexName),
    async dispose() {
      await new Meilisearch({ host: url, ...(apiKey === undefined ? {} : { apiKey }) }).deleteIndexIfExists(indexName);
    },
  };
}

const engines: Engine[] = [embeddedEngine()];
if (process.env.MEILISEARCH_URL) engines.push(meilisearchEngine(process.env.MEILISEARCH_URL, process.env.MEILISEARCH_KEY || undefined));

let nextSeq = 1;

function doc(fields: Partial<SearchDocument> & Pick<SearchDocument, 'id'>): SearchDocument {
  return {
    kind: 'answer',
    dialogueId: 'dlg1',
    threadId: 'thr1',
    arenaId: 'arena-skola',
    visibility: 'public',
    title: 'Ett samtal',
    body: 'Inget särskilt.',
    createdAt: '2026-03-01T10:00:00.000Z',
    ...fields,
  };
}

function query(text: string, extra: Partial<SearchQuery> = {}): SearchQuery {
  return { text, limit: 20, visibilities: ['public', 'registered'], ...extra };
}

describe.each(engines)('search index contract: $name', (engine) => {
  let search: SearchIndex;

  beforeAll(async () => {
    search = await engine.open();
  });

  beforeEach(async () => {
    await search.clear();
  });

  afterAll(async () => {
    await search?.close();
    await engine.dispose();
  });

  async function ids(text: string, extra: Partial<SearchQuery> = {}): Promise<string[]> {
    return (await search.search(query(text, extra))).hits.map((hit) => hit.id);
  }

  it('names its engine', () => {
    expect(search.engine).toBe(engine.name);
  });

  it('finds a document once upsert has resolved, with the fields of the hit', async () => {
    await search.upsert(
      [doc({ id: 'post:p1', kind: 'question', dialogueId: 'd1', threadId: 't1', title: 'Läxor i lågstadiet', body: 'Borde skolan ge läxor redan i årskurs ett?' })],
      nextSeq++,
    );
    const result = await search.search(query('läxor'));
    expect(result.total).toBe(1);
    expect(result.hits).toHaveLength(1);
    expect(result.hits[0]).toMatchObject({ id: 'post:p1', kind: 'question', dialogueId: 'd1', threadId: 't1', title: 'Läxor i lågstadiet' });
    expect(result.hits[0]?.score).toBeGreaterThan(0);
  });

  it('keeps a null threadId for a dialogue document', async () => {
    await search.upsert([doc({ id: 'dialogue:d9', kind: 'dialogue', dialogueId: 'd9', threadId: null, title: 'Cykelvägar' })], nextSeq++);
    const [hit] = (await search.search(query('cykelvägar'))).hits;
    expect(hit).toMatchObject({ id: 'dialogue:d9', kind: 'dialogue', threadId: null });
  });

  it('ranks a title match above a body match', async () => {
    await search.upsert(
      [
        doc({
          id: 'post:body',
          title: 'Trafiken i centrum',
          body: 'Vi pratade länge om bussar, parkering och gångfartsområden, och till sist också kort om klimatpolitik i allmänhet.',
        }),
        doc({ id: 'post:title', title: 'Klimatpolitik i kommunen', body: 'Vad kan kommunen själv göra?' }),
      ],
      nextSeq++,
    );
    expect(await ids('klimatpolitik')).toEqual(['post:title', 'post:body']);
  });

  it('finds a document despite one typo in the query', async () => {
    await search.upsert([doc({ id: 'post:typo', body: 'Lokal demokrati kräver att fler röster hörs.' })], nextSeq++);
    expect(await ids('demokrasi')).toEqual(['post:typo']);
  });

  it('matches Swedish words with å, ä and ö regardless of case', async () => {
    await search.upsert(
      [
        doc({ id: 'post:sv', title: 'Skärgårdens framtid', body: 'Vi behöver en överenskommelse om färjetrafiken året runt.' }),
        doc({ id: 'post:other', title: 'Biblioteket', body: 'Öppettider på helger.' }),
      ],
      nextSeq++,
    );
    expect(await ids('överenskommelse')).toEqual(['post:sv']);
    expect(await ids('SKÄRGÅRDENS')).toEqual(['post:sv']);
    expect(await ids('färjetrafiken')).toEqual(['post:sv']);
  });

  it('returns only the visibilities asked for', async () => {
    await search.upsert(
      [
        doc({ id: 'dialogue:open', kind: 'dialogue', threadId: null, visibility: 'public', title: 'Budget för fritidsgården' }),
        doc({ id: 'dialogue:closed', kind: 'dialogue', threadId: null, visibility: 'registered', title: 'Budget för simhallen' }),
      ],
      nextSeq++,
    );
    expect(await ids('budget', { visibilities: ['public'] })).toEqual(['dialogue:open']);
    expect((await ids('budget', { visibilities: ['public', 'registered'] })).sort()).toEqual(['dialogue:closed', 'dialogue:open']);
    expect(await ids('budget', { visibilities: [] })).toEqual([]);
  });

  it('filters by arena', async () => {
    await search.upsert(
      [
        doc({ id: 'post:a', arenaId: 'arena-skola', body: 'Skolmaten behöver mer grönsaker.' }),
        doc({ id: 'post:b', arenaId: 'arena-vard', body: 'Maten på äldreboendet och grönsaker.' }),
      ],
      nextSeq++,
    );
    expect(await ids('grönsaker', { arenaId: 'arena-vard' })).toEqual(['post:b']);
    expect((await ids('grönsaker')).sort()).toEqual(['post:a', 'post:b']);
    expect(await ids('grönsaker', { arenaId: 'arena-finns-inte' })).toEqual([]);
  });

  it('replaces a document upserted again under the same id', async () => {
    await search.upsert([doc({ id: 'post:edit', body: 'Första versionen handlar om parkering.' })], nextSeq++);
    await search.upsert([doc({ id: 'post:edit', body: 'Andra versionen handlar om cykelställ.' })], nextSeq++);
    expect(await ids('parkering')).toEqual([]);
    const result = await search.search(query('cykelställ'));
    expect(result.hits.map((hit) => hit.id)).toEqual(['post:edit']);
    expect(result.total).toBe(1);
  });

  it('removes documents', async () => {
    await search.upsert(
      [doc({ id: 'post:keep', body: 'Ett förslag om lekplatsen.' }), doc({ id: 'post:gone', body: 'Ett annat förslag om lekplatsen.' })],
      nextSeq++,
    );
    await search.remove(['post:gone', 'post:never-indexed'], nextSeq++);
    expect(await ids('lekplatsen')).toEqual(['post:keep']);
  });

  it('empties on clear', async () => {
    await search.upsert([doc({ id: 'post:c1', body: 'Snöröjning på gång- och cykelbanor.' })], nextSeq++);
    await search.clear();
    expect(await search.search(query('snöröjning'))).toEqual({ hits: [], total: 0 });
    await search.upsert([doc({ id: 'post:c2', body: 'Snöröjning igen.' })], nextSeq++);
    expect(await ids('snöröjning')).toEqual(['post:c2']);
  });

  it('returns at most `limit` hits and the total number of matches', async () => {
    await search.upsert(
      Array.from({ length: 5 }, (_, i) => doc({ id: `post:l${i}`, body: `Inlägg nummer ${i} om bostadsbyggande.` })),
      nextSeq++,
    );
    const result = await search.search(query('bostadsbyggande', { limit: 2 }));
    expect(result.hits).toHaveLength(2);
    expect(result.total).toBe(5);
  });

  it('finds nothing for a blank query', async () => {
    await search.upsert([doc({ id: 'post:blank', body: 'Något.' })], nextSeq++);
    expect(await search.search(query('   '))).toEqual({ hits: [], total: 0 });
  });

  it('gives a plain-text snippet of about 200 characters around the matched term', async () => {
    const filler = 'Mötet började med en lång genomgång av protokollet från förra gången och frågor om dagordningen. ';
    const body = `# Rubrik\n\n${filler.repeat(4)}Sedan sa **någon** att [vattenkvaliteten](https://example.se/rapport) i sjön <em>måste</em> mätas \`oftare\`. ${filler.repeat(3)}`;
    await search.upsert([doc({ id: 'post:snip', body })], nextSeq++);
    const [hit] = (await search.search(query('vattenkvaliteten'))).hits;
    expect(hit?.snippet).toContain('vattenkvaliteten');
    expect(hit?.snippet.length).toBeLessThanOrEqual(240);
    expect(hit?.snippet.length).toBeGreaterThan(80);
    expect(hit?.snippet).not.toMatch(/[<>*#`[\]]|https?:/);
  });

  it('reports whether it may lose resolved writes', async () => {
    await search.upsert([doc({ id: 'post:seq' })], nextSeq++);
    const durable = await search.durableThroughSeq();
    if (engine.name === 'meilisearch') expect(durable).toBeNull();
    else expect(typeof durable).toBe('number');
  });
});

describe('embedded search persistence', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dialogforum-search-'));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty at seq 0 without a snapshot', async () => {
    const search = await openEmbeddedSearch(dir);
    expect(await search.durableThroughSeq()).toBe(0);
    expect(await search.search(query('något'))).toEqual({ hits: [], total: 0 });
    await search.close();
  });

  it('keeps its documents and sequence across close and reopen', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert([doc({ id: 'post:s1', body: 'Förskolans öppettider på sommaren.' })], 3);
    await first.upsert([doc({ id: 'post:s2', body: 'Sommarjobb för unga.' })], 7);
    await first.remove(['post:s2'], 8);
    await first.close();

    const second = await openEmbeddedSearch(dir);
    expect(await second.durableThroughSeq()).toBe(8);
    expect((await second.search(query('öppettider'))).hits.map((hit) => hit.id)).toEqual(['post:s1']);
    expect((await second.search(query('sommarjobb'))).hits).toEqual([]);
    await second.close();
  });

  it('writes a snapshot shortly after changes, before close', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.upsert([doc({ id: 'post:d1', body: 'Gatubelysning.' })], 12);
    expect(await search.durableThroughSeq()).toBe(0);
    await expect.poll(() => search.durableThroughSeq(), { timeout: 5000, interval: 100 }).toBe(12);
    await search.close();
  });

  it('never lets a redelivered older event move the sequence back', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.upsert([doc({ id: 'post:r1' })], 20);
    await search.upsert([doc({ id: 'post:r1' })], 15);
    await search.close();
    const reopened = await openEmbeddedSearch(dir);
    expect(await reopened.durableThroughSeq()).toBe(20);
    await reopened.close();
  });

  it('is durably empty at seq 0 as soon as clear resolves', async () => {
    const first = await openEmbeddedSearch(dir);
    await first.upsert([doc({ id: 'post:x', body: 'Återvinningsstationen.' })], 30);
    await first.close();
    const second = await openEmbeddedSearch(dir);
    expect(await second.durableThroughSeq()).toBe(30);
    await second.clear();
    expect(await second.durableThroughSeq()).toBe(0);
    await second.close();
    const third = await openEmbeddedSearch(dir);
    expect((await third.search(query('återvinningsstationen'))).hits).toEqual([]);
    await third.close();
  });

  it.each([
    ['truncated JSON', '{"format":"dialogforum-search/1","throughSeq":4,"index":{"docum'],
    ['another format', JSON.stringify({ format: 'something-else/9', throughSeq: 4, index: {} })],
    ['a broken index', JSON.stringify({ format: 'dialogforum-search/1', throughSeq: 4, index: { serializationVersion: 99 } })],
  ])('opens empty at seq 0 and warns when the snapshot is %s', async (_, content) => {
    await writeFile(join(dir, SNAPSHOT_FILE_NAME), content);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const search = await openEmbeddedSearch(dir);
    expect(await search.durableThroughSeq()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(SNAPSHOT_FILE_NAME));
    await search.upsert([doc({ id: 'post:after', body: 'Nytt liv.' })], 2);
    await search.close();

    const reopened = await openEmbeddedSearch(dir);
    expect(await reopened.durableThroughSeq()).toBe(2);
    expect((await reopened.search(query('nytt liv'))).hits.map((hit) => hit.id)).toEqual(['post:after']);
    await reopened.close();
  });

  it('folds diacritics, so a query typed without å, ä, ö still finds the word', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.upsert([doc({ id: 'post:fold', body: 'En överenskommelse om skärgården.' })], 1);
    expect((await search.search(query('overenskommelse skargarden'))).hits.map((hit) => hit.id)).toEqual(['post:fold']);
    await search.close();
  });

  it('rejects calls after close', async () => {
    const search = await openEmbeddedSearch(dir);
    await search.close();
    await expect(search.search(query('något'))).rejects.toThrow(/closed/);
  });
});
