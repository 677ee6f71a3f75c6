// Organisations, moderation and the audit log in Chromium against the built app. A buyer registers
// and confirms through the mailed link, creates a buyer organisation whose number is checked as it
// is typed, and acts for it; a moderator verifies it on the moderation page; the owner invites a
// colleague by e-mail, who registers with that address, confirms it and accepts through the mailed
// invitation link; the owner makes the colleague an owner; the audit log shows what happened. The
// owner moves a dialogue's question deadline and another browser sees it without reloading. The
// colleague downloads their data and removes their account. Every page is scanned with axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { mailedLink } from './support/mailbox.ts';
import { confirmEmailThroughMail, createOrganisationAfterConfirming, fillRegistration, PASSWORD } from './support/newcomer.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator } from './support/moderator.ts';
import { publishDialogueThroughForm } from './support/dialogue-form.ts';

let app: BuiltApp;
let browser: Browser;
let ownerContext: BrowserContext;
let colleagueContext: BrowserContext;
let moderatorContext: BrowserContext;
let owner: Page;
let colleague: Page;
let moderator: Page;
let organisationUrl: string;
const { scanned: pagesScanned, expectAccessible } = accessibilityScans();

const ORGANISATION = 'Region Exempelnorr';
/** A valid Swedish organisation number (Luhn check digit 0); ending in 1 it is not. */
const ORG_NUMBER = '232100-0180';
const OWNER = { name: 'Olle Ägare', email: 'olle@exempelnorr.example' };
const COLLEAGUE = { name: 'Cecilia Kollega', email: 'cecilia@exempelnorr.example' };


