// Attachments in Chromium against the built app: a buyer attaches a PDF to the dialogue (by
// keyboard) and a PDF to an official answer as it is published; a supplier watching sees the answer
// arrive live with its file and downloads both files, byte for byte; a program renamed .pdf is
// refused with a message that says why. In English, a file over the limit is refused before it is
// sent, a file is added to the published answer later (shown so to the supplier, live) and the
// dialogue's file is removed with a reason the supplier sees. Every new view is scanned with axe-core.
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, signUpModerator, type Moderator } from './support/moderator.ts';
import { signUpWithOrganisation, type Newcomer } from './support/newcomer.ts';
import { publishDialogueThroughForm } from './support/dialogue-form.ts';
import { pdf } from './support/hand-made-pdf.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let buyer: Page;
let supplier: Page;
let moderator: Moderator;
let dialogueUrl: string;
const { scanned, expectAccessible } = accessibilityScans();

const BUYER = { name: 'Berit Beställare', email: 'berit@regionbilagor.example', organisation: 'Region Bilagor', buyer: true };
const SUPPLIER = { name: 'Sam Säljare', email: 'sam@sensorbolaget.example', organisation: 'Sensorbolaget AB', buyer: false };
const DIALOGUE = 'Ritningar för vinterdepån';

const TENDER_DOCUMENTS = pdf('Forfragningsunderlag vinterdepa');
const DRAWINGS = pdf('Ritningar over depan');
const SNOW_STORAGE = pdf('Snoupplag vid depan');
/** The app runs with a small limit, so a file over it is quick to make. */
const MAX_BYTES = 65_536;
const TOO_LARGE = Buffer.concat([pdf('Stor ritning'), Buffer.alloc(MAX_BYTES)]);
/** A Windows program: "MZ", a PE header, and nothing a PDF reader would open. */
const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(1024)]);

async function downloaded(page: Page, link: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), link.click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

