// The live Q&A slice in Chromium against the built app: a buyer and a supplier in two browser
// contexts each see the other's post appear without reloading; a third visitor sees only the
// pseudonym; the question is found by search; every page passes an axe-core scan.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, seriousOrCritical } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';

let app: BuiltApp;
let browser: Browser;
let buyerContext: BrowserContext;
let supplierContext: BrowserContext;
let buyer: Page;
let supplier: Page;
let dialogueUrl: string;
const pagesScanned: string[] = [];

async function register(page: Page, who: { name: string; email: string; organisation: string; buyer: boolean }) {
  await page.goto(`${app.url}/register`);
  await page.getByLabel('Ditt namn').fill(who.name);
  await page.getByLabel('E-post').fill(who.email);
  await page.getByLabel('Lösenord').fill('ett långt och säkert lösenord');
  await page.getByLabel(who.buyer ? 'En upphandlande organisation (beställare)' : 'En leverantör').check();
  await page.getByLabel('Organisationens namn').fill(who.organisation);
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
}

async function expectAccessible(page: Page, name: string) {
  const serious = seriousOrCritical(await axeViolations(page));
  expect(serious, `${name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
  pagesScanned.push(name);
}

beforeAll(async () => {
  app = await startBuiltApp();
  browser = await launchChromium();
  buyerContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  supplierContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 375, height: 740 } });
  for (const context of [buyerContext, supplierContext]) context.setDefaultTimeout(8000);
  buyer = await buyerContext.newPage();
  supplier = await supplierContext.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('live Q&A in two browsers', () => {
  it('lets a buyer register and publish a dialogue', async () => {
    await buyer.goto(app.url);
    await expect.poll(() => buyer.getByRole('heading', { level: 1 }).textContent()).toBe('Dialoger');
    await expectAccessible(buyer, 'dialogue list (empty)');

    await register(buyer, { name: 'Berit Beställare', email: 'berit@region.example', organisation: 'Region Exempel', buyer: true });
    await buyer.getByRole('link', { name: 'Skapa dialog' }).first().click();
    await buyer.getByRole('heading', { level: 1, name: 'Skapa dialog' }).waitFor();
    await expectAccessible(buyer, 'create dialogue');
    await buyer.getByLabel('Titel').fill('Digitala vårdplatser i hemmet');
    await buyer.getByLabel('Beskrivning').fill('## Behov\nVi söker **lösningar** för vård i hemmet.\n\n<img src=x onerror="window.__xss=1">');
    await buyer.getByLabel('Arena').selectOption({ label: 'Hälsa och vård' });
    await buyer.getByLabel('Fas').selectOption({ label: 'Marknadsdialog' });
    await buyer.getByLabel('Sista dag för frågor').fill('2030-12-01T17:00');
    await buyer.getByRole('button', { name: 'Skapa dialog' }).click();
    await buyer.getByRole('heading', { level: 1, name: 'Digitala vårdplatser i hemmet' }).waitFor();
    dialogueUrl = buyer.url();
    expect(dialogueUrl).toMatch(/\/dialogues\/[0-9a-f]{24}$/);
    await expect.poll(() => buyer.locator('main strong', { hasText: 'lösningar' }).count()).toBe(1);
    expect(await buyer.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expectAccessible(buyer, 'dialogue (buyer)');
  });

  it('shows the supplier’s question live to the buyer, by name, and the answer live to the supplier', async () => {
    await register(supplier, { name: 'Alice Leverantör', email: 'alice@startup.example', organisation: 'Startup AB', buyer: false });
    await supplier.goto(dialogueUrl);
    await supplier.getByRole('heading', { level: 1, name: 'Digitala vårdplatser i hemmet' }).waitFor();
    await expect.poll(() => buyer.getByText(/^Live –/).count()).toBe(1);
    await expect.poll(() => supplier.getByText(/^Live –/).count()).toBe(1);

    await supplier.getByLabel('Rubrik').fill('Vilka journalsystem ska integreras?');
    await supplier.getByLabel('Din fråga').fill('Behöver lösningen integreras med befintliga journalsystem?');
    await supplier.getByRole('button', { name: 'Skicka fråga' }).click();

    // The buyer's page was not reloaded: the question arrives over socket.io.
    const question = buyer.getByRole('article', { name: 'Vilka journalsystem ska integreras?' });
    await question.waitFor();
    await expect.poll(() => question.textContent()).toContain('Alice Leverantör');
    await expect.poll(() => buyer.getByTestId('live-announcer').textContent()).toContain('Ny fråga: Vilka journalsystem ska integreras?');

    await question.getByRole('button', { name: 'Svara officiellt' }).click();
    await question.getByLabel('Ditt officiella svar').fill('Ja, med Cosmic och Millennium.');
    await question.getByRole('button', { name: 'Publicera officiellt svar' }).click();

    const supplierQuestion = supplier.getByRole('article', { name: 'Vilka journalsystem ska integreras?' });
    await expect.poll(() => supplierQuestion.textContent(), { timeout: 5000 }).toContain('Ja, med Cosmic och Millennium.');
    await expect.poll(() => supplierQuestion.textContent()).toContain('Officiellt svar');
    await expectAccessible(supplier, 'dialogue with question and answer (supplier, 375 px)');
  });

  it('shows another visitor the asker only as Leverantör A', async () => {
    const visitorContext = await browser.newContext({ locale: 'sv-SE' });
    visitorContext.setDefaultTimeout(8000);
    try {
      const visitor = await visitorContext.newPage();
      await visitor.goto(dialogueUrl);
      const question = visitor.getByRole('article', { name: 'Vilka journalsystem ska integreras?' });
      await question.waitFor();
      const text = await question.textContent();
      expect(text).toContain('Leverantör A');
      expect(text).not.toContain('Alice');
      expect(text).not.toContain('Startup AB');
      await expectAccessible(visitor, 'dialogue (anonymous)');

      await visitor.getByRole('link', { name: 'Sök' }).click();
      await visitor.getByLabel('Sökord').fill('journalsystem');
      await visitor.getByRole('button', { name: 'Sök' }).click();
      const results = visitor.getByRole('list', { name: 'Sökresultat' });
      await expect.poll(() => results.textContent()).toContain('Vilka journalsystem ska integreras?');
      await expectAccessible(visitor, 'search results');

      await visitor.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => visitor.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(() => visitor.getByRole('link', { name: 'Search' }).count()).toBe(1);
    } finally {
      await visitorContext.close();
    }
  });

  it('can be used with the keyboard alone, with a skip link to the content', async () => {
    const keyboardContext = await browser.newContext({ locale: 'sv-SE' });
    keyboardContext.setDefaultTimeout(8000);
    try {
      const page = await keyboardContext.newPage();
      await page.goto(app.url);
      await page.getByRole('link', { name: 'Digitala vårdplatser i hemmet' }).waitFor();
      await page.bringToFront();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Hoppa till huvudinnehållet');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
      // Tab onward until the dialogue link has focus, then open it with Enter.
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Digitala vårdplatser i hemmet') break;
      }
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Digitala vårdplatser i hemmet' }).waitFor();
      expect(page.url()).toBe(dialogueUrl);
    } finally {
      await keyboardContext.close();
    }
  });

  it('scanned every page it visited', () => {
    expect(pagesScanned).toEqual([
      'dialogue list (empty)',
      'create dialogue',
      'dialogue (buyer)',
      'dialogue with question and answer (supplier, 375 px)',
      'dialogue (anonymous)',
      'search results',
    ]);
  });
});
