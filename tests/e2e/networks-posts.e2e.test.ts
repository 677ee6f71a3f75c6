// Editing and hiding a network post in Chromium against the built app (issue 11 §4): a member edits
// their own post and the other member's open page shows the new text live, with the earlier text one
// click away; the admin organisation's buyer hides it with a reason by keyboard, lands on the note
// that says why, and the author's open page shows the note instead of the text. A member attaches a
// file to an item of the network's library by keyboard (a program renamed .pdf refused first, with a
// message that says why), the other member's open page shows it live and downloads it byte for
// byte; in English, a file over the limit is refused with the limit named. Each new view is scanned
// with axe.
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { networkOf } from './support/buyers-network.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';
import { pdf } from './support/hand-made-pdf.ts';
import { organisationPerson, type OrganisationPerson } from './support/organisation-person.ts';
import { pageAs as openPageAs } from './support/page-as.ts';

let app: BuiltApp;
let browser: Browser;
const { expectAccessible } = accessibilityScans();
const PASSWORD = 'inlägg ändras men försvinner inte';
let discussionId = '';
let itemId = '';
const REQUIREMENTS = pdf('Kravbilaga larm');
/** The app runs with a small limit, so a file over it is quick to make. */
const MAX_BYTES = 65_536;
const TOO_LARGE = Buffer.concat([pdf('Stor ritning'), Buffer.alloc(MAX_BYTES)]);
/** A Windows program: "MZ", a PE header, and nothing a PDF reader would open. */
const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(1024)]);
let anna: Page;
let bengt: Page;

const buyer = (admin: ApiPerson, name: string, email: string, organisation: string): Promise<OrganisationPerson> =>
  organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind: 'buyer' });

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
  const admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  const norr = await buyer(admin, 'Anna Andersson', 'anna@norr.example', 'Region Norr');
  const syd = await buyer(admin, 'Bengt Berg', 'bengt@syd.example', 'Kommun Syd');
  const networkId = await networkOf(norr.person, [syd.person], 'Hemsjukvårdens nätverk');
  ({ discussionId } = await norr.person.api.networks.startDiscussion.mutate({ networkId, title: 'Krav på larm', body: 'Första utkastet till krav på larm.' }));
  await syd.person.api.networks.post.mutate({ discussionId, body: 'Vi vill ha med driftkraven.' });
  ({ itemId } = await norr.person.api.networks.publishItem.mutate({ networkId, title: 'Kravmall för larm', body: 'Gemensamma krav att utgå från.' }));
  browser = await launchChromium();
  [anna, bengt] = await Promise.all([openPageAs(browser, app.url, norr.person), openPageAs(browser, app.url, syd.person)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a network post', () => {
  it('is edited by its author; the other member sees the new text live and can open the earlier one', async () => {
    await Promise.all([anna.goto(`${app.url}/networks/discussions/${discussionId}`), bengt.goto(`${app.url}/networks/discussions/${discussionId}`)]);
    await anna.getByText('Vi vill ha med driftkraven.').waitFor();
    // Only the author is offered to edit: Anna has no edit button for Bengt's post, nor Bengt for Anna's.
    expect(await anna.getByRole('button', { name: /^Ändra/ }).count()).toBe(1);
    await bengt.getByRole('button', { name: /^Ändra.*Bengt Berg/ }).click();
    const field = bengt.getByLabel('Inlägg');
    expect(await field.inputValue()).toBe('Vi vill ha med driftkraven.');
    await field.fill('Vi vill ha med drift- och underhållskraven.');
    await bengt.getByRole('button', { name: 'Spara ändringen' }).click();
    await bengt.getByText('Vi vill ha med drift- och underhållskraven.').waitFor();

    await anna.getByText('Vi vill ha med drift- och underhållskraven.').waitFor();
    const post = anna.getByRole('article', { name: 'Bengt Berg, Kommun Syd' });
    await post.getByText('ändrat', { exact: false }).waitFor();
    await post.getByText('Tidigare versioner (1)').click();
    await post.getByText('Vi vill ha med driftkraven.').waitFor();
    await expectAccessible(anna, 'network post edited, earlier version open');
  }, 90_000);

  it('is hidden by the admin organisation’s buyer by keyboard, with a reason; the author sees why, not what', async () => {
    const hide = anna.getByRole('button', { name: /^Dölj.*Bengt Berg/ });
    await hide.focus();
    await anna.keyboard.press('Enter');
    // Sent without a reason, the form says so and changes nothing.
    await anna.getByRole('button', { name: 'Dölj inlägget' }).click();
    await expect.poll(() => anna.evaluate(() => document.activeElement?.getAttribute('name')), { timeout: 20_000 }).toBe('reason');
    await anna.getByLabel('Varför döljs inlägget?').fill('Innehöll en leverantörs prisuppgift.');
    await anna.keyboard.press('Tab');
    await anna.getByRole('button', { name: 'Dölj inlägget' }).press('Enter');
    // The button is gone with the act: the keyboard lands on the note that says why.
    await expect
      .poll(() => anna.evaluate(() => (document.activeElement?.classList.contains('network-post-hidden') ? document.activeElement.textContent : '')), { timeout: 20_000 })
      .toContain('Innehöll en leverantörs prisuppgift.');
    expect(await anna.getByText('Vi vill ha med drift- och underhållskraven.').count()).toBe(0);
    await expectAccessible(anna, 'network post hidden');

    await bengt.getByText('Innehöll en leverantörs prisuppgift.', { exact: false }).waitFor();
    expect(await bengt.getByText('Vi vill ha med drift- och underhållskraven.').count()).toBe(0);
    expect(await bengt.getByRole('button', { name: /^Ändra/ }).count()).toBe(0);
  }, 90_000);
});

