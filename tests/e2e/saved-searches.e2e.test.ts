// Saved searches in Chromium against the built app. A supplier searches, and saves the search from
// the results page with the keyboard alone (name, in-app and immediate mail); a question waiting in
// the buyers' inbox tells her nothing; when the buyer publishes it with its answer, the header's
// unread count rises live, the notifications page names the saved search and links to its newest
// results, and the mail arrives. Her saved-searches page lists it, renames it and deletes it (with
// the empty state after). Every new view is scanned with axe.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailTo } from '../../server/test/support/mailbox.ts';
import { startTestServer, type TestServer, type Visitor } from '../../server/test/support/test-server.ts';
import { accessibilityScans } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';

const CLIENT_INDEX = path.resolve(import.meta.dirname, '../../client/dist/index.html');
const PASSWORD = 'bevakning i webbläsaren';
const ALICE_EMAIL = 'alice@halka.example';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let buyer: Visitor;
let supplier: Visitor;
let dialogueId = '';
const { expectAccessible } = accessibilityScans();

/** Whether the element `locator` finds has the keyboard focus. */
const focused = (locator: ReturnType<Page['locator']>) => locator.evaluate((element) => element === document.activeElement);

beforeAll(async () => {
  if (!existsSync(CLIENT_INDEX)) throw new Error('The client is not built: run `pnpm build` first (`pnpm test` does).');
  server = await startTestServer();
  buyer = server.visitor();
  supplier = server.visitor();
  const alice = server.visitor();
  await buyer.registerVerified({ name: 'Berit Beställare', email: 'berit@vagverket.example', password: PASSWORD, representation: 'buyer', organisationName: 'Vägverket Exempel' });
  await supplier.registerVerified({ name: 'Sam Säljare', email: 'sam@salt.example', password: PASSWORD, representation: 'supplier', organisationName: 'Salt AB' });
  await alice.registerVerified({ name: 'Alice Leverantör', email: ALICE_EMAIL, password: PASSWORD, representation: 'supplier', organisationName: 'Halka AB' });
  const day = 86_400_000;
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: 'Vinterväghållning på landsbygden',
    description: 'Vi vill förstå marknaden.',
    arenaId: 'transport',
    phase: 'tender',
    questionDeadline: new Date(server.clock.now().getTime() + 7 * day).toISOString(),
    tenderDeadline: new Date(server.clock.now().getTime() + 30 * day).toISOString(),
    visibility: 'public',
  }));
  await server.settled();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(15_000);
  const [name, value] = alice.cookie().split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('saved searches in the browser', () => {
  it('are saved from the results page with the keyboard alone', async () => {
    await page.goto(`${server.url}/search?q=halkbek%C3%A4mpning`);
    const status = page.getByRole('status').filter({ hasText: 'träff' });
    await expect.poll(() => status.textContent()).toBe('Inga träffar för ”halkbekämpning”.');
    // From the search field: past "Sök" to "Bevaka sökningen".
    await page.getByRole('searchbox', { name: 'Sökord' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const open = page.getByRole('button', { name: 'Bevaka sökningen' });
    expect(await focused(open)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    const name = page.getByRole('textbox', { name: 'Namn på bevakningen' });
    expect(await focused(name)).toBe(true);
    expect(await name.inputValue()).toBe('halkbekämpning');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Halka på vägarna');
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('checkbox', { name: 'Visa nya träffar bland mina notiser' }))).toBe(true);
    await page.keyboard.press('Tab');
    // The e-mail choice starts at the daily summary; one arrow up is "at once".
    expect(await focused(page.getByRole('radio', { name: 'I den dagliga sammanfattningen' }))).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await page.getByRole('radio', { name: /^Direkt/ }).isChecked()).toBe(true);
    await expectAccessible(page, 'the form that saves a search');
    await page.keyboard.press('Tab');
    expect(await focused(page.getByRole('button', { name: 'Spara bevakningen' }))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Bevakningen ”Halka på vägarna” är sparad.').waitFor();
    // The panel closed and the keyboard is back on the button that opened it.
    expect(await focused(open)).toBe(true);
    expect(await open.getAttribute('aria-expanded')).toBe('false');
  });

  it('tell of a matching question when the buyer publishes it, live in the header, on the notifications page and by mail', async () => {
    const badge = page.getByTestId('unread-count');
    const unreadBefore = Number((await badge.count()) > 0 ? await badge.textContent() : 0);
    // In the tender phase a supplier's question waits in the buyers' inbox: nobody else is told yet.
    const { threadId } = await supplier.api.threads.ask.mutate({ dialogueId, title: 'Vilken halkbekämpning på grusvägar?', body: 'Sand eller salt?' });
    await server.settled();
    expect(Number((await badge.count()) > 0 ? await badge.textContent() : 0)).toBe(unreadBefore);
    // The buyer publishes it with the answer: the count rises without a reload.
    await buyer.api.threads.publish.mutate({ threadId, answer: 'Sand på grusvägar, salt på asfalt.', attachmentIds: [] });
    await expect.poll(() => badge.textContent(), { timeout: 10_000 }).toBe(String(unreadBefore + 1));

    await page.getByRole('link', { name: /^Notiser/ }).first().click();
    const item = page.getByRole('listitem').filter({ hasText: 'Nya träffar för din bevakning' });
    await item.waitFor();
    expect(await item.textContent()).toContain('”Halka på vägarna”');
    expect(await item.textContent()).toContain('1 ny träff');
    await expectAccessible(page, 'notifications with a saved search’s');
    await item.getByRole('link').first().click();
    await page.waitForURL(/\/search\?q=halkbek%C3%A4mpning&sort=newest/);
    await page.getByRole('link', { name: /Vilken halkbekämpning på grusvägar/ }).waitFor();

    const [mail] = await mailTo(server.dataDir, ALICE_EMAIL, /bevakning/);
    expect(mail?.subject).toBe('Nya träffar för din bevakning – Dialogforum');
    expect(mail?.text).toContain('«Halka på vägarna»');
    expect(mail?.text).toMatch(/\/unsubscribe\?token=/);
  });

  it('are listed, renamed and deleted on the saved-searches page, which says when there are none', async () => {
    await page.goto(`${server.url}/account/saved-searches`);
    const heading = page.getByRole('heading', { level: 2, name: 'Halka på vägarna' });
    await heading.waitFor();
    expect(await page.getByText('Avisering: notis, e-post direkt').count()).toBe(1);
    await expectAccessible(page, 'saved searches');

    await page.getByRole('button', { name: /^Ändra ?: Halka på vägarna$/ }).click();
    const name = page.getByRole('textbox', { name: 'Namn på bevakningen' });
    await name.fill('Halka och grus');
    await page.getByRole('radio', { name: 'Ingen e-post' }).check();
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Bevakningen ”Halka och grus” är ändrad.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Halka och grus' }).waitFor();
    expect(await page.getByText('Avisering: notis').count()).toBe(1);

    await page.getByRole('button', { name: 'Ta bort bevakningen ”Halka och grus”' }).click();
    await page.getByRole('button', { name: 'Ja, ta bort' }).click();
    const gone = page.getByText('Bevakningen ”Halka och grus” är borttagen.');
    await gone.waitFor();
    expect(await focused(gone)).toBe(true);
    await page.getByText('Du bevakar inga sökningar ännu.').waitFor();
    await expectAccessible(page, 'no saved searches');
  });
});
