// The public service in Chromium against the built app, run by an agency (OPERATOR_* settings): the
// agency in the header and every page's footer; a visitor follows the footer's "report a barrier"
// from the page they were on, fills the feedback form by keyboard alone and gets a reference; the
// receipt is read back from the mail (without the message), the operator's copy (with it) too, and an
// admin finds the report on /moderation. The statement lists the known shortcomings, the privacy notice
// names the controller and the cookie, registration links to it, terms and about come from DATA_DIR;
// each page is scanned with axe-core in Swedish and English.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SHORTCOMINGS } from '../../client/src/public-service/known-shortcomings.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { mailText } from './support/mailbox.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator } from './support/moderator.ts';

const AGENCY = 'Myndigheten för dialog';
const OPERATOR = {
  OPERATOR_NAME: AGENCY,
  OPERATOR_ORGANISATION_NUMBER: '202100-5489',
  OPERATOR_EMAIL: 'registrator@dialogmyndigheten.example',
  OPERATOR_POSTAL_ADDRESS: 'Box 1, 111 11 Stockholm',
  OPERATOR_DPO_EMAIL: 'dataskyddsombud@dialogmyndigheten.example',
};
const SENDER = 'tove.tangent@example.org';
const MESSAGE = 'Sökrutan tappar fokus när resultaten kommer, så jag hamnar överst på sidan igen.';

let app: BuiltApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const { scanned, expectAccessible } = accessibilityScans();

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, ...OPERATOR });
  await signUpModerator(app);
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(8000);
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The element that has focus: its tag and accessible label, for keyboard assertions. */
const focused = () =>
  page.evaluate(() => ({
    id: document.activeElement?.id ?? '',
    name: document.activeElement?.getAttribute('name') ?? '',
    text: document.activeElement?.textContent ?? '',
  }));

/** Presses Tab until the focused control has this id or name (at most `limit` times): a keyboard user's way there. */
async function tabTo(idOrName: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const { id, name } = await focused();
    if (id === idOrName || name === idOrName) return;
  }
  throw new Error(`Tab never reached ${idOrName}`);
}

describe('the operator', () => {
  it('is named in the header and in every page footer, with organisation number and contact', async () => {
    await page.goto(`${app.url}/search`);
    await page.getByRole('heading', { level: 1, name: 'Sök' }).waitFor();
    const banner = page.getByRole('banner');
    await banner.getByText(`Dialogforum drivs av ${AGENCY}`).waitFor();
    const footer = page.getByRole('contentinfo');
    await footer.getByText(`Dialogforum drivs av ${AGENCY} · Org.nr 202100-5489 · Box 1, 111 11 Stockholm`).waitFor();
    expect(await footer.getByRole('link', { name: OPERATOR.OPERATOR_EMAIL }).getAttribute('href')).toBe(`mailto:${OPERATOR.OPERATOR_EMAIL}`);
    const links = footer.getByRole('navigation', { name: 'Om tjänsten' }).getByRole('link');
    expect(await links.allTextContents()).toEqual(['Tillgänglighetsredogörelse', 'Rapportera brist i tillgängligheten', 'Personuppgifter och kakor', 'Användarvillkor', 'Om tjänsten']);
  });
});

