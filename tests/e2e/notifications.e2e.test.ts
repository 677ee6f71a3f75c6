// Following and notifications in Chromium against the built app. A supplier follows a dialogue; the
// buyer publishes an answer; the supplier's badge in the header counts it live (and the polite live
// region says it) without a reload; the notifications page lists it. The server is then restarted
// past its digest time, as a server that was down at the digest time is: the daily digest mail is
// read back from DATA_DIR/mail and holds the answer. Its unsubscribe link, opened in a browser that
// is signed in as nobody, turns the mail off with one button. Every new view is scanned with axe.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { mailsTo } from './support/mailbox.ts';
import { MODERATOR_EMAIL, signUpModerator, type Moderator } from './support/moderator.ts';
import { signUpWithOrganisation, type Newcomer } from './support/newcomer.ts';
import { publishDialogueThroughForm } from './support/dialogue-form.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let buyer: Page;
let alice: Page;
let bob: Page;
let moderator: Moderator;
let dialogueUrl = '';
const { expectAccessible } = accessibilityScans();

const BUYER = { name: 'Berit Beställare', email: 'berit@hamnexempel.example', organisation: 'Hamnexempel', buyer: true };
const ALICE = { name: 'Alice Leverantör', email: 'alice@elfarja.example', organisation: 'Elfärja AB', buyer: false };
const BOB = { name: 'Bob Följare', email: 'bob@foljare.example', organisation: 'Följare AB', buyer: false };
const DIALOGUE = 'Eldrivna färjor i skärgården';
const QUESTION = 'Hur lång laddtid vid kaj?';

