// The innovation statistics in Chromium against the built app. A buyer's dialogue is lived through
// the API (two suppliers ask three questions, the buyer answers two of them); the test works the
// figures out from what it did and finds them on /statistics: in the key figures, after choosing
// the arena in the selection, in the table behind the chart reached by keyboard alone, and in the
// CSV the page links to. The page is scanned with axe with a table open, in Swedish and English.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson } from './support/api-person.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, signUpModerator } from './support/moderator.ts';

let app: BuiltApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const { expectAccessible } = accessibilityScans();
const PASSWORD = 'statistik ur händelseloggen';

/** What the test did, and so what the page must show. */
const done = { questionsAsked: 0, questionsAnswered: 0, suppliers: new Set<string>() };

/** This month in Swedish time, as the statistics count it ("2026-11"). */
function swedishMonth(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).formatToParts(date);
  return `${parts.find((part) => part.type === 'year')!.value}-${parts.find((part) => part.type === 'month')!.value}`;
}

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  const moderator = await signUpModerator(app);
  const buyer = await signedUpPerson(app, { name: 'Stina Statistiker', email: 'stina@kommun.example', password: PASSWORD, representation: 'buyer' });
  await buyer.api.organisations.create.mutate({ name: 'Statistikkommunen', kind: 'buyer' });
  await moderator.verifyOrganisation('Statistikkommunen');
  const { dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Solceller på skolornas tak',
    description: 'Vi söker solceller som tål snölast.',
    arenaId: 'energy-environment',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    visibility: 'public',
  });
  for (const [name, questions] of [['Sol AB', 2], ['Panel AB', 1]] as const) {
    const supplier = await signedUpPerson(app, { name: `Säljare på ${name}`, email: `kontakt@${name.split(' ')[0]!.toLowerCase()}.example`, password: PASSWORD, representation: 'supplier' });
    await supplier.api.organisations.create.mutate({ name, kind: 'supplier' });
    for (let n = 0; n < questions; n++) {
      const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: `Fråga ${n + 1} från ${name}`, body: 'Hur stor snölast gäller?', confidential: false });
      done.questionsAsked++;
      done.suppliers.add(name);
      if (n === 0) {
        await buyer.api.threads.answer.mutate({ threadId, body: 'Snözon 3.' });
        done.questionsAnswered++;
      }
    }
  }
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(8000);
  page = await context.newPage();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const figure = (name: string) => page.locator('.metrics-figures > div').filter({ has: page.getByText(name, { exact: true }) }).locator('dd');

describe('innovation statistics', () => {
  it('shows the figures the test worked out, for the arena chosen in the selection', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Statistik' }).click();
    await page.getByRole('heading', { level: 1, name: 'Innovationsstatistik' }).waitFor();
    // The metrics processor folds events just after they are committed: the page may be a moment early.
    await expect.poll(async () => (await page.reload(), await figure('Frågor ställda').textContent()), { timeout: 10_000 }).toBe(String(done.questionsAsked));
    expect(await figure('Frågor besvarade officiellt').textContent()).toBe(String(done.questionsAnswered));
    expect(await figure('Leverantörer som deltagit').textContent()).toBe(String(done.suppliers.size));

    const selection = page.getByRole('form', { name: 'Urval' });
    await selection.getByLabel('Arena').selectOption({ label: 'Energi och miljö' });
    await selection.getByRole('button', { name: 'Visa' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('arenaId')).toBe('energy-environment');
    await expect.poll(() => figure('Frågor ställda').textContent()).toBe(String(done.questionsAsked));
    await selection.getByLabel('Arena').selectOption({ label: 'Transport' });
    await selection.getByRole('button', { name: 'Visa' }).click();
    await page.getByText('Inget att räkna i det här urvalet ännu.').waitFor();

    // A month written wrongly is named at its field, which takes focus.
    await selection.getByLabel('Från månad').fill('2026-13');
    await selection.getByRole('button', { name: 'Visa' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('metrics-filter-from');
    await selection.getByRole('button', { name: 'Rensa urvalet' }).click();
    await expect.poll(() => figure('Frågor ställda').textContent()).toBe(String(done.questionsAsked));
  });

  it('reaches the table behind a chart by keyboard alone, and the CSV holds the same figure', async () => {
    await page.getByRole('heading', { level: 1, name: 'Innovationsstatistik' }).focus();
    const disclosure = page.getByRole('figure', { name: 'Frågor per månad' }).getByText('Visa siffrorna som tabell');
    let presses = 0;
    while (!(await disclosure.evaluate((element) => element === document.activeElement)) && presses < 80) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(presses).toBeLessThan(80);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const region = page.getByRole('region', { name: 'Tabell: Frågor per månad' });
    expect(await region.evaluate((element) => element === document.activeElement)).toBe(true);
    const row = region.getByRole('row', { name: new RegExp(swedishMonth(new Date())) });
    expect(await row.getByRole('cell').allTextContents()).toEqual([String(done.questionsAsked), String(done.questionsAnswered), String(done.questionsAnswered)]);
    await expectAccessible(page, 'statistics, a chart’s table open');

    const href = await page.getByRole('link', { name: 'Per månad (CSV)' }).getAttribute('href');
    const csv = await (await fetch(new URL(href!, app.url))).text();
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const column = header!.split(',').indexOf('questionsAsked');
    const thisMonth = rows.find((line) => line.startsWith(swedishMonth(new Date())));
    expect(thisMonth?.split(',')[column]).toBe(String(done.questionsAsked));
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Innovation statistics' }).waitFor();
    expect(await figure('Questions asked').textContent()).toBe(String(done.questionsAsked));
    await expectAccessible(page, 'statistics in English');
  });
});
