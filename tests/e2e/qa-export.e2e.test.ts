// Exports in Chromium against the built app: a buyer (who sees askers by name on the page)
// downloads a dialogue's questions and answers as PDF, CSV and OCDS JSON through the page's Export
// section; each file is checked, the PDF's first page is rendered in the browser with pdf.js and
// must show ink, and no file holds the asker's name or organisation, a question still waiting in
// the inbox, or an answer given privately. A supplier exports in English with the keyboard alone,
// and a browser whose cookie is gone is told why the export of a registered-only dialogue failed.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, signUpModerator, type Moderator } from './support/moderator.ts';
import { signUpWithOrganisation, type Newcomer } from './support/newcomer.ts';
import { renderPdfPage } from './support/pdf-render.ts';
import { publishDialogueThroughForm } from './support/dialogue-form.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let buyer: Page;
let alice: Page;
let bob: Page;
let moderator: Moderator;
let dialogueUrl: string;
let downloads: string;
const { scanned, expectAccessible } = accessibilityScans();

const BUYER = { name: 'Berit Beställare', email: 'berit@regionexempel.example', organisation: 'Region Exempel', buyer: true };
const ALICE = { name: 'Alice Leverantör', email: 'alice@vagteknik.example', organisation: 'Vägteknik AB', buyer: false };
const BOB = { name: 'Bob Konkurrent', email: 'bob@konkurrent.example', organisation: 'Konkurrent AB', buyer: false };
const DIALOGUE = 'Vinterväghållning med sensorer';
const PUBLISHED = { title: 'Egna sensorer?', body: 'Får vi använda egna sensorer?', answer: 'Ja, om de uppfyller kraven i bilaga 3.' };
const PENDING = { title: 'Leveranstid', body: 'Väntande fråga om leveranstiden i norr' };
const CONFIDENTIAL = { title: 'Patent', body: 'Konfidentiell fråga om vårt patent', answer: 'Enskilt svar om patentlicensen', reason: 'Gäller bara frågeställarens eget patent.' };
/** What no export may hold. */
const NEVER = [ALICE.name, ALICE.organisation, BOB.name, BOB.organisation, BUYER.name, PENDING.body, CONFIDENTIAL.body, CONFIDENTIAL.answer, CONFIDENTIAL.reason];

const article = (within: Page | Locator, title: string) => within.getByRole('article', { name: title });
const exportSection = (page: Page) => page.getByRole('region', { name: /Exportera frågor och svar|Export questions and answers/ });

async function ask(page: Page, question: { title: string; body: string }, confidential = false) {
  await page.getByLabel('Rubrik').fill(question.title);
  await page.getByLabel('Din fråga').fill(question.body);
  if (confidential) await page.getByLabel('Ställ frågan konfidentiellt').check();
  await page.getByRole('button', { name: 'Skicka fråga' }).click();
  await page.getByText('Din fråga är skickad till beställaren.').first().waitFor();
}

