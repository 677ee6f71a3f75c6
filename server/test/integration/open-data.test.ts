// The open data API over the real server, as an integrator's script would use it: the OpenAPI
// document names every route and only those; answers carry the fields their schemas require; lists
// page with `next` and a Link header; only public dialogues and published questions ever appear,
// nobody by name; a non-public dialogue answers as a missing one, byte for byte; bad queries are
// refused with 400 and a flood with 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_BASE, OPEN_DATA_ROUTES } from '../../src/modules/open-data/routes.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
let buyer: Visitor;
let supplier: Visitor;
const PASSWORD = 'öppna data för alla som vill';
const ids = { public: '', registered: '', older: [] as string[], sessionId: '', answered: '', pending: '' };
const future = () => new Date(Date.now() + 300 * 24 * 3_600_000).toISOString();

type Schema = { $ref?: string; allOf?: Schema[]; required?: string[]; properties?: Record<string, Schema>; items?: Schema };
let document: { openapi: string; paths: Record<string, { get: { responses: Record<string, { content?: { 'application/json': { schema: Schema } } }> } }>; components: { schemas: Record<string, Schema> } };

async function get(path: string): Promise<{ status: number; body: string; json: any; headers: Headers }> {
  const response = await fetch(path.startsWith('http') ? path : `${server.url}${OPEN_DATA_BASE}${path}`);
  const body = await response.text();
  return { status: response.status, body, json: JSON.parse(body), headers: response.headers };
}

/** The fields a schema requires, through $ref and allOf. */
function required(schema: Schema): string[] {
  if (schema.$ref) return required(document.components.schemas[schema.$ref.split('/').at(-1) ?? ''] ?? {});
  return [...(schema.required ?? []), ...(schema.allOf ?? []).flatMap(required)];
}

/** Checks an answer against the schema the document gives for the path's 200. */
function matchesDocument(templatePath: string, json: any) {
  const schema = document.paths[templatePath]?.get.responses['200']?.content?.['application/json'].schema;
  expect(schema, templatePath).toBeDefined();
  for (const key of required(schema!)) expect(json, `${templatePath} lacks ${key}`).toHaveProperty(key);
  const itemSchema = schema!.properties?.data?.items;
  if (itemSchema) for (const item of json.data) for (const key of required(itemSchema)) expect(item, `${templatePath} item lacks ${key}`).toHaveProperty(key);
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10', OPERATOR_NAME: 'Myndigheten för öppna data', OPERATOR_ORGANISATION_NUMBER: '202100-5489', OPERATOR_EMAIL: 'data@myndighet.example' });
  buyer = server.visitor();
  await buyer.registerVerified({ name: 'Birgitta Beställare', email: 'birgitta@oppen.example', password: PASSWORD, representation: 'buyer', organisationName: 'Öppna regionen' });
  supplier = server.visitor();
  await supplier.registerVerified({ name: 'Sixten Leverantör', email: 'sixten@oppen.example', password: PASSWORD, representation: 'supplier', organisationName: 'Sixtens AB' });
  const create = async (title: string, visibility: 'public' | 'registered') =>
    (await buyer.api.dialogues.create.mutate({ title, description: 'Vi söker lösningar.', arenaId: 'transport', phase: 'market-dialogue', questionDeadline: future(), visibility })).dialogueId;
  for (const n of [1, 2]) ids.older.push(await create(`Äldre dialog ${n}`, 'public'));
  ids.registered = await create('Dialog bara för inloggade', 'registered');
  ids.public = await create('Eldrivna bussar', 'public');
  const asked = await supplier.api.threads.ask.mutate({ dialogueId: ids.public, title: 'Hur långa är linjerna?', body: 'I kilometer.' });
  await buyer.api.threads.answer.mutate({ threadId: asked.threadId, body: 'Högst 40 km.' });
  ids.answered = asked.threadId;
  ids.pending = (await supplier.api.threads.ask.mutate({ dialogueId: ids.public, title: 'Vår hemliga batterilösning', body: 'Konfidentiellt.', confidential: true })).threadId;
  await supplier.api.threads.ask.mutate({ dialogueId: ids.registered, title: 'Fråga som inte är offentlig', body: '?' });
  const year = new Date().getUTCFullYear() + 1;
  ids.sessionId = (
    await buyer.api.sessions.create.mutate({ dialogueId: ids.public, title: 'Dialogmöte om bussar', startsAt: `${year}-03-03T10:00`, endsAt: `${year}-03-03T11:00`, format: 'online', meetingLink: 'https://meet.example/hemlig', capacity: 30 })
  ).sessionId;
  await buyer.api.library.publish.mutate({ kind: 'case-study', arenaIds: ['transport'], audiences: ['buyers'], language: 'sv', visibility: 'public', title: 'Elbussar i Skåne', summary: '', body: 'Så gick det till.' });
  await buyer.api.library.publish.mutate({ kind: 'guide', arenaIds: ['transport'], audiences: ['buyers'], language: 'sv', visibility: 'registered', title: 'Intern vägledning', summary: '', body: 'Bara för inloggade.' });
  document = (await get(OPEN_DATA_ROUTES.openapi)).json;
});