// The first start's digest time lies ahead (today's run is not due); the restart's has passed, so
// the restarted server sends today's digest as it starts.
const NOT_YET = { DIGEST_TIME: '23:59', DIGEST_TIME_ZONE: 'Europe/Stockholm' };
const PASSED = { DIGEST_TIME: '00:00', DIGEST_TIME_ZONE: 'Europe/Stockholm' };

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, ...NOT_YET });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
  contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' })));
  for (const context of contexts) context.setDefaultTimeout(8000);
  [buyer, alice, bob] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page, Page];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('following and notifications', () => {
  it('starts with a buyer’s dialogue and a supplier’s question in it', async () => {
    await signUpWithOrganisation(buyer, app, BUYER);
    await moderator.verifyOrganisation(BUYER.organisation);
    dialogueUrl = await publishDialogueThroughForm(buyer, app.url, { title: DIALOGUE, description: 'Vi söker eldrivna färjor.', arena: 'Transport', phase: 'Marknadsdialog', questionDeadline: '2030-12-01T17:00' });

    await signUpWithOrganisation(alice, app, ALICE);
    await alice.goto(dialogueUrl);
    await alice.getByLabel('Rubrik').fill(QUESTION);
    await alice.getByLabel('Din fråga').fill('Hur lång tid får laddningen ta?');
    await alice.getByRole('button', { name: 'Skicka fråga' }).click();
    await alice.getByText('Din fråga är publicerad.').first().waitFor();
  }, 60_000);

  it('lets a supplier follow the dialogue, and counts a new answer in it live in the header', async () => {
    // Bob follows the dialogue from its page; the button says what it now does, focus stays on it.
    await signUpWithOrganisation(bob, app, BOB);
    await bob.goto(dialogueUrl);
    await bob.getByRole('heading', { level: 3, name: QUESTION }).waitFor();
    await bob.getByRole('button', { name: 'Följ dialogen' }).click();
    await bob.getByText('Du följer dialogen: nya publicerade frågor och svar').waitFor();
    await bob.getByRole('button', { name: 'Sluta följa dialogen' }).waitFor();
    expect(await bob.evaluate(() => document.activeElement?.textContent)).toContain('Sluta följa dialogen');
    const link = bob.getByRole('link', { name: /^Notiser/ });
    await expect.poll(() => link.textContent()).toContain('0 olästa notiser');
    await expectAccessible(bob, 'dialogue followed (supplier)');

    // Bob goes to another page; the buyer answers; the badge counts it without a reload.
    // The header's live socket is connected (socket.io upgrades to a websocket once connected)
    // before anything is pushed.
    const upgraded = bob.waitForEvent('websocket', { timeout: 15_000 });
    await bob.goto(`${app.url}/`);
    await upgraded;
    await bob.getByRole('link', { name: /^Notiser/ }).waitFor();
    // A keyboard user is on the search link when the notification comes.
    await bob.getByRole('link', { name: 'Sök' }).focus();
    const thread = buyer.getByRole('article', { name: QUESTION });
    await thread.getByRole('button', { name: 'Svara officiellt' }).click();
    await thread.getByLabel('Ditt officiella svar').fill('Högst **20 minuter** vid kaj.');
    await thread.getByRole('button', { name: 'Publicera officiellt svar' }).click();
    await bob.getByTestId('unread-count').filter({ hasText: '1' }).waitFor();
    await expect.poll(() => link.textContent()).toContain('1 oläst notis');
    await expect.poll(() => bob.getByTestId('live-announcer').textContent()).toContain('Ny notis: Nytt svar i något du följer');
    // Polite: nothing took the focus.
    expect(await bob.evaluate(() => document.activeElement?.textContent)).toBe('Sök');
  }, 60_000);

  it('lists the notification, and shows the e-mail choice and what the supplier follows on the account page', async () => {
    const link = bob.getByRole('link', { name: /^Notiser/ });
    await link.click();
    await bob.getByRole('heading', { level: 1, name: 'Notiser' }).waitFor();
    const item = bob.getByRole('listitem').filter({ hasText: 'Nytt svar i något du följer' });
    await item.getByRole('link', { name: `”${QUESTION}” i dialogen ”${DIALOGUE}”` }).waitFor();
    await item.getByText('Oläst').waitFor();
    await expectAccessible(bob, 'notifications page with an unread notification');

    // The account page: the e-mail choice (a daily summary by default) and what Bob follows.
    await bob.goto(`${app.url}/account`);
    const settings = bob.getByRole('region', { name: 'Notiser och e-post' });
    expect(await settings.getByRole('radio', { name: /En sammanfattning om dagen, kl\. 23:59 \(Europe\/Stockholm\)/ }).isChecked()).toBe(true);
    await settings.getByRole('link', { name: DIALOGUE }).waitFor();
    await expectAccessible(bob, 'account page with notification settings');
  }, 60_000);

  it('mails the day’s digest once the digest time has passed, also after a restart, and stops it from the mail without signing in', async () => {
    await app.stop({ keepData: true });
    app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, ...PASSED }, { dataDir: app.dataDir });

    const [digest, ...more] = await mailsTo(app.dataDir, BOB.email, /sammanfattning/);
    expect(more).toEqual([]);
    expect(digest?.subject).toBe('Dagens sammanfattning: 1 notis – Dialogforum');
    expect(digest?.text).toContain('Nytt svar i något du följer');
    expect(digest?.text).toContain(`«${QUESTION}» i dialogen «${DIALOGUE}»`);
    expect(digest?.html).toContain(`«${QUESTION}» i dialogen «${DIALOGUE}»`);
    expect(digest?.headers?.find((header) => header.key === 'list-unsubscribe')?.value).toMatch(new RegExp(`^<${app.url.replace(/[.]/g, '\\.')}/unsubscribe\\?token=`));
    // Alice chose nothing either, but her own question's answer is hers: it is in her digest.
    expect((await mailsTo(app.dataDir, ALICE.email, /sammanfattning/))[0]?.text).toContain('Din fråga har besvarats');

    // The link in the mail, opened where nobody is signed in: a page and a button, nothing changed by opening it.
    const link = new URL(/https?:\/\/\S+\/unsubscribe\?token=[A-Za-z0-9_.-]+/.exec(digest?.text ?? '')?.[0] ?? 'http://missing/');
    const stranger = await browser.newContext({ locale: 'sv-SE' });
    contexts.push(stranger);
    const page = await stranger.newPage();
    await page.goto(`${app.url}${link.pathname}${link.search}`);
    await page.getByRole('heading', { level: 1, name: 'Sluta få e-post om notiser' }).waitFor();
    await page.getByText('Det här kontot får i dag: en sammanfattning om dagen.').waitFor();
    await expectAccessible(page, 'unsubscribe page (signed out)');
    await page.getByRole('button', { name: 'Stäng av e-post om notiser' }).click();
    await page.getByRole('heading', { level: 2, name: 'E-post om notiser är avstängd' }).waitFor();

    // Bob, signed in (the restarted server kept his session), sees his choice changed.
    await bob.goto(`${app.url}/account`);
    const settings = bob.getByRole('region', { name: 'Notiser och e-post' });
    await settings.getByRole('radio', { name: 'Ingen e-post' }).waitFor();
    expect(await settings.getByRole('radio', { name: 'Ingen e-post' }).isChecked()).toBe(true);
  }, 60_000);
});
