// A person signing up the way a newcomer does: the registration form, then the link in the mail.
import type { Page } from 'playwright-core';
import type { BuiltApp } from './built-app.ts';
import { mailedLink } from './mailbox.ts';

export const PASSWORD = 'ett långt och säkert lösenord';

/** `organisation`: the one they create once their address is confirmed (registration makes none). */
export type Newcomer = { name: string; email: string; organisation: string; buyer: boolean };

/**
 * Fills and sends the registration form on the current page; resolves once the page says to check
 * the mail. Registration signs nobody in: the mailed link does (confirmEmailThroughMail), or the
 * password (signInThroughForm).
 */
export async function fillRegistration(page: Page, who: Newcomer): Promise<void> {
  await page.getByLabel('Ditt namn').fill(who.name);
  await page.getByLabel('E-post').fill(who.email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByLabel(who.buyer ? 'En upphandlande organisation (beställare)' : 'En leverantör').check();
  await page.getByRole('button', { name: 'Skapa konto' }).click();
  await page.getByRole('heading', { level: 2, name: 'Titta i din e-post' }).waitFor();
  await page.getByText(`Vi har skickat ett mejl till ${who.email}.`).waitFor();
}

export async function registerThroughForm(page: Page, app: BuiltApp, who: Newcomer): Promise<void> {
  await page.goto(`${app.url}/register`);
  await fillRegistration(page, who);
}

/** Opens the confirmation link from the newest mail to `email` in that person's browser, which it signs in. */
export async function confirmEmailThroughMail(page: Page, app: BuiltApp, email: string): Promise<void> {
  const link = await mailedLink(app.dataDir, email, 'verify-email');
  if (!/^\/verify-email\?token=[A-Za-z0-9_-]{43}$/.test(link)) throw new Error(`unexpected confirmation link ${link}`);
  await page.goto(`${app.url}${link}`);
  await page.getByText('Tack! Din e-postadress är bekräftad.').waitFor();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
}

/**
 * The step after confirming: from the confirmation page, "find your organisation or create one",
 * where the newcomer creates `who.organisation` (a buyer organisation for a buyer) and acts for it.
 * Resolves on the new organisation's page.
 */
export async function createOrganisationAfterConfirming(page: Page, who: Newcomer): Promise<void> {
  await page.getByRole('link', { name: 'Hitta din organisation eller skapa en' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Hitta din organisation eller skapa en' }).waitFor();
  const form = page.getByRole('form', { name: 'Skapa en organisation' });
  await form.getByLabel('Organisationens namn').fill(who.organisation);
  await form.getByLabel(who.buyer ? 'Upphandlande organisation (beställare)' : 'Leverantör', { exact: true }).check();
  await form.getByRole('button', { name: 'Skapa organisation' }).click();
  await page.getByRole('heading', { level: 1, name: who.organisation }).waitFor();
}

/** The whole way in for most tests' people: the form, the mailed link, their own organisation. */
export async function signUpWithOrganisation(page: Page, app: BuiltApp, who: Newcomer): Promise<void> {
  await registerThroughForm(page, app, who);
  await confirmEmailThroughMail(page, app, who.email);
  await createOrganisationAfterConfirming(page, who);
}

/** Signs in through the login form with the newcomers' password; resolves once signed in. */
export async function signInThroughForm(page: Page, app: BuiltApp, email: string): Promise<void> {
  await page.goto(`${app.url}/login`);
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('button', { name: 'Logga ut' }).waitFor();
}