const article = (within: Page | Locator, title: string) => within.getByRole('article', { name: title });

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
  const options = { locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true };
  contexts = await Promise.all([browser.newContext(options), browser.newContext(options)]);
  for (const context of contexts) context.setDefaultTimeout(8000);
  [buyer, supplier] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('attachments', () => {
  it('lets the buyer attach a PDF to the dialogue by keyboard, and refuses a program renamed .pdf with a clear message', async () => {
    await signUpWithOrganisation(buyer, app, BUYER);
    await moderator.verifyOrganisation(BUYER.organisation);
    dialogueUrl = await publishDialogueThroughForm(buyer, app.url, { title: DIALOGUE, description: 'Vi söker förslag på snöröjning vid depån.', arena: 'Transport', phase: 'Marknadsdialog', questionDeadline: '2030-12-01T17:00' });

    const files = buyer.getByRole('region', { name: 'Bilagor' });
    await files.getByText('Inga bilagor ännu.').waitFor();
    await expectAccessible(buyer, 'dialogue without attachments (buyer)');

    // The refused program first: the message says what is accepted, and focus is on the file field.
    const toggle = files.getByRole('button', { name: /^Bifoga fil/ });
    await toggle.focus();
    await buyer.keyboard.press('Enter');
    const field = files.getByLabel('Fil att bifoga');
    await field.setInputFiles({ name: 'faktura.pdf', mimeType: 'application/pdf', buffer: PROGRAM });
    await field.focus();
    await buyer.keyboard.press('Tab');
    await expect.poll(() => buyer.evaluate(() => document.activeElement?.textContent)).toBe('Ladda upp');
    await buyer.keyboard.press('Enter');
    await files.getByRole('alert').getByText(/Filen tas inte emot\. Bifoga PDF eller ett Word-, Excel-, PowerPoint- eller OpenDocument-dokument/).waitFor();
    await expect.poll(() => buyer.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('file');
    await expectAccessible(buyer, 'refused upload (buyer)');

    await field.setInputFiles({ name: 'Förfrågningsunderlag.pdf', mimeType: 'application/pdf', buffer: TENDER_DOCUMENTS });
    await files.getByRole('button', { name: 'Ladda upp' }).press('Enter');
    await files.getByRole('link', { name: 'Förfrågningsunderlag.pdf' }).waitFor();
    await files.getByText(/tillagd av Region Bilagor/).waitFor();
    await expect.poll(() => buyer.getByTestId('live-announcer').textContent()).toContain('Filen Förfrågningsunderlag.pdf är bifogad.');
    await expectAccessible(buyer, 'dialogue with an attachment (buyer)');
    // Registration, confirmation and a moderator's verification: slow on a busy machine.
  }, 120_000);

  it('publishes a file with an official answer; a supplier watching sees it live and downloads both files, byte for byte', async () => {
    await signUpWithOrganisation(supplier, app, SUPPLIER);
    await supplier.goto(dialogueUrl);
    await supplier.getByRole('heading', { level: 1, name: DIALOGUE }).waitFor();
    await supplier.getByText('Live – nya frågor och svar visas direkt').waitFor();
    await supplier.getByLabel('Rubrik').fill('Finns ritningar över depån?');
    await supplier.getByLabel('Din fråga').fill('Kan ni dela ritningarna så att vi kan planera snöupplaget?');
    await supplier.getByRole('button', { name: 'Skicka fråga' }).click();

    const question = article(buyer, 'Finns ritningar över depån?');
    await question.getByRole('button', { name: /^Svara officiellt/ }).click();
    await question.getByLabel('Ditt officiella svar').fill('Ja, se bifogade ritningar.');
    await question.getByLabel('Bifoga filer till svaret (valfritt)').setInputFiles({ name: 'Ritningar depå.pdf', mimeType: 'application/pdf', buffer: DRAWINGS });
    await question.getByRole('list', { name: 'Filer som publiceras med svaret' }).getByText('Ritningar depå.pdf').waitFor();
    await expectAccessible(buyer, 'answer with a file to publish (buyer)');
    await question.getByRole('button', { name: 'Publicera officiellt svar' }).click();

    // Live, without reloading: the answer and its file arrive together.
    const seen = article(supplier, 'Finns ritningar över depån?');
    await seen.getByText('Ja, se bifogade ritningar.').waitFor();
    const answerFile = seen.getByRole('list', { name: 'Bilagor till svaret' }).getByRole('link', { name: 'Ritningar depå.pdf' });
    await answerFile.waitFor();
    await expectAccessible(supplier, 'answer with a file (supplier)');

    const drawings = await downloaded(supplier, answerFile);
    expect(drawings.name).toBe('Ritningar depå.pdf');
    expect(drawings.bytes.equals(DRAWINGS)).toBe(true);
    const tender = await downloaded(supplier, supplier.getByRole('region', { name: 'Bilagor' }).getByRole('link', { name: 'Förfrågningsunderlag.pdf' }));
    expect(tender.name).toBe('Förfrågningsunderlag.pdf');
    expect(tender.bytes.equals(TENDER_DOCUMENTS)).toBe(true);
    // Suppliers are offered no way to attach or remove.
    expect(await supplier.getByRole('button', { name: /Bifoga fil|Ta bort/ }).count()).toBe(0);
  }, 60_000);

  it('says in English why a file too large is refused, adds a file to the answer later and removes one with a reason, all seen live', async () => {
    await buyer.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => buyer.evaluate(() => document.documentElement.lang)).toBe('en');

    const question = article(buyer, 'Finns ritningar över depån?');
    await question.getByRole('button', { name: /^Attach a file to the answer/ }).click();
    const field = question.getByLabel('File to attach');
    await field.setInputFiles({ name: 'Stor ritning.pdf', mimeType: 'application/pdf', buffer: TOO_LARGE });
    await question.getByRole('button', { name: 'Upload' }).click();
    await question.getByRole('alert').getByText('The file is too large. It may be at most 66 kB.').waitFor();
    await expectAccessible(buyer, 'file too large (buyer, English)');

    await field.setInputFiles({ name: 'Snöupplag.pdf', mimeType: 'application/pdf', buffer: SNOW_STORAGE });
    await question.getByRole('button', { name: 'Upload' }).click();
    await question.getByRole('list', { name: 'Files with the answer' }).getByRole('link', { name: 'Snöupplag.pdf' }).waitFor();
    // The supplier's page shows it without reloading, as added to the answer afterwards.
    const answerFiles = article(supplier, 'Finns ritningar över depån?').getByRole('list', { name: 'Bilagor till svaret' });
    const later = answerFiles.getByRole('listitem').filter({ hasText: 'Snöupplag.pdf' });
    await later.getByText('tillagd i efterhand').waitFor();
    expect((await downloaded(supplier, later.getByRole('link', { name: 'Snöupplag.pdf' }))).bytes.equals(SNOW_STORAGE)).toBe(true);

    // Removing is hiding with a reason, which replaces the file for everyone.
    const files = buyer.getByRole('region', { name: 'Attachments' });
    await files.getByRole('button', { name: /^Remove/ }).click();
    await files.getByLabel('Why the file is removed').fill('Fel version bifogades.');
    await files.getByRole('button', { name: 'Remove the file' }).click();
    await files.getByText(/A file was removed .*Reason: Fel version bifogades\./).waitFor();
    const supplierFiles = supplier.getByRole('region', { name: 'Bilagor' });
    await supplierFiles.getByText(/En bilaga togs bort .*Skäl: Fel version bifogades\./).waitFor();
    expect(await supplierFiles.getByRole('link', { name: 'Förfrågningsunderlag.pdf' }).count()).toBe(0);
    await expectAccessible(supplier, 'removed attachment (supplier)');
  }, 60_000);

  it('scanned every view it visited', () => {
    expect(scanned).toEqual([
      'dialogue without attachments (buyer)',
      'refused upload (buyer)',
      'dialogue with an attachment (buyer)',
      'answer with a file to publish (buyer)',
      'answer with a file (supplier)',
      'file too large (buyer, English)',
      'removed attachment (supplier)',
    ]);
  });
});
