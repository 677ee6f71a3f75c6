// The live Q&A slice in Chromium against the built app: a buyer and a supplier in two browser
// contexts each see the other's post appear without reloading; a third visitor sees only the
// pseudonym; the question is found by search; every page passes an axe-core scan. People who
// register confirm their address by opening the mailed link, as they would; until then they see
// why they cannot publish. A forgotten password is replaced through the mailed reset link.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { mailedLink } from './support/mailbox.ts';
import { confirmEmailThroughMail, createOrganisationAfterConfirming, PASSWORD, registerThroughForm, signInThroughForm, type Newcomer } from './support/newcomer.ts';
import { MODERATOR_EMAIL, signUpModerator, type Moderator } from './support/moderator.ts';

let app: BuiltApp;
let browser: Browser;
let buyerContext: BrowserContext;
let supplierContext: BrowserContext;
let buyer: Page;
let supplier: Page;
let moderator: Moderator;
let dialogueUrl: string;
const { scanned: pagesScanned, expectAccessible } = accessibilityScans();

const UNCONFIRMED_BANNER = 'Bekräfta din e-postadress';
const BERIT: Newcomer = { name: 'Berit Beställare', email: 'berit@region.example', organisation: 'Region Exempel', buyer: true };
const ALICE: Newcomer = { name: 'Alice Leverantör', email: 'alice@startup.example', organisation: 'Startup AB', buyer: false };

async function register(page: Page, who: Newcomer, scanAs?: string) {
  await registerThroughForm(page, app, who);
  if (scanAs) await expectAccessible(page, scanAs);
  // Signed in with the password before confirming, the banner says where the confirmation link went.
  await signInThroughForm(page, app, who.email);
  const banner = page.getByRole('region', { name: UNCONFIRMED_BANNER });
  await expect.poll(() => banner.textContent()).toContain(`Vi har skickat en bekräftelselänk till ${who.email}.`);
}


beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
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

    await register(buyer, BERIT, 'registered: check your e-mail');
    // Not yet confirmed: the page says why there is no form, and offers a new link.
    await buyer.getByRole('link', { name: 'Skapa dialog' }).first().click();
    await buyer.getByRole('heading', { level: 1, name: 'Skapa dialog' }).waitFor();
    await buyer.getByText('Bekräfta din e-postadress först').waitFor();
    expect(await buyer.getByLabel('Titel').count()).toBe(0);

    // Berit opens the link from her mail, then creates her organisation, which a moderator verifies
    // (the server requires it before a buyer publishes).
    await confirmEmailThroughMail(buyer, app, 'berit@region.example');
    await expectAccessible(buyer, 'e-mail address confirmed');
    await createOrganisationAfterConfirming(buyer, BERIT);
    await moderator.verifyOrganisation('Region Exempel');
    await buyer.goto(app.url);
    await buyer.getByRole('heading', { level: 1, name: 'Dialoger' }).waitFor();
    await expect.poll(() => buyer.getByRole('region', { name: UNCONFIRMED_BANNER }).count()).toBe(0);

    await buyer.getByRole('link', { name: 'Skapa dialog' }).first().click();
    await buyer.getByRole('heading', { level: 1, name: 'Skapa dialog' }).waitFor();
    await buyer.getByLabel('Titel').waitFor();
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
    await register(supplier, ALICE);
    // Her account page (through her name in the header) shows the address as not confirmed yet.
    await supplier.getByRole('link', { name: 'Ditt konto: Alice Leverantör' }).click();
    await supplier.getByRole('heading', { level: 1, name: 'Ditt konto' }).waitFor();
    await supplier.getByText('Inte bekräftad').waitFor();
    await supplier.getByRole('button', { name: 'Skicka en ny länk' }).waitFor();
    await expectAccessible(supplier, 'account, e-mail address not confirmed (375 px)');
    // Until she confirms, the dialogue shows why she cannot ask instead of the form.
    await supplier.goto(dialogueUrl);
    const ask = supplier.getByRole('region', { name: 'Ställ en fråga' });
    await ask.getByText('Bekräfta din e-postadress först').waitFor();
    expect(await ask.getByRole('button', { name: 'Skicka fråga' }).count()).toBe(0);

    await confirmEmailThroughMail(supplier, app, 'alice@startup.example');
    await createOrganisationAfterConfirming(supplier, ALICE);
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

  it('lets a person who forgot the password choose a new one through the mailed link', async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    context.setDefaultTimeout(8000);
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/login`);
      await page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Glömt lösenordet' }).waitFor();
      await expectAccessible(page, 'forgot password');

      // The same words whether or not the address has an account (no account enumeration).
      const sentFor = async (email: string) => {
        await page.getByLabel('E-post').fill(email);
        await page.getByRole('button', { name: 'Skicka länk' }).click();
        const heading = page.getByRole('heading', { level: 2, name: 'Titta i din e-post' });
        await heading.waitFor();
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Titta i din e-post');
        return (await page.locator('main .notice').textContent())?.replace(email, '<address>');
      };
      const unknown = await sentFor('ingen@nowhere.example');
      await page.getByRole('button', { name: 'försök med en annan adress' }).click();
      const known = await sentFor('alice@startup.example');
      expect(known).toBe(unknown);

      const link = await mailedLink(app.dataDir, 'alice@startup.example', 'reset-password');
      expect(link).toMatch(/^\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
      await page.goto(`${app.url}${link}`);
      await page.getByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' }).waitFor();
      await page.getByLabel('Nytt lösenord').fill('Password12345!');
      await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
      await page.getByText('Lösenordet är för vanligt – det finns i listor över läckta lösenord. Välj ett annat.').waitFor();
      await expectAccessible(page, 'reset password, common password refused');

      await page.getByLabel('Nytt lösenord').fill('ett nytt och ännu längre lösenord');
      await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
      await page.getByRole('heading', { level: 2, name: 'Lösenordet är bytt' }).waitFor();

      // The link works once.
      await page.goto(`${app.url}${link}`);
      await page.getByLabel('Nytt lösenord').fill('ett tredje väldigt långt lösenord');
      await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
      await page.getByRole('heading', { level: 2, name: 'Länken fungerar inte' }).waitFor();
      await page.getByRole('link', { name: 'Begär en ny länk' }).waitFor();

      // Every session of Alice ended, her other browser's too: the server closed its live socket,
      // and that page, without a reload, now shows her signed out and live again as a visitor.
      await supplier.getByRole('link', { name: 'Logga in', exact: true }).waitFor();
      await expect.poll(() => supplier.getByText(/^Live –/).count()).toBe(1);

      await page.goto(`${app.url}/login`);
      await page.getByLabel('E-post').fill('alice@startup.example');
      await page.getByLabel('Lösenord').fill(PASSWORD);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByText('Fel e-postadress eller lösenord.').waitFor();
      await page.getByLabel('Lösenord').fill('ett nytt och ännu längre lösenord');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('link', { name: 'Ditt konto: Alice Leverantör' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows the account page and changes the password, keeping this browser signed in', async () => {
    await buyer.getByRole('link', { name: 'Ditt konto: Berit Beställare' }).click();
    await buyer.getByRole('heading', { level: 1, name: 'Ditt konto' }).waitFor();
    const details = buyer.getByRole('region', { name: 'Dina uppgifter' });
    await expect.poll(() => details.textContent()).toContain('berit@region.example');
    expect(await details.textContent()).toContain('Region Exempel');
    expect(await details.textContent()).toContain('Bekräftad');
    expect(await buyer.getByText('När du loggar ut avslutas alla dina inloggningar').count()).toBe(1);
    await expectAccessible(buyer, 'account');

    const form = buyer.getByRole('form', { name: 'Byt lösenord' });
    await form.getByLabel('Nuvarande lösenord').fill('inte mitt lösenord alls');
    await form.getByLabel('Nytt lösenord').fill('bytt till ett annat långt lösenord');
    await form.getByRole('button', { name: 'Byt lösenord' }).click();
    await form.getByText('Det nuvarande lösenordet stämmer inte.').first().waitFor();
    expect(await buyer.evaluate(() => document.activeElement?.id)).toBe('change-password-currentPassword');

    await form.getByLabel('Nuvarande lösenord').fill(PASSWORD);
    await form.getByRole('button', { name: 'Byt lösenord' }).click();
    await buyer.getByText('Lösenordet är bytt. Du har loggats ut på alla andra enheter.').waitFor();
    await buyer.reload();
    await buyer.getByRole('heading', { level: 1, name: 'Ditt konto' }).waitFor();
    await buyer.getByRole('link', { name: 'Ditt konto: Berit Beställare' }).waitFor();
  });

  it('scanned every page it visited', () => {
    expect(pagesScanned).toEqual([
      'dialogue list (empty)',
      'registered: check your e-mail',
      'e-mail address confirmed',
      'create dialogue',
      'dialogue (buyer)',
      'account, e-mail address not confirmed (375 px)',
      'dialogue with question and answer (supplier, 375 px)',
      'dialogue (anonymous)',
      'search results',
      'forgot password',
      'reset password, common password refused',
      'account',
    ]);
  });
});
