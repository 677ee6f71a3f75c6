// Search in Chromium against the built app, as a new user tries it: "/" focuses the header box,
// a Swedish word with a typo suggests the right results as you type, Enter opens the results page
// whose URL holds the search; filters show counts and narrow the results; an empty search says so
// and how to widen it; English works; a registered-only dialogue never shows to an anonymous
// reader; when the search engine is down the page says so in words. Result counts are in a polite
// live region for screen readers.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server.ts';
import { accessibilityScans } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';

const CLIENT_INDEX = path.resolve(import.meta.dirname, '../../client/dist/index.html');
const PASSWORD = 'sökning i webbläsaren';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const ids: Record<string, string> = {};
const { expectAccessible } = accessibilityScans();

beforeAll(async () => {
  if (!existsSync(CLIENT_INDEX)) throw new Error('The client is not built: run `pnpm build` first (`pnpm test` does).');
  server = await startTestServer();
  const buyer = server.visitor();
  const supplier = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@kommun.example', password: PASSWORD, representation: 'buyer', organisationName: 'Snöstad kommun' });
  await supplier.registerVerified({ name: 'Sam Säljare', email: 'sam@plog.example', password: PASSWORD, representation: 'supplier', organisationName: 'Plogarna AB' });
  const create = async (title: string, visibility: 'public' | 'registered') =>
    (
      await buyer.api.dialogues.create.mutate({
        title,
        description: 'Vi vill förstå marknaden för vinterväghållning.',
        arenaId: 'transport',
        phase: 'market-dialogue',
        questionDeadline: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
        visibility,
      })
    ).dialogueId;
  ids.open = await create('Snöröjning av gång- och cykelvägar', 'public');
  ids.members = await create('Snöröjning för medlemmar', 'registered');
  ids.thread = (await supplier.api.threads.ask.mutate({ dialogueId: ids.open, title: 'Hur ofta ska det plogas?', body: 'Gäller snöröjning även helger?' })).threadId;
  await buyer.api.threads.answer.mutate({ threadId: ids.thread, body: 'Ja, snöröjning sker alla dagar.' });
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

describe('search in the browser', () => {
  it('focuses the header box with "/", suggests as you type despite a typo, and opens the results page', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Sök i Dialogforum' });
    await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('snörojnig');
    const suggestions = page.getByRole('listbox', { name: 'Förslag' });
    await suggestions.getByRole('option').first().waitFor();
    const options = await suggestions.getByRole('option').allTextContents();
    expect(options.some((text) => text.includes('Snöröjning av gång- och cykelvägar'))).toBe(true);
    expect(options.join(' ')).not.toContain('medlemmar');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=sn%C3%B6rojnig/);
    const status = page.getByRole('status').filter({ hasText: 'träff' });
    await expect.poll(() => status.textContent()).toMatch(/^\d+ träffar? för ”snörojnig”$/);
    await expectAccessible(page, 'search results with filters');
  });

  it('narrows the results with a filter whose count it shows, and keeps it in the URL', async () => {
    const dialogues = page.getByRole('group', { name: 'Typ' }).getByRole('checkbox', { name: /^Dialog \(\d+\)$/ });
    await dialogues.check();
    await page.waitForURL(/kind=dialogue/);
    const results = page.getByRole('list', { name: 'Sökresultat' });
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    expect(await results.getByRole('link').first().textContent()).toBe('Snöröjning av gång- och cykelvägar');
    // The question's result shows its answer and that it is answered.
    await page.goto(`${server.url}/search?q=${encodeURIComponent('helger')}`);
    const hit = page.getByRole('list', { name: 'Sökresultat' }).getByRole('article').first();
    await expect.poll(() => hit.textContent()).toContain('Officiellt svar:');
    expect(await hit.textContent()).toContain('Besvarad');
    expect(await hit.locator('mark').allTextContents()).toContain('helger');
  });

  it('says when nothing is found, and how to find more', async () => {
    await page.goto(`${server.url}/search?q=${encodeURIComponent('qwxzvprt')}`);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Inga träffar' }).count()).toBe(1);
    await page.getByText('Stavfel och ord utan å, ä och ö hittas också.').waitFor();
  });

  it('works in English', async () => {
    await page.goto(`${server.url}/search?q=${encodeURIComponent('snöröjning')}`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'result' }).textContent()).toMatch(/^\d+ results? for “snöröjning”$/);
    await page.getByRole('combobox', { name: 'Search Dialogforum' }).waitFor();
    await page.getByRole('button', { name: 'Svenska' }).click();
  });

  it('says so in words when the search engine is down', async () => {
    await server.app.services.search.close();
    await page.goto(`${server.url}/search?q=${encodeURIComponent('plogas')}`);
    await page.getByText('Sökningen fungerar inte just nu.', { exact: false }).waitFor();
  });
});
