// Before the first question, in Chromium against the built app. Registration asks for no
// organisation; after confirming the address a newcomer is sent to "find your organisation or
// create one", where (by keyboard) they find an existing organisation and ask to join, and act for it
// once its owner approves. An invited colleague registers, confirms and finds the invitation waiting
// there: accepting, they act for the inviting organisation and have no other. A third newcomer
// creates a contracting authority; a moderator, who sees who asked (name and e-mail domain), refuses
// it with a reason; the owner reads the reason on the organisation's page (and in a mail), corrects
// the number and asks again. Every new view is scanned with axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { mailText } from './support/mailbox.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator } from './support/moderator.ts';
import { confirmEmailThroughMail, createOrganisationAfterConfirming, fillRegistration, registerThroughForm, type Newcomer } from './support/newcomer.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let owner: Page;
let newcomer: Page;
let colleague: Page;
let moderator: Page;
const { expectAccessible } = accessibilityScans();

const OWNER: Newcomer = { name: 'Olga Ägare', email: 'olga@vasterby.example', organisation: 'Västerby kommun', buyer: true };
const NEWCOMER: Newcomer = { name: 'Nils Nykomling', email: 'nils@vasterby.example', organisation: '', buyer: true };
const COLLEAGUE: Newcomer = { name: 'Karin Kollega', email: 'karin@vasterby.example', organisation: '', buyer: true };
const AUTHORITY: Newcomer = { name: 'Ada Myndig', email: 'ada@myndigheten.example', organisation: 'Tveksamma myndigheten', buyer: true };