afterAll(async () => {
  await server?.stop();
});

describe('the OpenAPI description', () => {
  it('describes every route served and nothing else, as OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    // The operating agency answers for the API: its contact.
    expect((document as unknown as { info: { contact: unknown } }).info.contact).toEqual({ name: 'Myndigheten för öppna data (org.nr 202100-5489)', email: 'data@myndighet.example' });
    const served = Object.values(OPEN_DATA_ROUTES).map((path) => path.replace(/:(\w+)/g, '{$1}')).sort();
    expect(Object.keys(document.paths).sort()).toEqual(served);
    // Every $ref points at a schema or response the document has.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(schemas|responses)\/(\w+)"/g)];
    for (const [, kind, name] of refs) expect((document.components as any)[kind!][name!], `${kind}/${name}`).toBeDefined();
  });
});

describe('dialogues, questions and sessions', () => {
  it('lists public dialogues only, newest first, page by page with next and a Link header', async () => {
    const first = await get('/dialogues?arena=transport&limit=2');
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    matchesDocument('/dialogues', first.json);
    expect(first.json.data.map((d: any) => d.id)).toEqual([ids.public, ids.older[1]]);
    expect(first.headers.get('link')).toBe(`<${first.json.next}>; rel="next"`);
    const second = await get(first.json.next);
    expect(second.json.data.map((d: any) => d.id)).toEqual([ids.older[0]]);
    expect(second.json.next).toBeNull();
    expect(JSON.stringify([first.json, second.json])).not.toContain('Dialog bara för inloggade');
  });

  it('answers for a registered-only dialogue as for a missing one, on every route about it', async () => {
    const missing = 'y'.repeat(24);
    for (const suffix of ['', '/questions', '/sessions', '/ocds']) {
      const hidden = await get(`/dialogues/${ids.registered}${suffix}`);
      const absent = await get(`/dialogues/${missing}${suffix}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.replaceAll(ids.registered, missing)).toBe(absent.body);
    }
    expect((await get('/dialogues/%24where')).status).toBe(404);
    // No cookie is read: the dialogue's own buyer gets the anonymous answer too.
    const asBuyer = await fetch(`${server.url}${OPEN_DATA_BASE}/dialogues/${ids.registered}`, { headers: { cookie: buyer.cookie() } });
    expect(asBuyer.status).toBe(404);
  });

  it('gives a dialogue’s published questions with official answers, nobody by name, nothing unpublished', async () => {
    const dialogue = await get(`/dialogues/${ids.public}`);
    matchesDocument('/dialogues/{dialogueId}', dialogue.json);
    expect(dialogue.json).not.toHaveProperty('contact');
    const questions = await get(`/dialogues/${ids.public}/questions`);
    matchesDocument('/dialogues/{dialogueId}/questions', questions.json);
    expect(questions.json.data).toHaveLength(1);
    const [question] = questions.json.data;
    expect(question).toMatchObject({ number: 1, id: ids.answered, title: 'Hur långa är linjerna?', answered: true, question: { author: { kind: 'supplier', pseudonym: 'A' } } });
    expect(question.answers[0]).toMatchObject({ body: 'Högst 40 km.', author: { kind: 'organisation', name: 'Öppna regionen' }, versions: [{ body: 'Högst 40 km.' }] });
    const everything = JSON.stringify([dialogue.json, questions.json, (await get(`/dialogues/${ids.public}/ocds`)).json]);
    for (const secret of ['Sixten', 'Birgitta', 'Sixtens AB', 'hemliga', ids.pending, '@oppen.example']) expect(everything).not.toContain(secret);

    const sessions = await get(`/dialogues/${ids.public}/sessions`);
    matchesDocument('/dialogues/{dialogueId}/sessions', sessions.json);
    expect(sessions.json.data.map((s: any) => s.id)).toEqual([ids.sessionId]);
    expect(sessions.body).not.toContain('meet.example');

    const ocds = await get(`/dialogues/${ids.public}/ocds?language=en`);
    matchesDocument('/dialogues/{dialogueId}/ocds', ocds.json);
    expect(ocds.json.tender.enquiries).toHaveLength(1);
  });

  it('pages questions with numbers that stay the same', async () => {
    const second = await supplier.api.threads.ask.mutate({ dialogueId: ids.public, title: 'Vilka laddstandarder?', body: 'CCS?' });
    const first = await get(`/dialogues/${ids.public}/questions?limit=1`);
    const next = await get(first.json.next);
    expect([...first.json.data, ...next.json.data].map((q: any) => [q.number, q.id])).toEqual([
      [1, ids.answered],
      [2, second.threadId],
    ]);
    expect(next.json.next).toBeNull();
  });
});

describe('arenas and the library', () => {
  it('gives each arena’s figures over public dialogues and the public library only', async () => {
    const arenas = await get('/arenas');
    matchesDocument('/arenas', arenas.json);
    expect(arenas.json.data.map((a: any) => a.id)).toEqual(['healthcare', 'transport', 'energy-environment', 'ict', 'space', 'big-science']);
    const transport = await get('/arenas/transport');
    matchesDocument('/arenas/{arenaId}', transport.json);
    expect(transport.json.figures).toMatchObject({ dialogues: 3, libraryItems: 1 });
    expect((await get('/arenas/atlantis')).status).toBe(404);

    const library = await get('/library?arena=transport');
    matchesDocument('/library', library.json);
    expect(library.json.data.map((item: any) => item.title)).toEqual(['Elbussar i Skåne']);
    const item = await get(`/library/${library.json.data[0].id}`);
    matchesDocument('/library/{itemId}', item.json);
    expect(item.json.body).toBe('Så gick det till.');
  });

  it('gives the innovation metrics over public dialogues and published questions only, as documented', async () => {
    await server.settled();
    const metrics = await get('/metrics?arena=transport');
    matchesDocument('/metrics', metrics.json);
    // Three public dialogues; two published questions, one answered (the confidential one waits in
    // the inbox and the registered-only dialogue's is not counted), both from one supplier.
    expect(metrics.json.total).toMatchObject({ dialogues: 3, questionsAsked: 2, questionsAnswered: 1, suppliersEngaged: 1 });
    const dialogues = await get('/metrics/dialogues?arena=transport&limit=2');
    matchesDocument('/metrics/dialogues', dialogues.json);
    expect(dialogues.json.data.map((row: any) => row.id)).toEqual([ids.public, ids.older[1]]);
    expect(dialogues.headers.get('link')).toContain('rel="next"');
    const csv = await fetch(`${server.url}${OPEN_DATA_BASE}/metrics.csv?table=arenas`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('access-control-allow-origin')).toBe('*');
    const lines = (await csv.text()).split('\r\n');
    expect(lines.find((line) => line.startsWith('transport,'))).toMatch(/^transport,3,1,/);
    // Every download names the agency that publishes it: a last CSV column, a JSON member.
    expect(lines[0]?.endsWith(',publisher')).toBe(true);
    expect(lines.filter((line) => line.startsWith('transport,')).every((line) => line.endsWith(',Myndigheten för öppna data (org.nr 202100-5489)'))).toBe(true);
    const publisher = { name: 'Myndigheten för öppna data', organisationNumber: '202100-5489', email: 'data@myndighet.example', postalAddress: null, website: null };
    expect(metrics.json.publisher).toEqual(publisher);
    expect(dialogues.json.publisher).toEqual(publisher);
  });
});

describe('refusals', () => {
  it('refuses bad queries with 400 and the field, and never fails', async () => {
    for (const query of ['/dialogues?limit=0', '/dialogues?limit=abc', '/dialogues?arena=moon', '/dialogues?archived=yes', '/dialogues?sort=title', '/dialogues?cursor=not!base64', `/dialogues?cursor=${Buffer.from('{"createdAt":{"$gt":""}}').toString('base64url')}`, '/library?kind=poster', '/metrics?from=2026-13', '/metrics?buyer=%24gt', '/metrics.csv?table=people', `/dialogues/${ids.public}?x=1`, `/dialogues/${ids.public}/questions?cursor=${Buffer.from('[]').toString('base64url')}`]) {
      const answer = await get(query);
      expect({ query, status: answer.status, appCode: answer.json.error?.data?.appCode }).toEqual({ query, status: 400, appCode: 'VALIDATION' });
    }
  });

  it('counts requests per address and answers a flood with 429 and Retry-After', async () => {
    const limited = await startTestServer({ RATE_LIMIT_SCALE: '1' });
    try {
      // 300 a minute: the 301st within the minute is refused (the window is aligned to the clock,
      // so should the minute turn mid-run the count starts again: then one more round is needed).
      let refused: Response | null = null;
      for (let n = 0; n < 602 && !refused; n += 1) {
        const response = await fetch(`${limited.url}${OPEN_DATA_BASE}/openapi.json`);
        if (response.status === 429) refused = response;
        else expect(response.status).toBe(200);
        await response.text();
      }
      expect(refused?.status).toBe(429);
      expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
