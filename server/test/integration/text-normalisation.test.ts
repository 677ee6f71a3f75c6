// Lookalike names (issue 6, finding 8): zero-width and other invisible characters made
// "Nordbygg\u200B AB" a different organisation that looks exactly like "Nordbygg AB", and the same
// letter could be stored composed or decomposed. Every line of text (names, titles, searches) is
// normalised to NFC with invisible characters removed by the shared zod schemas; long text is
// normalised to NFC and keeps what prose needs. Tried through the API of the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../support/refusal.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
const PASSWORD = 'osynliga tecken syns inte';

/** Characters that show as nothing: zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, … */
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u3164', '\u034F', '\u{E0041}'];

beforeAll(async () => {
  server = await startTestServer();
  buyer = server.visitor();
  supplier = server.visitor();
  await buyer.registerVerified({ name: 'Kim Köpare', email: 'kim@kommun.example', password: PASSWORD, representation: 'buyer', organisationName: 'Kommunen' });
  await supplier.registerVerified({ name: 'Sam Säljare', email: 'sam@bolag.example', password: PASSWORD, representation: 'supplier', organisationName: 'Säljbolaget AB' });
});
afterAll(async () => {
  await server?.stop();
});

describe('names and titles', () => {
  it.each(INVISIBLE.map((character) => [`U+${character.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`, character]))(
    'removes %s from an organisation name, so the lookalike is the same name',
    async (_label, character) => {
      const { organisationId } = await supplier.api.organisations.create.mutate({ name: `Nord${character}bygg${character} AB`, kind: 'research' });
      const view = await supplier.api.organisations.get.query({ organisationId });
      expect(view.name).toBe('Nordbygg AB');
    },
  );

  it('lists two organisations that were meant to look alike under byte-identical names', async () => {
    await supplier.api.organisations.create.mutate({ name: 'Tvillingbolaget AB', kind: 'research' });
    await supplier.api.organisations.create.mutate({ name: '\uFEFFTvilling\u200Bbolaget\u2060 AB\u200D', kind: 'research' });
    const found = await supplier.api.organisations.find.query({ q: 'Tvilling\u200Bbolaget' });
    expect(found.map((organisation) => organisation.name)).toEqual(['Tvillingbolaget AB', 'Tvillingbolaget AB']);
  });

  it('stores a decomposed letter as the composed one (NFC)', async () => {
    const decomposed = 'A\u030Angstro\u0308m Instrument AB';
    const { organisationId } = await supplier.api.organisations.create.mutate({ name: decomposed, kind: 'research' });
    const { name } = await supplier.api.organisations.get.query({ organisationId });
    expect(name).toBe('Ångström Instrument AB');
    expect(name).toBe(name.normalize('NFC'));
    expect(name.length).toBe(22);
  });

  it('normalises dialogue and question titles and a person’s name the same way', async () => {
    const { dialogueId } = await buyer.api.dialogues.create.mutate({
      title: 'Va\u0308tgas\u200Bbussar',
      description: 'Behov av bussar.',
      arenaId: 'transport',
      phase: 'market-dialogue',
      questionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
      visibility: 'public',
    });
    expect((await supplier.api.dialogues.get.query({ dialogueId })).title).toBe('Vätgasbussar');
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Ra\u0308ckvidd\u2060?', body: 'Hur la\u030Angt?' });
    const { thread } = await supplier.api.threads.get.query({ threadId });
    expect(thread.title).toBe('Räckvidd?');
    expect(thread.question.body).toBe('Hur långt?');

    const visitor = server.visitor();
    await visitor.registerVerified({
      name: 'Bo\u200B Bo\u0308rjesson',
      email: 'bo@example.se',
      password: PASSWORD,
      representation: 'supplier',
      organisationName: 'Bo\u00ADrjessons\uFEFF AB',
    });
    const me = await visitor.api.accounts.me.query();
    expect(me?.name).toBe('Bo Börjesson');
    expect(me?.organisation?.name).toBe('Borjessons AB');
  });

  it('refuses a name of nothing but invisible characters as too short, and changes nothing', async () => {
    const before = await server.app.services.store.collection('organisations').countDocuments({});
    const data = await refusal(supplier.api.organisations.create.mutate({ name: '\u200B\u200D\uFEFF\u2060', kind: 'research' }));
    expect(data?.appCode).toBe('VALIDATION');
    expect(data?.fieldIssues).toEqual([{ path: 'name', code: 'too_small', minimum: 2 }]);
    expect(await server.app.services.store.collection('organisations').countDocuments({})).toBe(before);
  });

  it('still refuses bidirectional overrides rather than removing them', async () => {
    const data = await refusal(supplier.api.organisations.create.mutate({ name: 'Evil\u202E BA', kind: 'research' }));
    expect(data?.fieldIssues).toEqual([{ path: 'name', code: 'invalid_characters' }]);
  });
});

describe('long text', () => {
  it('is normalised to NFC but keeps the joiners prose needs', async () => {
    const [dialogue] = await supplier.api.dialogues.list.query({});
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const { threadId } = await supplier.api.threads.ask.mutate({
      dialogueId: dialogue?.id ?? '',
      title: 'Familjer',
      body: `Fo\u0308r familjer ${family}?`,
    });
    expect((await supplier.api.threads.get.query({ threadId })).thread.question.body).toBe(`För familjer ${family}?`);
  });
});

describe('search', () => {
  it('finds with a query that holds an invisible character', async () => {
    // Indexing follows the commit; the query itself is what is tried.
    await expect
      .poll(async () => (await supplier.api.search.query.query({ q: 'Va\u0308t\u200Bgasbussar', limit: 5 })).hits.map((hit) => hit.title.map((piece) => piece.text).join('')), { timeout: 5000 })
      .toContain('Vätgasbussar');
  });
});