const GET_STARTED = 'Hitta din organisation eller skapa en';

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  await signUpModerator(app);
  const options = { locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
  contexts = await Promise.all([options, { ...options, viewport: { width: 375, height: 740 } }, options, options].map((o) => browser.newContext(o)));
  for (const context of contexts) context.setDefaultTimeout(8000);
  [owner, newcomer, colleague, moderator] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page, Page, Page];
  await registerThroughForm(owner, app, OWNER);
  await confirmEmailThroughMail(owner, app, OWNER.email);
  await createOrganisationAfterConfirming(owner, OWNER);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('before the first question', () => {
  it('sends a newcomer to find their organisation, where they ask to join and act for it once approved', async () => {
    await newcomer.goto(`${app.url}/register`);
    expect(await newcomer.getByLabel('Organisationens namn').count()).toBe(0);
    await newcomer.getByText('När du har bekräftat din e-postadress hittar du din organisation här').waitFor();
    await fillRegistration(newcomer, NEWCOMER);
    await confirmEmailThroughMail(newcomer, app, NEWCOMER.email);
    await newcomer.getByRole('link', { name: GET_STARTED }).first().click();
    await newcomer.getByRole('heading', { level: 1, name: GET_STARTED }).waitFor();
    await expectAccessible(newcomer, 'get started (375 px)');

    // By keyboard: the search field, the terms, Enter.
    await newcomer.getByLabel('Namn eller organisationsnummer').focus();
    await newcomer.keyboard.type('Västerby');
    await newcomer.keyboard.press('Enter');
    const found = newcomer.getByRole('article', { name: OWNER.organisation });
    await found.getByRole('button', { name: `Be att få gå med: ${OWNER.organisation}` }).press('Enter');
    await found.getByText(`Din förfrågan att gå med i ${OWNER.organisation} är skickad.`).waitFor();

    await owner.reload();
    await owner.getByRole('button', { name: `Godkänn: ${NEWCOMER.name}` }).click();
    await owner.getByText(`${NEWCOMER.name} är nu medlem.`).waitFor();

    // Approved, he acts for it: the reminder is gone and his organisations say so.
    await newcomer.goto(`${app.url}/organisations`);
    const his = newcomer.getByRole('table', { name: `Organisationer där ${NEWCOMER.name} är medlem` });
    await expect.poll(() => his.textContent()).toContain(OWNER.organisation);
    expect(await his.textContent()).toContain('Ja, den här');
    await newcomer.goto(app.url);
    await newcomer.getByRole('heading', { level: 1, name: 'Dialoger' }).waitFor();
    expect(await newcomer.getByText('Du företräder ingen organisation ännu.').count()).toBe(0);
  }, 90_000);

  it('shows an invited colleague the invitation after confirming; accepting, she acts for it and has no other organisation', async () => {
    const invite = owner.getByRole('form', { name: 'Bjud in en kollega' });
    await invite.getByLabel('Kollegans e-postadress').fill(COLLEAGUE.email);
    await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await owner.getByText(`En inbjudan har skickats till ${COLLEAGUE.email}.`).waitFor();

    await registerThroughForm(colleague, app, COLLEAGUE);
    await confirmEmailThroughMail(colleague, app, COLLEAGUE.email);
    await colleague.getByRole('link', { name: GET_STARTED }).first().click();
    const invitations = colleague.getByRole('region', { name: 'Du är inbjuden' });
    await expect.poll(() => invitations.textContent()).toContain(`inbjudan från ${OWNER.name}`);
    await expectAccessible(colleague, 'get started with an invitation');
    await invitations.getByRole('button', { name: `Gå med i ${OWNER.organisation}` }).click();
    await colleague.getByRole('heading', { level: 1, name: OWNER.organisation }).waitFor();

    await colleague.goto(`${app.url}/organisations`);
    const hers = colleague.getByRole('table', { name: `Organisationer där ${COLLEAGUE.name} är medlem` });
    await expect.poll(() => hers.getByRole('row').count()).toBe(2);
    expect(await hers.textContent()).toContain('Ja, den här');
  }, 90_000);

  it('lets a moderator refuse a new authority with a reason its owner reads, corrects and asks again', async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 375, height: 740 } });
    context.setDefaultTimeout(8000);
    contexts.push(context);
    const authority = await context.newPage();
    await registerThroughForm(authority, app, AUTHORITY);
    await confirmEmailThroughMail(authority, app, AUTHORITY.email);
    await createOrganisationAfterConfirming(authority, AUTHORITY);
    await authority.getByText('Organisationen väntar på att en moderator verifierar den').waitFor();

    await moderator.goto(`${app.url}/login`);
    await moderator.getByLabel('E-post').fill(MODERATOR_EMAIL);
    await moderator.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
    await moderator.getByRole('button', { name: 'Logga in' }).click();
    await moderator.getByRole('link', { name: 'Moderering' }).click();
    const row = moderator.getByRole('row', { name: new RegExp(`^${AUTHORITY.organisation}`) });
    // Who asked: the name and the domain of the address, not the address.
    await expect.poll(() => row.textContent()).toContain(`${AUTHORITY.name} (@myndigheten.example)`);
    expect(await row.textContent()).not.toContain(AUTHORITY.email);
    await expectAccessible(moderator, 'verification queue with who asked');
    await row.getByRole('button', { name: /^Verifiera inte/ }).click();
    await row.getByLabel('Skäl (ägarna får se det, i appen och i ett mejl)').fill('Organisationsnumret saknas. Ange myndighetens nummer.');
    await row.getByRole('button', { name: 'Skicka beslutet' }).click();
    await moderator.getByText(`${AUTHORITY.organisation} är inte verifierad. Ägarna har fått skälet.`).waitFor();

    // The owner is told by mail too, in her language, with the reason and the way to the organisation.
    const mail = await mailText(app.dataDir, AUTHORITY.email, /verifierades inte/);
    expect(mail).toContain('Organisationsnumret saknas. Ange myndighetens nummer.');
    expect(mail).toMatch(/\/organisations\/[A-Za-z0-9_-]{8,40}/);
    await authority.reload();
    const status = authority.getByRole('region', { name: 'Verifiering' });
    await expect.poll(() => status.textContent()).toContain('Organisationsnumret saknas. Ange myndighetens nummer.');
    await expectAccessible(authority, 'organisation refused, as its owner (375 px)');

    await authority.getByRole('button', { name: 'Ändra namn och organisationsnummer' }).click();
    await authority.getByLabel('Organisationsnummer (valfritt)').fill('202100-5489');
    await authority.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => authority.getByRole('region', { name: 'Om organisationen' }).textContent()).toContain('202100-5489');
    await status.getByRole('button', { name: 'Be om verifiering' }).click();
    await expect.poll(() => status.textContent()).toContain('väntar på att en moderator verifierar den');
    await moderator.reload();
    await expect.poll(() => moderator.getByRole('row', { name: new RegExp(`^${AUTHORITY.organisation}`) }).textContent()).toContain('202100-5489');
  }, 120_000);
});
