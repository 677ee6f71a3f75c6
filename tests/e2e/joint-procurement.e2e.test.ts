// Joint procurement and appointing moderators in Chromium against the built app. A buyer adds a
// second verified buyer organisation as co-buyer of her dialogue from the dialogue page; a member of
// that organisation, with the dialogue open, gets the official answer form without reloading. The
// admin appoints a supplier as moderator on /moderation, who then sees the verification queue, and
// dismisses them again; the audit log records both. The new pages are scanned with axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { signUpWithOrganisation, type Newcomer } from './support/newcomer.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator, type Moderator } from './support/moderator.ts';
import { publishDialogueThroughForm } from './support/dialogue-form.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let buyer: Page;
let coBuyer: Page;
let supplier: Page;
let admin: Page;
let moderator: Moderator;
let dialogueUrl: string;
const { scanned: pagesScanned, expectAccessible } = accessibilityScans();

const BUYER = { name: 'Berit Beställare', email: 'berit@norrexempel.example', organisation: 'Region Norrexempel', buyer: true };
const CO_BUYER = { name: 'Valter Västman', email: 'valter@vastexempel.example', organisation: 'Västexempels kommun', buyer: true };
const SUPPLIER = { name: 'Alice Leverantör', email: 'alice@startup.example', organisation: 'Exempelstartup AB', buyer: false };
const DIALOGUE = 'Gemensam upphandling av vårdrobotar';
const QUESTION = 'Ska robotarna fungera i båda regionernas lokaler?';