const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  // The moderator's account (an admin by ADMIN_EMAILS, address confirmed); they log in below.
  await signUpModerator(app);
  ownerContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  colleagueContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 375, height: 740 } });
  moderatorContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  for (const context of [ownerContext, colleagueContext, moderatorContext]) context.setDefaultTimeout(8000);
  owner = await ownerContext.newPage();
  colleague = await colleagueContext.newPage();
  moderator = await moderatorContext.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('organisations, moderation and the audit log', () => {
  it('lets a buyer create an organisation with a checked organisation number and act for it', async () => {
    await owner.goto(`${app.url}/register`);
    await fillRegistration(owner, { ...OWNER, organisation: 'Exempelnorrs inköpsenhet', buyer: true });
    await confirmEmailThroughMail(owner, app, OWNER.email);
    // Registration made no organisation: she creates the first one on "find your organisation".
    await createOrganisationAfterConfirming(owner, { ...OWNER, organisation: 'Exempelnorrs inköpsenhet', buyer: true });

    await owner.getByRole('link', { name: 'Organisationer' }).click();
    await owner.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
    // The organisation she created: owned, and the one she acts for.
    const mine = owner.getByRole('table', { name: `Organisationer där ${OWNER.name} är medlem` });
    await expect.poll(() => mine.textContent()).toContain('Exempelnorrs inköpsenhet');
    expect(await mine.textContent()).toContain('Ja, den här');
    expect(await mine.textContent()).toContain('Ägare');
    await expectAccessible(owner, 'organisations');

    const form = owner.getByRole('form', { name: 'Skapa en organisation' });
    await form.getByLabel('Organisationens namn').fill(ORGANISATION);
    await form.getByLabel('Upphandlande organisation (beställare)').check();
    const number = form.getByLabel('Organisationsnummer (frivilligt)');
    await expect.poll(() => number.getAttribute('aria-describedby')).toContain('create-organisation-orgNumber-hint');
    // A typo in the last digit: refused in the browser by the same Luhn check the server makes.
    await number.fill('232100-0181');
    await form.getByRole('button', { name: 'Skapa organisation' }).click();
    await form.getByText('kontrollsiffran (den sista siffran) passar inte').waitFor();
    expect(await owner.evaluate(() => document.activeElement?.id)).toBe('create-organisation-orgNumber');
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    await number.fill('23210-018');
    await form.getByRole('button', { name: 'Skapa organisation' }).click();
    await form.getByText('Skriv organisationsnumret med tio siffror: NNNNNN-NNNN').waitFor();
    await expectAccessible(owner, 'organisations, invalid organisation number');

    await number.fill(ORG_NUMBER);
    await form.getByRole('button', { name: 'Skapa organisation' }).click();
    await owner.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
    organisationUrl = owner.url();
    expect(organisationUrl).toMatch(/\/organisations\/[A-Za-z0-9_-]{8,40}$/);
    const details = owner.getByRole('region', { name: 'Om organisationen' });
    await expect.poll(() => details.textContent()).toContain(ORG_NUMBER);
    expect(await details.textContent()).toContain('Inte verifierad');

    // The same number again is refused, with a way to find the organisation that has it.
    await owner.goto(`${app.url}/organisations`);
    await form.getByLabel('Organisationens namn').fill('Region Exempelnorr igen');
    await form.getByLabel('Upphandlande organisation (beställare)').check();
    await number.fill(ORG_NUMBER.replace('-', ''));
    await form.getByRole('button', { name: 'Skapa organisation' }).click();
    await form.getByText('En organisation med det här numret finns redan.').waitFor();
    await form.getByRole('link', { name: 'Sök efter organisationen med nummer 2321000180' }).waitFor();

    // She acts for the new organisation from now on.
    await mine.getByRole('button', { name: `Företräd ${ORGANISATION}` }).click();
    await owner.getByText(`Du företräder nu ${ORGANISATION}.`).waitFor();
    expect(await focusedText(owner)).toBe(`Du företräder nu ${ORGANISATION}.`);
    const acting = mine.getByRole('row', { name: new RegExp(ORGANISATION) });
    await expect.poll(() => acting.textContent()).toContain('Ja, den här');

    // Moderation is not hers: no link, and the page says so.
    expect(await owner.getByRole('link', { name: 'Moderering' }).count()).toBe(0);
    await owner.goto(`${app.url}/moderation`);
    await owner.getByText('Du har inte behörighet till den här sidan').waitFor();
  }, 60_000);

  it('lets a moderator verify the organisation on the moderation page', async () => {
    await moderator.goto(`${app.url}/login`);
    await moderator.getByLabel('E-post').fill(MODERATOR_EMAIL);
    await moderator.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
    await moderator.getByRole('button', { name: 'Logga in' }).click();
    await moderator.getByRole('link', { name: 'Moderering' }).click();
    await moderator.getByRole('heading', { level: 1, name: 'Moderering' }).waitFor();

    const queue = moderator.getByRole('table', { name: /väntar på verifiering/ });
    const row = queue.getByRole('row', { name: new RegExp(`^${ORGANISATION}`) });
    await expect.poll(() => row.textContent()).toContain(ORG_NUMBER);
    await expectAccessible(moderator, 'moderation');
    await row.getByRole('button', { name: `Verifiera: ${ORGANISATION}` }).click();
    await moderator.getByText(`${ORGANISATION} är verifierad.`).waitFor();
    expect(await focusedText(moderator)).toBe(`${ORGANISATION} är verifierad.`);
    expect(await queue.getByRole('row', { name: new RegExp(`^${ORGANISATION}`) }).count()).toBe(0);

    await owner.goto(organisationUrl);
    await expect.poll(() => owner.getByRole('region', { name: 'Om organisationen' }).textContent()).toContain('Verifierad av en moderator');
  }, 60_000);

  it('lets the owner invite a colleague, who registers with that address and accepts through the mailed link', async () => {
    const invite = owner.getByRole('form', { name: 'Bjud in en kollega' });
    await invite.getByLabel('Kollegans e-postadress').fill(COLLEAGUE.email);
    await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await owner.getByText(`En inbjudan har skickats till ${COLLEAGUE.email}.`).waitFor();

    const link = await mailedLink(app.dataDir, COLLEAGUE.email, 'invitations/accept');
    expect(link).toMatch(/^\/invitations\/accept\?token=[A-Za-z0-9_-]{43}$/);
    // Signed out, the page explains and offers to log in or register, then come back here.
    await colleague.goto(`${app.url}${link}`);
    await colleague.getByText('Logga in för att ta emot inbjudan').waitFor();
    await expectAccessible(colleague, 'invitation, signed out (375 px)');
    await colleague.getByRole('link', { name: 'Skapa konto' }).first().click();
    await colleague.getByRole('heading', { level: 1, name: 'Skapa konto' }).waitFor();
    await fillRegistration(colleague, { ...COLLEAGUE, organisation: 'Exempelnorrs vårdutveckling', buyer: true });
    // Registration signs nobody in; logging in with the password from the "check your e-mail"
    // notice leads back to the invitation, where the address must be confirmed first.
    await colleague.locator('.notice').getByRole('link', { name: 'Logga in' }).click();
    await colleague.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await colleague.getByLabel('E-post').fill(COLLEAGUE.email);
    await colleague.getByLabel('Lösenord').fill(PASSWORD);
    await colleague.getByRole('button', { name: 'Logga in' }).click();
    await colleague.getByRole('heading', { level: 1, name: 'Inbjudan till en organisation' }).waitFor();
    await colleague.getByText('Bekräfta din e-postadress först').waitFor();

    await confirmEmailThroughMail(colleague, app, COLLEAGUE.email);
    await colleague.goto(`${app.url}${link}`);
    await colleague.getByText(`Välkommen! Du är nu medlem i ${ORGANISATION}.`).waitFor();
    await expectAccessible(colleague, 'invitation accepted (375 px)');
    await colleague.getByRole('link', { name: 'Gå till organisationen' }).click();
    await colleague.getByRole('heading', { level: 1, name: ORGANISATION }).waitFor();
    await expect.poll(() => colleague.getByRole('region', { name: 'Om organisationen' }).textContent()).toContain('Medlem');
    // No stray organisation of her own: the inviting one is her only one, and the one she acts for.
    await colleague.goto(`${app.url}/organisations`);
    const hers = colleague.getByRole('table', { name: `Organisationer där ${COLLEAGUE.name} är medlem` });
    await expect.poll(() => hers.getByRole('row').count()).toBe(2);
    expect(await hers.textContent()).toContain(ORGANISATION);
    expect(await hers.textContent()).toContain('Ja, den här');

    // The link works once.
    await colleague.goto(`${app.url}${link}`);
    await colleague.getByText('Inbjudan fungerar inte').waitFor();
  }, 60_000);

  it('lets the owner decide a join request and make the colleague an owner', async () => {
    // The moderator finds the organisation by its number and asks to join.
    await moderator.goto(`${app.url}/organisations`);
    await moderator.getByLabel('Namn eller organisationsnummer').fill(ORG_NUMBER);
    await moderator.getByRole('button', { name: 'Sök', exact: true }).click();
    await moderator.getByText(`1 organisation matchar ”${ORG_NUMBER}”.`).waitFor();
    const result = moderator.getByRole('article', { name: ORGANISATION });
    await result.getByRole('button', { name: `Be att få gå med: ${ORGANISATION}` }).click();
    await result.getByText(`Din förfrågan att gå med i ${ORGANISATION} är skickad.`).waitFor();

    await owner.goto(organisationUrl);
    const requests = owner.getByRole('table', { name: `Förfrågningar om att gå med i ${ORGANISATION}` });
    await expect.poll(() => requests.textContent()).toContain('Mona Moderator');
    const members = owner.getByRole('table', { name: `2 medlemmar i ${ORGANISATION}` });
    const colleagueRow = members.getByRole('row', { name: new RegExp(COLLEAGUE.name) });
    await colleagueRow.getByRole('cell', { name: 'Medlem', exact: true }).waitFor();
    await expectAccessible(owner, 'organisation (owner)');

    await requests.getByRole('button', { name: 'Avböj: Mona Moderator' }).click();
    await owner.getByText('Förfrågan från Mona Moderator är avböjd.').waitFor();

    await colleagueRow.getByRole('button', { name: `Gör till ägare: ${COLLEAGUE.name}` }).click();
    await owner.getByText(`${COLLEAGUE.name} är nu ägare.`).waitFor();
    await colleagueRow.getByRole('cell', { name: 'Ägare', exact: true }).waitFor();
    // The button stayed where it was, with focus, and now offers the way back.
    expect(await owner.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Gör till medlem: ${COLLEAGUE.name}`);
  }, 60_000);

  it('shows the verification and the membership changes in the audit log', async () => {
    await moderator.goto(`${app.url}/moderation`);
    const log = moderator.getByRole('table', { name: 'Granskningslogg, nyast först' });
    // The log is projected from the event log after each commit: wait for it to catch up.
    await expect
      .poll(async () => {
        await moderator.getByRole('button', { name: 'Hämta nya händelser' }).click();
        return log.textContent();
      })
      .toContain('Roll i organisation ändrad');
    const text = await log.textContent();
    expect(text).toContain('Organisation verifierad');
    expect(text).toContain('Medlem tillagd');
    expect(text).toContain('Förfrågan om medlemskap avböjd');

    await moderator.getByLabel('Händelse').selectOption({ label: 'Roll i organisation ändrad' });
    await moderator.getByRole('button', { name: 'Visa', exact: true }).click();
    await expect.poll(() => moderator.url()).toContain('action=organisation.role_changed');
    await moderator.getByText('Visar 1 händelse.').waitFor();
    const entry = log.getByRole('row').nth(1);
    expect(await entry.textContent()).toContain(OWNER.name);
    // The person it is about, by name (with the id that tells two of one name apart).
    expect(await entry.textContent()).toContain(`Användare: ${COLLEAGUE.name}`);
    expect(await entry.textContent()).toContain('Roll: Ägare');

    await moderator.getByLabel('Händelse').selectOption({ label: 'Organisation verifierad' });
    await moderator.getByRole('button', { name: 'Visa', exact: true }).click();
    await expect.poll(() => moderator.url()).toContain('action=organisation.verified');
    await expect.poll(() => log.getByRole('row').nth(1).textContent()).toContain('Organisation verifierad');
    expect(await log.getByRole('row').nth(1).textContent()).toContain('Mona Moderator');
    expect(await log.getByRole('row').count()).toBe(2);
    await expectAccessible(moderator, 'moderation, audit log filtered');

    // A period that ends before it starts is refused at the field.
    await moderator.getByLabel('Från och med').fill('2030-02-01');
    await moderator.getByLabel('Till och med').fill('2030-01-01');
    await moderator.getByRole('button', { name: 'Visa', exact: true }).click();
    await moderator.getByText('Slutdatumet ligger före startdatumet.').waitFor();
    expect(await moderator.evaluate(() => document.activeElement?.id)).toBe('audit-filter-to');
  }, 60_000);

  it('lets the owner move the question deadline, which another browser sees without reloading', async () => {
    const dialogueUrl = await publishDialogueThroughForm(owner, app.url, { title: 'Drönare för vårdtransporter', description: 'Vi vill veta vad marknaden kan erbjuda.', arena: 'Hälsa och vård', questionDeadline: '2030-12-01T17:00' });

    await colleague.goto(dialogueUrl);
    await colleague.getByRole('heading', { level: 1, name: 'Drönare för vårdtransporter' }).waitFor();
    await expect.poll(() => colleague.getByText(/^Live –/).count()).toBe(1);

    await owner.getByRole('button', { name: 'Ändra sista dag för frågor' }).click();
    const deadline = owner.getByLabel('Ny sista dag för frågor');
    expect(await deadline.inputValue()).toBe('2030-12-01T17:00');
    await deadline.fill('2031-01-15T12:00');
    await owner.getByRole('button', { name: 'Spara ny sista dag' }).click();
    const details = (page: Page) => page.getByRole('region', { name: 'Om dialogen' });
    await expect.poll(() => details(owner).textContent()).toContain('15 januari 2031');
    expect(await focusedText(owner)).toBe('Ändra sista dag för frågor');
    await expectAccessible(owner, 'dialogue with a moved deadline (owner)');

    await expect.poll(() => details(colleague).textContent()).toContain('15 januari 2031');
    await expect.poll(() => colleague.getByTestId('live-announcer').textContent()).toContain('Sista dag för frågor är ändrad till 15 januari 2031');
  }, 60_000);

  it('lets the colleague download their data and remove their account', async () => {
    await colleague.goto(`${app.url}/account`);
    await colleague.getByRole('heading', { level: 1, name: 'Ditt konto' }).waitFor();
    const [download] = await Promise.all([
      colleague.waitForEvent('download'),
      colleague.getByRole('button', { name: 'Ladda ned mina uppgifter' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('dialogforum-my-data.json');
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const data = JSON.parse(await readFile(path, 'utf8')) as { profile: { email: string }; organisations: { name: string; role: string }[] };
    expect(data.profile.email).toBe(COLLEAGUE.email);
    expect(data.organisations).toContainEqual(expect.objectContaining({ name: ORGANISATION, role: 'owner' }));
    await colleague.getByText('Filen dialogforum-my-data.json har laddats ned.').waitFor();

    const remove = colleague.getByRole('form', { name: 'Ta bort ditt konto' });
    await remove.getByLabel('Ditt lösenord').fill('inte mitt lösenord');
    await remove.getByRole('button', { name: 'Ta bort mitt konto' }).click();
    await remove.getByText('Lösenordet stämmer inte. Kontot är inte borttaget.').waitFor();
    await expectAccessible(colleague, 'account, removal refused (375 px)');
    await remove.getByLabel('Ditt lösenord').fill(PASSWORD);
    await remove.getByRole('button', { name: 'Ta bort mitt konto' }).click();
    await colleague.getByRole('heading', { level: 2, name: 'Ditt konto är borttaget' }).waitFor();
    expect(await focusedText(colleague)).toBe('Ditt konto är borttaget');
    await colleague.getByRole('link', { name: 'Logga in', exact: true }).waitFor();

    await owner.goto(organisationUrl);
    await owner.getByRole('table', { name: `1 medlem i ${ORGANISATION}` }).waitFor();
  }, 60_000);

  it('scanned every page it visited', () => {
    expect(pagesScanned).toEqual([
      'organisations',
      'organisations, invalid organisation number',
      'moderation',
      'invitation, signed out (375 px)',
      'invitation accepted (375 px)',
      'organisation (owner)',
      'moderation, audit log filtered',
      'dialogue with a moved deadline (owner)',
      'account, removal refused (375 px)',
    ]);
  });
});
