// Search finds more than dialogues, in Chromium against the built app: from the global search box a
// person finds a library item (with its arenas, audiences and language) and a session's minutes
// (with their dialogue), narrows to one kind by its facet, and each result leads to its own page —
// the library item's, and the minutes in the session's live room.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { accessibilityScans } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';

const CLIENT_INDEX = path.resolve(import.meta.dirname, '../../client/dist/index.html');
const PASSWORD = 'sökning över allt innehåll';
const year = new Date().getUTCFullYear() + 1;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const ids = { item: '', session: '' };
const { expectAccessible } = accessibilityScans();

beforeAll(async () => {
  if (!existsSync(CLIENT_INDEX)) throw new Error('The client is not built: run `pnpm build` first (`pnpm test` does).');
  server = await startTestServer();
  const buyer = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@region.example', password: PASSWORD, representation: 'buyer', organisationName: 'Region Halkfri' });
  const moderator = await server.moderator();
  ({ itemId: ids.item } = await moderator.api.library.publish.mutate({
    kind: 'guide',
    arenaIds: ['transport', 'energy-environment'],
    audiences: ['buyers', 'suppliers'],
    language: 'sv',
    visibility: 'public',
    title: 'Vägledning om halkbekämpning',
    summary: 'Så upphandlar ni halkbekämpning med sensorer.',
    body: '## Behovet\n\nBörja med var halkan uppstår.',
  }));
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Sensorer för säkrare vägar',
    description: 'Vi vill förstå marknaden för vägsensorer.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
    visibility: 'public',
  });
  ({ sessionId: ids.session } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title: 'Informationsmöte om vägsensorer',
    agenda: '1. Behovet',
    startsAt: `${year}-05-12T10:00`,
    endsAt: `${year}-05-12T11:30`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://meet.example/sensorer',
    capacity: 50,
    questionsNeedApproval: false,
  }));
  await buyer.api.sessions.start.mutate({ sessionId: ids.session });
  await buyer.api.sessions.end.mutate({ sessionId: ids.session });
  await buyer.api.liveRoom.publishMinutes.mutate({ sessionId: ids.session, minutes: 'Vi gick igenom halkbekämpning på broar och hur sensorerna larmar.' });
  await server.settled();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('search over the library and sessions’ minutes', () => {
  it('finds a library item and a session’s minutes from the global search box, each with its context', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('halkbekämpning');
    // Suggested as you type, with where it belongs: the library item's arenas.
    const suggestion = page.getByRole('listbox', { name: 'Förslag' }).getByRole('option').filter({ hasText: 'Vägledning om halkbekämpning' });
    await expect.poll(() => suggestion.textContent()).toContain('Transport, Energi och miljö');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const results = page.getByRole('article');
    const item = results.filter({ has: page.getByRole('link', { name: 'Vägledning om halkbekämpning' }) });
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain('Bibliotek');
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toContain('Transport, Energi och miljö');
    expect(itemText).toContain('För Köpare, Leverantörer');
    expect(itemText).toContain('Svenska');
    const minutes = results.filter({ has: page.getByRole('link', { name: 'Informationsmöte om vägsensorer' }) });
    const minutesText = (await minutes.textContent()) ?? '';
    expect(minutesText).toContain('Protokoll');
    expect(minutesText).toContain('Sensorer för säkrare vägar');
    expect(minutesText).toContain('Region Halkfri');
    await expectAccessible(page, 'search results with a library item and minutes');
  });

  it('narrows to library items by the kind facet, and a library result opens the item', async () => {
    await page.getByRole('group', { name: 'Typ' }).getByRole('checkbox', { name: /^Bibliotek \(1\)$/ }).check();
    await page.waitForURL(/kind=library-item/);
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByRole('link', { name: 'Vägledning om halkbekämpning' }).click();
    await page.waitForURL(new RegExp(`/library/${ids.item}$`));
    await page.getByRole('heading', { level: 1, name: 'Vägledning om halkbekämpning' }).waitFor();
  });

  it('a minutes result opens the minutes in the session’s live room', async () => {
    await page.goto(`${server.url}/search?q=${encodeURIComponent('larmar')}`);
    await page.getByRole('link', { name: 'Informationsmöte om vägsensorer' }).click();
    await page.waitForURL(new RegExp(`/sessions/${ids.session}/live#live-minutes-heading$`));
    await page.getByRole('heading', { level: 2, name: 'Protokoll' }).waitFor();
    expect(await page.getByText('hur sensorerna larmar').count()).toBe(1);
  });
});