describe('reporting a barrier', () => {
  it('goes from the footer to the form by keyboard, with the page it came from filled in', async () => {
    const report = page.getByRole('contentinfo').getByRole('link', { name: 'Rapportera brist i tillgängligheten' });
    await report.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse för Dialogforum' }).waitFor();
    // The form's heading takes focus, so the reader starts there rather than at the top of the statement.
    await expect.poll(focused).toMatchObject({ id: 'feedback', text: 'Rapportera brister i tjänstens tillgänglighet' });
    expect(await page.getByLabel('Sida det gäller (frivilligt)').inputValue()).toBe('/search');
    await expectAccessible(page, 'accessibility statement (sv)');
  });

  it('refuses a too short description in words beside the field, and focus goes there', async () => {
    // Tab lands on the radio group's first option (the radios are named after the field); Space chooses it.
    await tabTo('feedback-kind');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Jag har stött på en brist i tillgängligheten').isChecked()).toBe(true);
    await tabTo('feedback-message');
    await page.keyboard.type('Kort');
    await tabTo('feedback-email');
    await page.keyboard.type(SENDER);
    await page.keyboard.press('Enter');
    await page.getByText('Skriv minst 10 tecken.').or(page.locator('#feedback-message-error')).first().waitFor();
    expect((await focused()).id).toBe('feedback-message');
    expect(await page.locator('#feedback-message').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'feedback form with an error (sv)');
  });

  it('is sent by keyboard; the reference is shown and focused, the receipt and the operator copy read back from the mail', async () => {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(MESSAGE);
    await tabTo('feedback-name');
    await page.keyboard.type('Tove Tangent');
    await page.keyboard.press('Enter');
    const notice = page.getByRole('heading', { level: 2, name: 'Tack! Vi har tagit emot ditt meddelande' });
    await notice.waitFor();
    expect((await focused()).text).toBe('Tack! Vi har tagit emot ditt meddelande');
    const reference = /Ärendenummer: (F-\d{4}-\d{4})\./.exec((await page.locator('.notice').textContent()) ?? '')?.[1];
    expect(reference).toMatch(/^F-\d{4}-0001$/);
    await page.getByText(`Ett kvitto har skickats till ${SENDER}.`).waitFor();

    const receipt = await mailText(app.dataDir, SENDER, /Vi har tagit emot din synpunkt/);
    expect(receipt).toContain(`Ärendenummer: ${reference}`);
    expect(receipt).toContain('Slag: Brist i tillgängligheten');
    expect(receipt).toContain(`Tack för din synpunkt till ${AGENCY}`);
    expect(receipt).toContain('Myndigheten för digital förvaltning (DIGG)');
    expect(receipt).not.toContain('Sökrutan');
    // Every mail ends with the agency's name, organisation number and contact.
    expect(receipt).toContain(`${AGENCY} · org.nr 202100-5489 · Box 1, 111 11 Stockholm · ${OPERATOR.OPERATOR_EMAIL}`);

    const copy = await mailText(app.dataDir, OPERATOR.OPERATOR_EMAIL, new RegExp(`Synpunkt ${reference}`));
    expect(copy).toContain(MESSAGE);
    expect(copy).toContain(`E-post: ${SENDER}`);
    expect(copy).toMatch(/Sida: http:\/\/127\.0\.0\.1:\d+\/search/);
    await expectAccessible(page, 'feedback sent (sv)');
  });

  it('is listed for the admin on /moderation', async () => {
    const admin = await context.newPage();
    await admin.goto(`${app.url}/login`);
    await admin.getByLabel('E-post').fill(MODERATOR_EMAIL);
    await admin.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
    await admin.getByRole('button', { name: 'Logga in' }).click();
    await admin.getByRole('button', { name: 'Logga ut' }).waitFor();
    await admin.goto(`${app.url}/moderation`);
    const section = admin.getByRole('region', { name: 'Synpunkter från besökare' });
    await section.getByRole('heading', { level: 3, name: /^F-\d{4}-0001: Jag har stött på en brist i tillgängligheten$/ }).waitFor();
    await section.getByText(MESSAGE).waitFor();
    expect(await section.getByRole('link', { name: SENDER }).count()).toBe(1);
    await expectAccessible(admin, 'moderation with feedback (sv)');
    await admin.getByRole('button', { name: 'Logga ut' }).click();
    await admin.close();
  });
});

