// Contract suite of the search index port: the embedded engine always, Meilisearch when
// MEILISEARCH_URL is set (e.g. `MEILISEARCH_URL=http://127.0.0.1:7700 MEILISEARCH_KEY=… pnpm test`).
//
// Where the two engines may differ, a test says so and asserts only what both promise:
// - scores and the order among equally good matches (each engine ranks by its own rules; a title
//   match above a body match and an exact word above a typo are common to both);
// - two typos: Meilisearch allows two in words of 9+ letters, the embedded engine one (its recall
//   goal is one-typo queries); compound heads ("väghållning" in "vinterväghållning") are found by
//   the embedded engine only — Meilisearch's Swedish segmentation does not split compounds;
// - facet counts: the embedded engine counts results (a question with its answers once);
//   Meilisearch counts facet values over matching documents before `distinct` groups them, so
//   with a question and its answer both matching it may count that group twice;
// - offsets: Meilisearch pages; offsets that are not a multiple of the limit are rounded down.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedSearch } from '../../src/platform/search/embedded-search.ts';
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
    group: fields.id,
    dialogueId: 'dlg1',
    threadId: 'thr1',
    arenaId: 'arena-skola',
    visibility: 'public',
    readers: [],
    buyerOrganisationIds: ['org-kommun'],
    phase: 'needs-analysis',
    answered: false,
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
    expect(result.hits[0]).toMatchObject({ id: 'post:p1', kind: 'question', group: 'post:p1', dialogueId: 'd1', threadId: 't1', createdAt: '2026-03-01T10:00:00.000Z' });
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

  it('falls back to any word by what the searcher may find, never revealing a document they may not', async () => {
    await search.upsert(
      [
        doc({ id: 'post:open', visibility: 'public', body: 'Elbussar i stadstrafik.' }),
        doc({ id: 'post:members', visibility: 'registered', body: 'Elbussar och vätgas i stadstrafik.' }),
      ],
      nextSeq++,
    );
    // Only the registered-only post has both words: an anonymous searcher still finds the public one.
    expect(await ids('elbussar vätgas', { visibilities: ['public'] })).toEqual(['post:open']);
    expect(await ids('elbussar vätgas', { visibilities: ['public', 'registered'] })).toEqual(['post:members']);
  });

  it('finds and counts a document with a reader list only for a searcher holding one of its keys', async () => {
    await search.upsert(
      [
        doc({ id: 'post:all', kind: 'question', body: 'Vägtermometrar på broar.' }),
        doc({ id: 'meeting:a', kind: 'meeting-minutes', readers: ['host:kommun', 'org:a'], body: 'Vägtermometrar från bolag A.' }),
        doc({ id: 'meeting:b', kind: 'meeting-minutes', readers: ['host:kommun', 'org:b'], body: 'Vägtermometrar från bolag B.' }),
        doc({ id: 'meeting:members', kind: 'meeting-minutes', visibility: 'registered', readers: ['org:a'], body: 'Vägtermometrar för medlemmar.' }),
      ],
      nextSeq++,
    );
    const found = async (readers: string[] | undefined, visibilities: SearchQuery['visibilities'] = ['public']) => {
      const result = await search.search(query('vägtermometrar', { visibilities, facets: true, ...(readers ? { readers } : {}) }));
      return { ids: result.hits.map((hit) => hit.id).sort(), total: result.total, minutes: result.facets?.kind['meeting-minutes'] ?? 0 };
    };
    // No keys (an anonymous visitor), or keys no list holds: only what everyone reads, and no count of the rest.
    expect(await found(undefined)).toEqual({ ids: ['post:all'], total: 1, minutes: 0 });
    expect(await found(['org:c', 'host:c'])).toEqual({ ids: ['post:all'], total: 1, minutes: 0 });
    expect(await found(['org:a'])).toEqual({ ids: ['meeting:a', 'post:all'], total: 2, minutes: 1 });
    expect(await found(['host:kommun'])).toEqual({ ids: ['meeting:a', 'meeting:b', 'post:all'], total: 3, minutes: 2 });
    // A reader list narrows the visibilities, never widens them.
    expect(await found(['org:a'], ['public', 'registered'])).toEqual({ ids: ['meeting:a', 'meeting:members', 'post:all'], total: 3, minutes: 2 });
    // Its words never turn a searcher's "some of the words" into "all of them, in what you may not read".
    expect(await ids('vägtermometrar bolag', { readers: ['org:c'] })).toEqual(['post:all']);
  });

  it('widens a document’s readers when it is written again with none (a round closing)', async () => {
    await search.upsert([doc({ id: 'meeting:w', kind: 'meeting-minutes', readers: ['org:a'], body: 'Isvarning vid påfarter.' })], nextSeq++);
    expect(await ids('isvarning')).toEqual([]);
    await search.upsert([doc({ id: 'meeting:w', kind: 'meeting-minutes', readers: [], body: 'Isvarning vid påfarter.' })], nextSeq++);
    expect(await ids('isvarning')).toEqual(['meeting:w']);
  });

  it('filters by arena', async () => {
    await search.upsert(
      [
        doc({ id: 'post:a', arenaId: 'arena-skola', body: 'Skolmaten behöver mer grönsaker.' }),
        doc({ id: 'post:b', arenaId: 'arena-vard', body: 'Maten på äldreboendet och grönsaker.' }),
      ],
      nextSeq++,
    );
    expect(await ids('grönsaker', { filters: { arenaIds: ['arena-vard'] } })).toEqual(['post:b']);
    expect((await ids('grönsaker')).sort()).toEqual(['post:a', 'post:b']);
    expect(await ids('grönsaker', { filters: { arenaIds: ['arena-finns-inte'] } })).toEqual([]);
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

  it('names the index terms each hit matched, folded, for the snippet to highlight', async () => {
    const body = `# Rubrik\n\nSedan sa **någon** att [Vattenkvaliteten](https://example.se/rapport) i sjön måste mätas oftare.`;
    await search.upsert([doc({ id: 'post:snip', title: 'Sjön', body })], nextSeq++);
    const [hit] = (await search.search(query('vattenkvaliteten sjon'))).hits;
    expect(hit?.matchedTerms).toEqual(expect.arrayContaining(['vattenkvaliteten', 'sjon']));
    expect(hit?.matchedTerms.join(' ')).not.toMatch(/https|example|rubrik/);
  });

  it('reports whether it may lose resolved writes', async () => {
    await search.upsert([doc({ id: 'post:seq' })], nextSeq++);
    const durable = await search.durableThroughSeq();
    if (engine.name === 'meilisearch') expect(durable).toBeNull();
    else expect(typeof durable).toBe('number');
  });

  it('finds words with one typo, Swedish letters folded, and by their beginning', async () => {
    await search.upsert(
      [
        doc({ id: 'post:u', body: 'Upphandlingen av sensorer för vinterväghållning i Malmö.' }),
        doc({ id: 'post:o', body: 'Något helt annat om parkering.' }),
      ],
      nextSeq++,
    );
    expect(await ids('upphandlig')).toEqual(['post:u']);
    expect(await ids('sensrer')).toEqual(['post:u']);
    expect(await ids('sesnorer')).toEqual(['post:u']);
    expect(await ids('malmo')).toEqual(['post:u']);
    expect(await ids('MALMÖ')).toEqual(['post:u']);
    expect(await ids('upphandl')).toEqual(['post:u']);
    expect(await ids('vinterv')).toEqual(['post:u']);
  });

  it('ranks the exact word above a word one typo away', async () => {
    await search.upsert(
      [doc({ id: 'post:near', body: 'Vi köper pris för tjänsten.' }), doc({ id: 'post:exact', body: 'Vi köper prism för ljuset.' })],
      nextSeq++,
    );
    expect((await ids('prism'))[0]).toBe('post:exact');
  });

  it('finds a Swedish compound by its last part (embedded engine only)', async () => {
    if (engine.name === 'meilisearch') return; // see the head of this file
    await search.upsert([doc({ id: 'post:comp', body: 'Avtalet gäller vinterväghållningen på landsbygden.' })], nextSeq++);
    expect(await ids('väghållning')).toEqual(['post:comp']);
  });

  it('filters by kind, dialogue, buyer, phase, answered and date, and combines filters', async () => {
    await search.upsert(
      [
        doc({ id: 'post:f1', kind: 'question', dialogueId: 'd1', buyerOrganisationIds: ['org-a'], phase: 'needs-analysis', answered: true, createdAt: '2026-01-10T00:00:00.000Z', body: 'Frågor om hyrbilar.' }),
        doc({ id: 'post:f2', kind: 'comment', dialogueId: 'd2', buyerOrganisationIds: ['org-b', 'org-c'], phase: 'tender', answered: false, createdAt: '2026-02-10T00:00:00.000Z', body: 'Kommentar om hyrbilar.' }),
        doc({ id: 'dialogue:f3', kind: 'dialogue', threadId: null, dialogueId: 'd3', buyerOrganisationIds: ['org-c'], phase: 'tender', createdAt: '2026-03-10T00:00:00.000Z', title: 'Hyrbilar 2027' }),
      ],
      nextSeq++,
    );
    const sorted = async (filters: SearchQuery['filters']) => (await ids('hyrbilar', { filters })).sort();
    expect(await sorted({ kinds: ['question', 'comment'] })).toEqual(['post:f1', 'post:f2']);
    expect(await sorted({ dialogueIds: ['d2'] })).toEqual(['post:f2']);
    expect(await sorted({ buyerOrganisationIds: ['org-c'] })).toEqual(['dialogue:f3', 'post:f2']);
    expect(await sorted({ phases: ['tender'] })).toEqual(['dialogue:f3', 'post:f2']);
    expect(await sorted({ answered: true })).toEqual(['post:f1']);
    expect(await sorted({ answered: false })).toEqual(['dialogue:f3', 'post:f2']);
    expect(await sorted({ createdFrom: '2026-02-01T00:00:00.000Z', createdBefore: '2026-03-10T00:00:00.000Z' })).toEqual(['post:f2']);
    expect(await sorted({ phases: ['tender'], kinds: ['dialogue'] })).toEqual(['dialogue:f3']);
    expect(await sorted({ dialogueIds: [] })).toEqual([]);
  });

  it('counts facet values over every result, not only the page, within the visibilities asked for', async () => {
    await search.upsert(
      [
        doc({ id: 'post:c1', kind: 'question', arenaId: 'skola', buyerOrganisationIds: ['org-a'], body: 'Skolskjuts och taxi.' }),
        doc({ id: 'post:c2', kind: 'comment', arenaId: 'skola', buyerOrganisationIds: ['org-a', 'org-b'], body: 'Taxi på kvällen.' }),
        doc({ id: 'post:c3', kind: 'comment', arenaId: 'vard', answered: true, body: 'Sjukresor med taxi.' }),
        doc({ id: 'post:c4', kind: 'comment', arenaId: 'vard', visibility: 'registered', body: 'Hemlig taxi.' }),
      ],
      nextSeq++,
    );
    const result = await search.search(query('taxi', { limit: 1, facets: true, visibilities: ['public'] }));
    expect(result.total).toBe(3);
    expect(result.hits).toHaveLength(1);
    expect(result.facets?.arenaId).toEqual({ skola: 2, vard: 1 });
    expect(result.facets?.kind).toEqual({ question: 1, comment: 2 });
    expect(result.facets?.buyerOrganisationId).toEqual({ 'org-kommun': 1, 'org-a': 2, 'org-b': 1 });
    expect(result.facets?.answered).toEqual({ true: 1, false: 2 });
    expect(result.facets?.dialogueId).toEqual({ dlg1: 3 });
  });

  it('returns a question and its answer as one result, represented by the better match', async () => {
    await search.upsert(
      [
        doc({ id: 'post:q', kind: 'question', group: 'thread:t7', threadId: 't7', title: 'Leveranstider', body: 'Hur långa är leveranstiderna för möbler?' }),
        doc({ id: 'post:a', kind: 'answer', group: 'thread:t7', threadId: 't7', title: 'Leveranstider', body: 'Möbler levereras inom sex veckor, möbler i lager inom en vecka.' }),
        doc({ id: 'post:other', kind: 'comment', title: 'Annat', body: 'Begagnade möbler är också välkomna.' }),
      ],
      nextSeq++,
    );
    const result = await search.search(query('möbler'));
    expect(result.total).toBe(2);
    expect(result.hits.map((hit) => hit.group).sort()).toEqual(['post:other', 'thread:t7']);
    const answerOnly = await search.search(query('lager veckor'));
    expect(answerOnly.hits.map((hit) => hit.id)).toEqual(['post:a']);
  });

  it('sorts newest first and pages through results', async () => {
    await search.upsert(
      Array.from({ length: 5 }, (_, i) => doc({ id: `post:n${i}`, createdAt: `2026-0${i + 1}-01T00:00:00.000Z`, body: `Ramavtal för städning ${i}.` })),
      nextSeq++,
    );
    expect(await ids('städning', { sort: 'newest' })).toEqual(['post:n4', 'post:n3', 'post:n2', 'post:n1', 'post:n0']);
    expect(await ids('städning', { sort: 'newest', limit: 2, offset: 2 })).toEqual(['post:n2', 'post:n1']);
    expect((await search.search(query('städning', { sort: 'newest', limit: 2, offset: 4 }))).total).toBe(5);
  });

  it('holds what belongs to an arena rather than a dialogue: a library item in two arenas is one result found by either', async () => {
    await search.upsert(
      [
        doc({ id: 'library:item1:transport', kind: 'library-item', group: 'library:item1', dialogueId: '', threadId: null, arenaId: 'transport', phase: '', buyerOrganisationIds: [], title: 'Vägsalt', body: 'Vägledning om vägsalt.' }),
        doc({ id: 'library:item1:energy', kind: 'library-item', group: 'library:item1', dialogueId: '', threadId: null, arenaId: 'energy', phase: '', buyerOrganisationIds: [], title: 'Vägsalt', body: 'Vägledning om vägsalt.' }),
        doc({ id: 'handover:p1', kind: 'relay-handover', dialogueId: '', threadId: null, arenaId: 'transport', phase: '', title: 'Stafett', body: 'Vägsalt i pilotfasen.' }),
        doc({ id: 'minutes:s1', kind: 'session-minutes', threadId: null, title: 'Informationsmöte', body: 'Minnesanteckningar om vägsalt.' }),
        doc({ id: 'live:q1', kind: 'live-question', threadId: null, answered: true, title: 'Informationsmöte', body: 'Hur mycket vägsalt?' }),
        doc({ id: 'meeting:m1', kind: 'meeting-minutes', threadId: null, visibility: 'registered', title: 'Enskilda möten', body: 'Vägsalt och sand.' }),
      ],
      nextSeq++,
    );
    const all = await search.search(query('vägsalt', { facets: true }));
    expect(all.total).toBe(5);
    expect(all.facets?.kind).toEqual({ 'library-item': 1, 'relay-handover': 1, 'session-minutes': 1, 'live-question': 1, 'meeting-minutes': 1 });
    expect(await ids('vägsalt', { filters: { arenaIds: ['energy'] } })).toEqual(['library:item1:energy']);
    expect((await ids('vägsalt', { filters: { kinds: ['library-item', 'relay-handover'], arenaIds: ['transport'] } })).sort()).toEqual(['handover:p1', 'library:item1:transport']);
    expect((await ids('vägsalt', { filters: { kinds: ['session-minutes', 'live-question', 'meeting-minutes'] } })).sort()).toEqual(['live:q1', 'meeting:m1', 'minutes:s1']);
    expect((await ids('vägsalt', { visibilities: ['public'], filters: { kinds: ['meeting-minutes'] } }))).toEqual([]);
    expect(await ids('vägsalt', { filters: { answered: true } })).toEqual(['live:q1']);
    // Each result is counted once: the library item under the arena of the document that stands for
    // it (which of its two depends on the engine's ranking), so only the sum is the same everywhere.
    const arenaCounts = Object.values(all.facets?.arenaId ?? {});
    expect(arenaCounts.reduce((sum, count) => sum + count, 0)).toBe(5);
  });
});

