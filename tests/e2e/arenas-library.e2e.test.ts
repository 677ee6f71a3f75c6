// Arenas and their library in Chromium against the built app. The moderator goes from the dialogue
// list to the Space arena, publishes a guide to its library through the form (an empty form first:
// the refusal names the fields and focus goes to the first), and lands on the item. A supplier finds
// it on the arena page through the library's filters, opens it, and follows the arena by keyboard;
// the next item the moderator publishes reaches the supplier's notifications. The moderator attaches
// a file to the guide by keyboard (a program renamed .pdf refused first, with a message that says
// why); the supplier's open page shows it without a reload, and the supplier downloads it byte for byte. Every new view is scanned with axe, and the
// arena page is read in English too.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { pdf } from './support/hand-made-pdf.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator } from './support/moderator.ts';
import { confirmEmailThroughMail, createOrganisationAfterConfirming, registerThroughForm } from './support/newcomer.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let moderator: Page;
let supplier: Page;
let itemUrl = '';
const { expectAccessible } = accessibilityScans();

const SUPPLIER = { name: 'Stina Satellit', email: 'stina@satellit.example', organisation: 'Satellit AB', buyer: false };
const GUIDE = 'Så upphandlar ni rymddata';
const SECOND = 'Fallstudie: markövervakning från rymden';
const TEMPLATE = pdf('Mall for rymddata');
/** A Windows program: "MZ", a PE header, and nothing a PDF reader would open. */
const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(1024)]);

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  await signUpModerator(app);
  contexts = await Promise.all([0, 1].map(() => browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' })));
  for (const context of contexts) context.setDefaultTimeout(8000);
  [moderator, supplier] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** From the dialogue list to an arena's page, as someone who only knows the list would go. */
async function toArenaFromList(page: Page, arena: string) {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Arena', { exact: true }).selectOption({ label: arena });
  await page.getByRole('link', { name: `Till arenan ${arena}` }).click();
  await page.getByRole('heading', { level: 1, name: arena }).waitFor();
}

async function publish(page: Page, title: string, kind: string, body: string) {
  await page.getByRole('link', { name: 'Publicera i biblioteket' }).click();
  await page.getByRole('heading', { level: 1, name: 'Publicera i biblioteket' }).waitFor();
  const form = page.getByRole('form', { name: 'Publicera i biblioteket' });
  await form.getByLabel('Rubrik').fill(title);
  await form.getByLabel('Typ').selectOption({ label: kind });
  await form.getByRole('checkbox', { name: 'Leverantörer' }).check();
  await form.getByLabel('Sammanfattning').fill('För kommuner som köper satellitdata.');
  await form.getByLabel('Innehåll').fill(body);
  await form.getByRole('button', { name: 'Publicera' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe('arenas and their library', () => {
  it('lets the moderator publish a guide to an arena’s library from the arena page', async () => {
    await moderator.goto(`${app.url}/login`);
    await moderator.getByLabel('E-post').fill(MODERATOR_EMAIL);
    await moderator.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
    await moderator.getByRole('button', { name: 'Logga in' }).click();
    await moderator.getByRole('button', { name: 'Logga ut' }).waitFor();

    await toArenaFromList(moderator, 'Rymd');
    await moderator.getByText('Biblioteket är tomt på den här arenan än.').waitFor();
    await moderator.getByText('Inga pågående dialoger på arenan just nu.').waitFor();
    await expectAccessible(moderator, 'arena page, empty');

    // An empty form is refused in the browser: the issues are named and the first field has focus.
    await moderator.getByRole('link', { name: 'Publicera i biblioteket' }).click();
    const form = moderator.getByRole('form', { name: 'Publicera i biblioteket' });
    await expect.poll(() => form.getByRole('checkbox', { name: 'Rymd' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Publicera' }).click();
    await expect.poll(() => moderator.evaluate(() => document.activeElement?.id)).toBe('library-item-title');
    expect(await form.getByLabel('Rubrik').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(moderator, 'library form with errors');
    await moderator.goBack();

    await publish(moderator, GUIDE, 'Vägledning', '## Steg\n\n1. Beskriv **behovet**.\n2. Fråga marknaden.');
    itemUrl = moderator.url();
    await moderator.getByText('Dialogforums moderatorer').waitFor();
    await moderator.getByRole('heading', { level: 4, name: 'Steg' }).waitFor();
    await moderator.getByRole('region', { name: 'Versioner' }).getByText('första versionen').waitFor();
    await expectAccessible(moderator, 'library item');
  }, 90_000);

  it('lets a supplier find it on the arena page, filter for it and follow the arena by keyboard', async () => {
    await registerThroughForm(supplier, app, SUPPLIER);
    await confirmEmailThroughMail(supplier, app, SUPPLIER.email);
    await createOrganisationAfterConfirming(supplier, SUPPLIER);
    await toArenaFromList(supplier, 'Rymd');
    const library = supplier.getByRole('region', { name: 'Bibliotek' });
    await library.getByRole('link', { name: GUIDE }).waitFor();
    // A supplier cannot publish: the page does not offer it.
    expect(await supplier.getByRole('link', { name: 'Publicera i biblioteket' }).count()).toBe(0);

    // Filters: a kind with nothing in it says so; the guide's kind and audience find it.
    await supplier.locator('#library-kind').selectOption({ label: 'Mall' });
    await library.getByText('Inget material matchar filtren.').waitFor();
    await supplier.locator('#library-kind').selectOption({ label: 'Vägledning' });
    await supplier.locator('#library-audience').selectOption({ label: 'Leverantörer' });
    await library.getByRole('link', { name: GUIDE }).waitFor();
    expect(supplier.url()).toContain('kind=guide');
    await expectAccessible(supplier, 'arena page with library');

    // Following by keyboard: focus the button, press Enter; it says what happened and keeps focus.
    const follow = supplier.getByRole('button', { name: 'Följ arenan' });
    await follow.focus();
    await supplier.keyboard.press('Enter');
    await supplier.getByText('Du följer arenan och får en notis om nya dialoger och nytt i biblioteket.').waitFor();
    await supplier.getByRole('button', { name: 'Sluta följa arenan' }).waitFor();
    expect(await supplier.evaluate(() => document.activeElement?.textContent)).toContain('Sluta följa arenan');

    await library.getByRole('link', { name: GUIDE }).click();
    await supplier.getByRole('heading', { level: 1, name: GUIDE }).waitFor();
    expect(supplier.url()).toBe(itemUrl);
    expect(await supplier.getByRole('region', { name: 'Hantera materialet' }).count()).toBe(0);
  }, 90_000);

  it('lets the moderator attach a file to the guide by keyboard, after a refused program, and the supplier see it live and download it', async () => {
    await moderator.goto(itemUrl);
    const files = moderator.getByRole('region', { name: 'Filer' });
    await files.getByText('Inga filer än.', { exact: false }).waitFor();
    await supplier.getByRole('region', { name: 'Filer' }).getByText('Inga filer.').waitFor();
    expect(await supplier.getByRole('button', { name: /^Bifoga fil/ }).count()).toBe(0);
    await expectAccessible(moderator, 'library item without files');

    const toggle = files.getByRole('button', { name: /^Bifoga fil/ });
    await toggle.focus();
    await moderator.keyboard.press('Enter');
    const field = files.getByLabel('Fil att bifoga');
    await field.setInputFiles({ name: 'mall.pdf', mimeType: 'application/pdf', buffer: PROGRAM });
    await field.focus();
    await moderator.keyboard.press('Tab');
    await expect.poll(() => moderator.evaluate(() => document.activeElement?.textContent)).toBe('Ladda upp');
    await moderator.keyboard.press('Enter');
    await files.getByRole('alert').getByText(/Filen tas inte emot\./).waitFor();
    await expect.poll(() => moderator.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('file');
    await expectAccessible(moderator, 'library file refused');

    await field.setInputFiles({ name: 'Mall för rymddata.pdf', mimeType: 'application/pdf', buffer: TEMPLATE });
    await files.getByRole('button', { name: 'Ladda upp' }).press('Enter');
    await files.getByRole('link', { name: 'Mall för rymddata.pdf' }).waitFor();
    await files.getByText(/bifogad .*version 1/).waitFor();
    await expect.poll(() => moderator.getByTestId('live-announcer').textContent()).toContain('Filen Mall för rymddata.pdf är bifogad.');
    await expectAccessible(moderator, 'library item with a file');

    // The supplier's page, open since before the upload, shows the file without a reload (its live room).
    const link = supplier.getByRole('region', { name: 'Filer' }).getByRole('link', { name: 'Mall för rymddata.pdf' });
    await link.waitFor();
    const [download] = (await Promise.all([supplier.waitForEvent('download'), link.click()])) as [Download, void];
    expect(download.suggestedFilename()).toBe('Mall för rymddata.pdf');
    expect((await readFile(await download.path())).equals(TEMPLATE)).toBe(true);
  }, 90_000);

  it('tells the follower of the next item published to the arena', async () => {
    await moderator.goto(`${app.url}/arenas/space`);
    await publish(moderator, SECOND, 'Fallstudie', 'Kommunen följde markrörelser med radarsatellit.');
    await expect
      .poll(
        async () => {
          await supplier.goto(`${app.url}/notifications`);
          await supplier.getByRole('heading', { level: 1 }).waitFor();
          return supplier.getByText(SECOND).count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await supplier.getByText('Nytt i biblioteket på en arena du följer').first().waitFor();
  }, 60_000);

  it('reads the arena page in English', async () => {
    await supplier.goto(`${app.url}/arenas/space`);
    await supplier.getByRole('button', { name: 'English' }).click();
    await supplier.getByRole('heading', { level: 1, name: 'Space' }).waitFor();
    await supplier.getByRole('heading', { level: 2, name: 'Library' }).waitFor();
    await supplier.getByRole('heading', { level: 2, name: 'The arena in figures' }).waitFor();
    await expectAccessible(supplier, 'arena page in English');
  }, 30_000);
});