describe('a file in the network’s library', () => {
  it('is attached by a member by keyboard, after a refused program; the other member sees it arrive and downloads it byte for byte', async () => {
    await Promise.all([anna.goto(`${app.url}/networks/library/${itemId}`), bengt.goto(`${app.url}/networks/library/${itemId}`)]);
    const files = bengt.getByRole('region', { name: 'Filer' });
    await files.getByText('Inga filer än.', { exact: false }).waitFor();
    await anna.getByRole('region', { name: 'Filer' }).getByText('Inga filer än.', { exact: false }).waitFor();
    await expectAccessible(bengt, 'network library item without files');

    const toggle = files.getByRole('button', { name: /^Bifoga fil/ });
    await toggle.focus();
    await bengt.keyboard.press('Enter');
    const field = files.getByLabel('Fil att bifoga');
    await field.setInputFiles({ name: 'faktura.pdf', mimeType: 'application/pdf', buffer: PROGRAM });
    await field.focus();
    await bengt.keyboard.press('Tab');
    await expect.poll(() => bengt.evaluate(() => document.activeElement?.textContent)).toBe('Ladda upp');
    await bengt.keyboard.press('Enter');
    await files.getByRole('alert').getByText(/Filen tas inte emot\./).waitFor();
    await expect.poll(() => bengt.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('file');
    await expectAccessible(bengt, 'network file refused');

    await field.setInputFiles({ name: 'Kravbilaga larm.pdf', mimeType: 'application/pdf', buffer: REQUIREMENTS });
    await files.getByRole('button', { name: 'Ladda upp' }).press('Enter');
    await files.getByRole('link', { name: 'Kravbilaga larm.pdf' }).waitFor();
    await files.getByText(/bifogad av Kommun Syd .*version 1/).waitFor();
    await expect.poll(() => bengt.getByTestId('live-announcer').textContent()).toContain('Filen Kravbilaga larm.pdf är bifogad.');
    await expectAccessible(bengt, 'network library item with a file');

    // Anna's open page is told through the network's room.
    const link = anna.getByRole('region', { name: 'Filer' }).getByRole('link', { name: 'Kravbilaga larm.pdf' });
    await link.waitFor();
    const [download] = (await Promise.all([anna.waitForEvent('download'), link.click()])) as [Download, void];
    expect(download.suggestedFilename()).toBe('Kravbilaga larm.pdf');
    expect((await readFile(await download.path())).equals(REQUIREMENTS)).toBe(true);
  }, 90_000);

  it('says in English what the files are and why a file too large is refused', async () => {
    await anna.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => anna.evaluate(() => document.documentElement.lang)).toBe('en');
    const files = anna.getByRole('region', { name: 'Files' });
    await files.getByText(/attached by Kommun Syd .*version 1/).waitFor();
    await files.getByRole('button', { name: /^Attach a file/ }).click();
    await files.getByLabel('File to attach').setInputFiles({ name: 'Stor ritning.pdf', mimeType: 'application/pdf', buffer: TOO_LARGE });
    await files.getByRole('button', { name: 'Upload' }).click();
    await files.getByRole('alert').getByText('The file is too large. It may be at most 66 kB.').waitFor();
    await expectAccessible(anna, 'network file too large (English)');
    expect(await files.getByRole('link').count()).toBe(1);
  }, 60_000);
});