describe('the statement, the privacy notice, terms and about', () => {
  it('lists every known shortcoming from the checked-in list, and DIGG', async () => {
    await page.goto(`${app.url}/accessibility`);
    const list = page.locator('.known-shortcomings li');
    await list.first().waitFor();
    expect(await list.count()).toBe(KNOWN_SHORTCOMINGS.length);
    for (const shortcoming of KNOWN_SHORTCOMINGS) await page.getByText(shortcoming.sv, { exact: false }).waitFor();
    expect(await page.getByRole('link', { name: /kontakta Myndigheten för digital förvaltning/ }).getAttribute('href')).toBe('https://www.digg.se/tdosanmalan');
  });

  it('names the controller, the DPO and the one cookie, and links to export and erasure', async () => {
    await page.getByRole('contentinfo').getByRole('link', { name: 'Personuppgifter och kakor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Så behandlar vi personuppgifter' }).waitFor();
    await page.getByText(`${AGENCY}, org.nr 202100-5489`).waitFor();
    expect(await page.getByRole('link', { name: OPERATOR.OPERATOR_DPO_EMAIL }).count()).toBe(1);
    await page.getByText('En inloggning upphör efter 2 timmar utan aktivitet och senast efter 14 dygn', { exact: false }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kakor (cookies)' }).waitFor();
    await page.getByText('df_session').waitFor();
    expect(await page.getByRole('link', { name: 'kontosidan' }).count()).toBe(2);
    await page.getByText('tjänsten fattar inga beslut om dig automatiskt och gör ingen profilering (artikel 22)').waitFor();
    await page.getByText('Filen säger också vem som är personuppgiftsansvarig.', { exact: false }).waitFor();
    await expectAccessible(page, 'privacy notice (sv)');
  });

  it('sets no cookie for a visitor who does not sign in, whatever they read or send, and fetches nothing from another site', async () => {
    const visitor = await browser.newContext({ locale: 'sv-SE' });
    const reader = await visitor.newPage();
    // The privacy notice says the service fetches nothing from other sites (no fonts, analytics, ads).
    const elsewhere: string[] = [];
    reader.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== new URL(app.url).origin) elsewhere.push(request.url());
    });
    for (const path of ['/', '/search', '/accessibility', '/privacy', '/terms', '/about', '/register', '/login']) {
      await reader.goto(`${app.url}${path}`);
      await reader.getByRole('heading', { level: 1 }).waitFor();
    }
    await reader.getByRole('contentinfo').getByRole('link', { name: 'Rapportera brist i tillgängligheten' }).click();
    await reader.getByLabel('Något annat om tjänsten').check();
    await reader.getByLabel('Beskriv vad som hände eller vad du behöver').fill('Ett meddelande utan kakor, tack.');
    await reader.getByRole('button', { name: 'Skicka' }).click();
    await reader.getByRole('heading', { level: 2, name: 'Tack! Vi har tagit emot ditt meddelande' }).waitFor();
    await reader.getByText('Du angav ingen e-postadress, så vi kan inte svara dig.', { exact: false }).waitFor();
    expect(await visitor.cookies()).toEqual([]);
    expect(elsewhere).toEqual([]);
    await visitor.close();
  });

  it('is linked from registration', async () => {
    await page.goto(`${app.url}/register`);
    await page.getByRole('link', { name: 'hur vi behandlar personuppgifter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Så behandlar vi personuppgifter' }).waitFor();
  });

  it('shows terms and about from DATA_DIR, with the agency named', async () => {
    await page.goto(`${app.url}/terms`);
    await page.getByRole('heading', { level: 1, name: 'Användarvillkor' }).waitFor();
    await page.getByText(`Dialogforum drivs av ${AGENCY}.`).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Vad tjänsten är till för' }).waitFor();
    await expectAccessible(page, 'terms (sv)');
    await page.goto(`${app.url}/about`);
    await page.getByRole('heading', { level: 2, name: 'Om Dialogforum' }).waitFor();
    await expectAccessible(page, 'about (sv)');
  });

  it('reads in English: statement, privacy notice, terms and about', async () => {
    await page.goto(`${app.url}/accessibility`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement for Dialogforum' }).waitFor();
    for (const shortcoming of KNOWN_SHORTCOMINGS) await page.getByText(shortcoming.en, { exact: false }).waitFor();
    await expectAccessible(page, 'accessibility statement (en)');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Personal data and cookies' }).click();
    await page.getByRole('heading', { level: 1, name: 'How we handle personal data' }).waitFor();
    await page.getByText('A login ends after 2 hours without activity and after 14 days at most', { exact: false }).waitFor();
    await expectAccessible(page, 'privacy notice (en)');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Terms of use' }).click();
    await page.getByRole('heading', { level: 2, name: 'What the service is for' }).waitFor();
    await expectAccessible(page, 'terms (en)');
    await page.getByRole('contentinfo').getByRole('link', { name: 'About the service' }).click();
    await page.getByRole('heading', { level: 2, name: 'About Dialogforum' }).waitFor();
    await expectAccessible(page, 'about (en)');
  });

  it('scanned every page it visited', () => {
    expect(scanned).toEqual([
      'accessibility statement (sv)',
      'feedback form with an error (sv)',
      'feedback sent (sv)',
      'moderation with feedback (sv)',
      'privacy notice (sv)',
      'terms (sv)',
      'about (sv)',
      'accessibility statement (en)',
      'privacy notice (en)',
      'terms (en)',
      'about (en)',
    ]);
  });
});
