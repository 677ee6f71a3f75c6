// Public consortia and open opportunities in the open data API (issue 11 §5, §7), over the real
// server as a third party would probe it: paging through every consortium with the smallest page,
// a consortium kept to the buyer never appears — not its name, not its id — nor one formed for a
// dialogue hidden from the public; withdrawn opportunities are left out; the OpenAPI document
// describes both lists and their answers carry what it requires.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_BASE, OPEN_DATA_ROUTES } from '../../src/modules/open-data/routes.ts';
import { signUpPeople } from '../support/people.ts';
import { startTestServer, type TestServer, type Visitor } from '../support/test-server.ts';

let server: TestServer;
/** Signs up one of this file's people (their addresses at open-consortia.example). */
const person = (...args: Parameters<ReturnType<typeof signUpPeople>>) => signUpPeople(server, 'open-consortia.example', PASSWORD)(...args);
const PASSWORD = 'öppna konsortier för alla';
const ids = { open: '', withdrawn: '', ofHidden: '', public: [] as string[], hidden: '', onHidden: '' };
const HIDDEN_NAME = 'Hemliga kryokonsortiet';

/** Every entry of a list, following `next` from the first page of `limit`, and every raw body read. */
async function everyPage(path: string, limit: number): Promise<{ entries: { id: string; name?: string; title?: string }[]; bodies: string; pages: number }> {
  let url: string | null = `${server.url}${OPEN_DATA_BASE}${path}${path.includes('?') ? '&' : '?'}limit=${limit}`;
  const entries: { id: string }[] = [];
  let bodies = '';
  let pages = 0;
  while (url) {
    const response: Response = await fetch(url);
    expect(response.status).toBe(200);
    const body = await response.text();
    bodies += body;
    const json = JSON.parse(body) as { data: { id: string }[]; next: string | null };
    entries.push(...json.data);
    url = json.next;
    pages += 1;
    if (pages > 50) throw new Error('paging does not end');
  }
  return { entries, bodies, pages };
}

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_SCALE: '10' });
  const moderator = await server.moderator();
  const anna = await person('Anna', 'buyer', 'Forskningsanläggningen AB');
  const organisationId = (await anna.api.accounts.me.query())?.organisation?.id ?? '';
  await moderator.api.organisations.verify.mutate({ organisationId });
  const [sune, rita] = await Promise.all([person('Sune', 'supplier', 'Magnetbolaget AB'), person('Rita', 'supplier', 'Ritas kryoteknik AB')]);
  const publish = async (title: string) => (await anna.api.consortia.publishOpportunity.mutate({ title, facility: 'ESS', description: 'Upphandling för strållinjen.' })).opportunityId;
  ids.open = await publish('Magneter');
  ids.withdrawn = await publish('Vakuumpumpar');
  for (const name of ['Magnetkonsortiet 1', 'Magnetkonsortiet 2', 'Magnetkonsortiet 3']) {
    ids.public.push((await sune.api.consortia.form.mutate({ opportunityId: ids.open, name, visibility: 'public', invite: [] })).consortiumId);
  }
  ids.hidden = (await rita.api.consortia.form.mutate({ opportunityId: ids.open, name: HIDDEN_NAME, visibility: 'buyer', invite: [] })).consortiumId;
  ids.public.push((await rita.api.consortia.form.mutate({ opportunityId: ids.withdrawn, name: 'Vakuumkonsortiet', visibility: 'public', invite: [] })).consortiumId);
  await anna.api.consortia.withdrawOpportunity.mutate({ opportunityId: ids.withdrawn, reason: 'Anslaget drogs in.' });
  // A public consortium for a dialogue only registered users see: its opportunity is hidden from the public, so is it.
  const { dialogueId } = await anna.api.dialogues.create.mutate({
    title: 'Dialog om detektorer',
    description: 'Bara för inloggade.',
    arenaId: 'big-science',
    phase: 'market-dialogue',
    questionDeadline: new Date(server.clock.now().getTime() + 30 * 86_400_000).toISOString(),
    visibility: 'registered',
  });
  ({ opportunityId: ids.ofHidden } = await sune.api.consortia.openForDialogue.mutate({ dialogueId }));
  ids.onHidden = (await sune.api.consortia.form.mutate({ opportunityId: ids.ofHidden, name: 'Detektorkonsortiet', visibility: 'public', invite: [] })).consortiumId;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('public consortia in the open data API', () => {
  it('lists every public consortium across pages, and never one kept to the buyer or one for a hidden dialogue', async () => {
    for (const limit of [1, 2, 50]) {
      const { entries, bodies, pages } = await everyPage(OPEN_DATA_ROUTES.consortia, limit);
      expect(entries.map((entry) => entry.id).sort()).toEqual([...ids.public].sort());
      for (const secret of [ids.hidden, HIDDEN_NAME, ids.onHidden, 'Detektorkonsortiet', 'Dialog om detektorer']) expect(bodies).not.toContain(secret);
      // Every page is full but the last: a hidden one is read past, not shown as a gap.
      expect(pages).toBe(Math.ceil(ids.public.length / limit));
    }
    const { entries } = await everyPage(`${OPEN_DATA_ROUTES.consortia}?arena=transport`, 10);
    expect(entries).toEqual([]);
  });

  it('lists open opportunities only: not withdrawn ones, not a hidden dialogue’s', async () => {
    const { entries, bodies } = await everyPage(OPEN_DATA_ROUTES.opportunities, 1);
    expect(entries.map((entry) => entry.id)).toEqual([ids.open]);
    expect(bodies).not.toContain(ids.ofHidden);
    expect(bodies).not.toContain(ids.withdrawn);
  });

  it('describes both lists in its OpenAPI document, and their answers carry what it requires', async () => {
    const document = (await (await fetch(`${server.url}${OPEN_DATA_BASE}${OPEN_DATA_ROUTES.openapi}`)).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { required: string[] }> };
    };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/consortia', '/opportunities']));
    const consortium = (await (await fetch(`${server.url}${OPEN_DATA_BASE}/consortia?limit=1`)).json()) as { data: Record<string, unknown>[] };
    for (const key of document.components.schemas.Consortium?.required ?? ['missing']) expect(consortium.data[0]).toHaveProperty(key);
    const opportunity = (await (await fetch(`${server.url}${OPEN_DATA_BASE}/opportunities`)).json()) as { data: Record<string, unknown>[] };
    for (const key of document.components.schemas.Opportunity?.required ?? ['missing']) expect(opportunity.data[0]).toHaveProperty(key);
  });

  it('refuses an unknown parameter or a forged cursor with 400', async () => {
    expect((await fetch(`${server.url}${OPEN_DATA_BASE}/consortia?visibility=buyer`)).status).toBe(400);
    expect((await fetch(`${server.url}${OPEN_DATA_BASE}/consortia?cursor=eyJhdCI6eyIkZ3QiOiIifX0`)).status).toBe(400);
  });
});