/** Clicks a download button and returns the saved file's name and bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(downloads, `${contexts.indexOf(page.context())}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(file)) };
}

function expectNothingThatMustNotBeThere(text: string, label: string) {
  expect({ label, found: NEVER.filter((words) => text.includes(words)) }).toEqual({ label, found: [] });
}

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
  downloads = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-downloads-'));
  const desktop = { locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true };
  contexts = await Promise.all([desktop, desktop, desktop].map((options) => browser.newContext(options)));
  for (const context of contexts) context.setDefaultTimeout(8000);
  [buyer, alice, bob] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page, Page];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

describe('exporting questions and answers', () => {
  it('starts from a dialogue with a published question, one waiting and one answered privately', { timeout: 90_000 }, async () => {
    await signUpWithOrganisation(buyer, app, BUYER);
    await moderator.verifyOrganisation(BUYER.organisation);
    dialogueUrl = await publishDialogueThroughForm(buyer, app.url, { title: DIALOGUE, description: 'Vi söker sensorer för halkbekämpning.', arena: 'Transport', tenderDeadline: '2030-12-20T12:00', questionDeadline: '2030-12-01T17:00', registeredOnly: true });

    // Moderated Q&A (tender phase): Alice's questions and Bob's confidential one wait for the buyer.
    await signUpWithOrganisation(alice, app, ALICE);
    await alice.goto(dialogueUrl);
    await ask(alice, PUBLISHED);
    await ask(alice, PENDING);
    await signUpWithOrganisation(bob, app, BOB);
    await bob.goto(dialogueUrl);
    await ask(bob, CONFIDENTIAL, true);

    const inbox = buyer.getByRole('region', { name: /Inkorg/ });
    const published = article(inbox, PUBLISHED.title);
    await published.getByRole('button', { name: 'Publicera med svar' }).click();
    await published.getByLabel('Officiellt svar').fill(PUBLISHED.answer);
    await published.getByRole('button', { name: 'Publicera fråga och svar' }).click();
    await article(alice, PUBLISHED.title).getByText('Officiellt svar').waitFor();
    const confidential = article(inbox, CONFIDENTIAL.title);
    await confidential.getByRole('button', { name: 'Svara bara frågeställaren' }).click();
    await confidential.getByLabel('Svar till frågeställaren').fill(CONFIDENTIAL.answer);
    await confidential.getByLabel('Skäl till att svaret inte publiceras för alla').fill(CONFIDENTIAL.reason);
    await confidential.getByRole('button', { name: 'Skicka svaret enskilt' }).click();
    await buyer.getByText('Svaret är skickat till frågeställaren, med skälet sparat.').first().waitFor();
    // On the page the buyer sees who asked.
    await article(buyer, PUBLISHED.title).getByText(ALICE.name).first().waitFor();
  });

  it('lets the buyer download the record as PDF, CSV and OCDS JSON, naming nobody and holding only what is published', { timeout: 60_000 }, async () => {
    const section = exportSection(buyer);
    await section.scrollIntoViewIfNeeded();
    await expect.poll(() => section.getByLabel('Språk i filen').inputValue()).toBe('sv');
    await expectAccessible(buyer, 'dialogue with the export section (buyer)');

    const pdf = await downloaded(buyer, () => section.getByRole('button', { name: 'Ladda ner PDF' }).click());
    expect(pdf.name).toMatch(/^Frågor och svar – Vinterväghållning med sensorer – \d{4}-\d\d-\d\d\.pdf$/);
    await section.getByText(`Klart: ${pdf.name} är nedladdad.`).waitFor();
    const page1 = await renderPdfPage(browser, pdf.bytes, 1);
    await writeFile(path.join(downloads, 'page-1.png'), page1.png);
    expect(page1.inkRatio, 'the first page has something on it').toBeGreaterThan(0.01);
    expect(page1.png.length).toBeGreaterThan(10_000);
    expect(page1.text).toContain('Frågor och svar');
    expect(page1.text).toContain(DIALOGUE);
    expect(page1.text).toMatch(new RegExp(`Sida 1 av ${page1.pages}`));
    const pdfText = page1.allText.replace(/\s+/g, ' ');
    for (const expected of [`Fråga 1: ${PUBLISHED.title}`, 'Leverantör A', `Officiellt svar från ${BUYER.organisation} (beställare)`, PUBLISHED.answer]) {
      expect(pdfText).toContain(expected);
    }
    expect(pdfText).not.toContain('Fråga 2:');
    expectNothingThatMustNotBeThere(pdfText, 'PDF');

    const csv = await downloaded(buyer, () => section.getByRole('button', { name: 'Ladda ner CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder().decode(csv.bytes);
    expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(3); // headings, the question, its answer
    expect(csvText).toContain('Leverantör A');
    expect(csvText).toContain(PUBLISHED.answer);
    expectNothingThatMustNotBeThere(csvText, 'CSV');

    const json = await downloaded(buyer, () => section.getByRole('button', { name: 'Ladda ner JSON (OCDS)' }).click());
    expect(json.name).toMatch(/\.json$/);
    const jsonText = new TextDecoder().decode(json.bytes);
    expectNothingThatMustNotBeThere(jsonText, 'JSON');
    // A release package (OCDS's file format), published by the operator, holding the one release.
    type Release = { initiationType: string; tender: { title: string; enquiries: { title: string; answer: string; author: { name: string } }[] } };
    const releasePackage = JSON.parse(jsonText) as { publisher: { name: string }; releases: Release[] };
    expect(releasePackage.publisher.name).toBeTruthy();
    expect(releasePackage.releases).toHaveLength(1);
    const release = releasePackage.releases[0]!;
    expect(release.initiationType).toBe('tender');
    expect(release.tender.title).toBe(DIALOGUE);
    expect(release.tender.enquiries).toEqual([expect.objectContaining({ title: PUBLISHED.title, answer: PUBLISHED.answer, author: expect.objectContaining({ name: 'Leverantör A' }) })]);
  });

  it('lets a supplier choose English and download with the keyboard alone', { timeout: 60_000 }, async () => {
    await bob.goto(dialogueUrl);
    await bob.getByRole('heading', { level: 1, name: DIALOGUE }).waitFor();
    // Bob sees the private answer to his own question on the page; the record never holds it.
    await bob.getByText(CONFIDENTIAL.answer).first().waitFor();
    const section = exportSection(bob);
    const language = section.getByLabel('Språk i filen');
    await language.focus();
    await bob.keyboard.press('ArrowDown');
    await expect.poll(() => language.inputValue()).toBe('en');
    await bob.keyboard.press('Tab');
    await expect.poll(() => bob.evaluate(() => document.activeElement?.textContent)).toBe('Ladda ner PDF');
    const pdf = await downloaded(bob, () => bob.keyboard.press('Enter'));
    expect(pdf.name).toMatch(/^Questions and answers – Vinterväghållning med sensorer – \d{4}-\d\d-\d\d\.pdf$/);
    const rendered = await renderPdfPage(browser, pdf.bytes, 1);
    expect(rendered.inkRatio).toBeGreaterThan(0.01);
    const text = rendered.allText.replace(/\s+/g, ' ');
    expect(text).toContain('Questions and answers');
    expect(text).toContain('Supplier A');
    expectNothingThatMustNotBeThere(text, 'English PDF');
    // Focus stays on the button, and the outcome is announced.
    await expect.poll(() => bob.evaluate(() => document.activeElement?.textContent)).toBe('Ladda ner PDF');
    await section.getByRole('status').getByText(/är nedladdad/).waitFor();
  });

  it('says why when the export is refused', async () => {
    // The browser forgets its cookie: the registered-only dialogue's export answers as a missing one.
    await contexts[2]?.clearCookies();
    const section = exportSection(bob);
    await section.getByRole('button', { name: 'Ladda ner CSV' }).click();
    const alert = section.getByRole('alert');
    await alert.getByText('Exporten gick inte att ladda ner.').waitFor();
    await alert.getByText('Det du söker finns inte, eller så har du inte behörighet att se det.').waitFor();
    await expectAccessible(bob, 'export refused');
  });

  it('scanned every view it visited', () => {
    expect(scanned).toEqual(['dialogue with the export section (buyer)', 'export refused']);
  });
});
