// The archive package in Chromium against the built app: the operator (the platform's moderator)
// opens a dialogue with a question, an official answer and an attached file, finds the "Arkivpaket"
// section, starts the download with the keyboard alone, and the file the browser saves is a ZIP
// whose checksum manifest holds for every file in it. A supplier's page has no such section.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ATTACHMENT_NAME_HEADER, attachmentUploadPath } from '@dialogforum/contracts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkManifest, MANIFEST, unpack } from '../../server/test/support/archive-package.ts';
import { samplePdf } from '../../server/test/support/sample-files.ts';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator } from './support/moderator.ts';

const OPERATOR_NAME = 'Myndigheten för arkiverade dialoger';
const PASSWORD = 'arkivpaketet i webbläsaren';
const DIALOGUE = 'Vinterväghållning med sensorer';

let app: BuiltApp;
let browser: Browser;
let downloads: string;
let dialogueId: string;
let supplier: ApiPerson;
const { expectAccessible } = accessibilityScans();

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${app.url}/login`);
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, OPERATOR_NAME });
  browser = await launchChromium();
  downloads = await mkdtemp(path.join(os.tmpdir(), 'dialogforum-archive-'));
  const moderator = await signUpModerator(app);
  const buyer = await signedUpPerson(app, { name: 'Berit Beställare', email: 'berit@region.example', password: PASSWORD, representation: 'buyer' });
  await buyer.api.organisations.create.mutate({ name: 'Region Exempel', kind: 'buyer' });
  await moderator.verifyOrganisation('Region Exempel');
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: DIALOGUE,
    description: 'Vi söker sensorer för halkbekämpning.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString(),
    visibility: 'public',
  }));
  supplier = await signedUpPerson(app, { name: 'Alice Leverantör', email: 'alice@vagteknik.example', password: PASSWORD, representation: 'supplier' });
  await supplier.api.organisations.create.mutate({ name: 'Vägteknik AB', kind: 'supplier' });
  const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Egna sensorer?', body: 'Får vi använda egna sensorer?' });
  await buyer.api.threads.answer.mutate({ threadId, body: 'Ja, om de uppfyller kraven.' });
  const file = await fetch(`${app.url}${attachmentUploadPath('toDialogue', dialogueId)}`, {
    method: 'POST',
    headers: { cookie: buyer.cookie(), origin: app.url, 'content-type': 'application/octet-stream', [ATTACHMENT_NAME_HEADER]: encodeURIComponent('Underlag.pdf') },
    body: new Uint8Array(await samplePdf('Underlag')),
  });
  expect(file.status).toBe(201);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

describe('the archive package in the browser', () => {
  it('is downloaded by the operator, by keyboard, as a ZIP whose manifest holds', { timeout: 60_000 }, async () => {
    const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signIn(page, MODERATOR_EMAIL, MODERATOR_PASSWORD);
    await page.goto(`${app.url}/dialogues/${dialogueId}`);
    await page.getByRole('heading', { level: 1, name: DIALOGUE }).waitFor();
    const section = page.getByRole('region', { name: 'Arkivpaket' });
    const button = section.getByRole('button', { name: 'Ladda ner arkivpaket (ZIP)' });
    await button.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'dialogue with the archive package section (moderator)');

    await button.focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^Arkivpaket – Vinterväghållning med sensorer – \d{4}-\d\d-\d\d\.zip$/);
    const saved = path.join(downloads, 'package.zip');
    await download.saveAs(saved);
    await section.getByText(`Klart: ${name} är nedladdad.`).waitFor();

    const bytes = await readFile(saved);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    const files = await unpack(bytes);
    expect([...files.keys()].at(-1)).toBe(MANIFEST);
    expect(files.get('README.txt')?.toString('utf8')).toContain(OPERATOR_NAME);
    expect([...files.keys()].some((file) => file.startsWith('attachments/') && file.endsWith('/Underlag.pdf'))).toBe(true);
    expect(checkManifest(files)).toEqual({ listed: [...files.keys()].filter((file) => file !== MANIFEST), mismatched: [], unlisted: [], malformed: [] });
    await context.close();
  });

  it('is not offered to a supplier', { timeout: 30_000 }, async () => {
    const context = await browser.newContext({ locale: 'sv-SE' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signIn(page, 'alice@vagteknik.example', PASSWORD);
    await page.goto(`${app.url}/dialogues/${dialogueId}`);
    await page.getByRole('region', { name: 'Exportera frågor och svar' }).waitFor();
    expect(await page.getByRole('region', { name: 'Arkivpaket' }).count()).toBe(0);
    await context.close();
  });
});