/** Registers through the form and opens the confirmation link from the mail. */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
  const desktop = { locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
  const narrow = { ...desktop, viewport: { width: 375, height: 740 } };
  contexts = await Promise.all([desktop, narrow, narrow, desktop].map((options) => browser.newContext(options)));
  for (const context of contexts) context.setDefaultTimeout(8000);
  [buyer, coBuyer, supplier, admin] = await Promise.all(contexts.map((context) => context.newPage())) as [Page, Page, Page, Page];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('joint procurement and moderators', () => {
  it('lets a buyer add another verified buyer organisation as co-buyer, whose member then answers', async () => {
    await signUpWithOrganisation(buyer, app, BUYER);
    await signUpWithOrganisation(coBuyer, app, CO_BUYER);
    await moderator.verifyOrganisation(BUYER.organisation);
    await moderator.verifyOrganisation(CO_BUYER.organisation);

    dialogueUrl = await publishDialogueThroughForm(buyer, app.url, { title: DIALOGUE, description: 'Två regioner upphandlar tillsammans.', arena: 'Hälsa och vård', questionDeadline: '2030-12-01T17:00' });

    // A supplier asks a question; the other buyer does not own the dialogue yet, so no answer form.
    await signUpWithOrganisation(supplier, app, SUPPLIER);
    await supplier.goto(dialogueUrl);
    await supplier.getByLabel('Rubrik').fill(QUESTION);
    await supplier.getByLabel('Din fråga').fill('Lokalerna skiljer sig åt mellan regionerna.');
    await supplier.getByRole('button', { name: 'Skicka fråga' }).click();
    await supplier.getByRole('article', { name: QUESTION }).waitFor();

    await coBuyer.goto(dialogueUrl);
    const coBuyerQuestion = coBuyer.getByRole('article', { name: QUESTION });
    await coBuyerQuestion.waitFor();
    await expect.poll(() => coBuyer.getByText(/^Live –/).count()).toBe(1);
    expect(await coBuyerQuestion.getByRole('button', { name: 'Svara officiellt' }).count()).toBe(0);
    expect(await coBuyer.getByRole('button', { name: 'Lägg till medbeställare' }).count()).toBe(0);

    // The buyer searches: her own organisation (already a buyer) and the supplier are not offered.
    const toggle = buyer.getByRole('button', { name: 'Lägg till medbeställare' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await buyer.evaluate(() => document.activeElement?.id)).toBe('co-owner-q');
    await buyer.getByLabel('Namn eller organisationsnummer').fill('exempel');
    await buyer.getByRole('button', { name: 'Sök', exact: true }).click();
    await buyer.getByText('1 verifierad upphandlande organisation matchar ”exempel”.').waitFor();
    const candidates = buyer.getByRole('list', { name: 'Organisationer som kan bli medbeställare' });
    expect(await candidates.getByRole('listitem').count()).toBe(1);
    expect(await candidates.textContent()).toContain(CO_BUYER.organisation);
    await expectAccessible(buyer, 'dialogue, co-buyer search (owner)');

    await candidates.getByRole('button', { name: `Lägg till som medbeställare: ${CO_BUYER.organisation}` }).click();
    await candidates.getByText(`Göra ${CO_BUYER.organisation} till medbeställare av dialogen?`).waitFor();
    expect(await focusedText(buyer)).toBe('Ja, lägg till');
    await buyer.getByRole('button', { name: 'Ja, lägg till' }).click();
    await buyer.getByText(`${CO_BUYER.organisation} är nu medbeställare av dialogen.`).waitFor();
    expect(await focusedText(buyer)).toBe('Lägg till medbeställare');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    const details = (page: Page) => page.getByRole('region', { name: 'Om dialogen' });
    await expect.poll(() => details(buyer).textContent()).toContain(`${BUYER.organisation}, ${CO_BUYER.organisation}`);

    // The co-buyer's page was not reloaded: the dialogue changed, and the answer form is there.
    await expect.poll(() => details(coBuyer).textContent()).toContain(CO_BUYER.organisation);
    await coBuyerQuestion.getByRole('button', { name: 'Svara officiellt' }).click();
    await coBuyerQuestion.getByLabel('Ditt officiella svar').fill('Ja, i båda regionernas lokaler.');
    await coBuyerQuestion.getByRole('button', { name: 'Publicera officiellt svar' }).click();
    await expect.poll(() => supplier.getByRole('article', { name: QUESTION }).textContent()).toContain('Ja, i båda regionernas lokaler.');
    await coBuyer.getByRole('button', { name: 'Lägg till medbeställare' }).waitFor();
    await expectAccessible(coBuyer, 'dialogue, co-buyer (375 px)');
  }, 90_000);

  it('lets the admin appoint a moderator on /moderation, who then sees the verification queue', async () => {
    await supplier.goto(`${app.url}/moderation`);
    await supplier.getByText('Du har inte behörighet till den här sidan').waitFor();

    await admin.goto(`${app.url}/login`);
    await admin.getByLabel('E-post').fill(MODERATOR_EMAIL);
    await admin.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
    await admin.getByRole('button', { name: 'Logga in' }).click();
    await admin.getByRole('link', { name: 'Moderering' }).click();
    const section = admin.getByRole('region', { name: 'Moderatorer' });
    await section.waitFor();
    const form = section.getByRole('form', { name: 'Utse eller ta bort moderator' });
    const email = form.getByLabel('E-postadress till kontot');

    // An address without an account, and an admin's own address, are refused in words.
    await email.fill('ingen@exempel.example');
    await form.getByRole('button', { name: 'Utse till moderator' }).click();
    await form.getByText('Det finns inget konto med e-postadressen ingen@exempel.example.').waitFor();
    await expectAccessible(admin, 'moderation, moderator refused (admin)');
    await email.fill(MODERATOR_EMAIL);
    await form.getByRole('button', { name: 'Ta bort som moderator' }).click();
    await form.getByText('Administratörer anges i serverns inställningar (ADMIN_EMAILS).', { exact: false }).waitFor();

    await email.fill(SUPPLIER.email);
    await email.press('Enter');
    await section.getByText(`${SUPPLIER.email} är nu moderator.`).waitFor();
    expect(await email.inputValue()).toBe('');
    expect(await form.getByRole('alert').count()).toBe(0);

    await supplier.reload();
    await supplier.getByRole('heading', { level: 2, name: 'Väntar på verifiering' }).waitFor();
    await supplier.getByText('Inga organisationer väntar på verifiering.').waitFor();
    // Appointing is for admins only.
    expect(await supplier.getByRole('region', { name: 'Moderatorer' }).count()).toBe(0);
    await expectAccessible(supplier, 'moderation (new moderator, 375 px)');

    await email.fill(SUPPLIER.email);
    await form.getByRole('button', { name: 'Ta bort som moderator' }).click();
    await section.getByText(`${SUPPLIER.email} är inte längre moderator.`).waitFor();
    expect(await focusedText(admin)).toBe('Ta bort som moderator');
    await supplier.reload();
    await supplier.getByText('Du har inte behörighet till den här sidan').waitFor();

    const log = admin.getByRole('table', { name: 'Granskningslogg, nyast först' });
    await expect
      .poll(async () => {
        await admin.getByRole('button', { name: 'Hämta nya händelser' }).click();
        return log.textContent();
      })
      .toContain('Plattformsroll borttagen');
    const text = await log.textContent();
    expect(text).toContain('Plattformsroll tilldelad');
    expect(text).toContain('Medbeställare tillagd');
  }, 60_000);

  it('scanned every page it visited', () => {
    expect(pagesScanned).toEqual([
      'dialogue, co-buyer search (owner)',
      'dialogue, co-buyer (375 px)',
      'moderation, moderator refused (admin)',
      'moderation (new moderator, 375 px)',
    ]);
  });
});
