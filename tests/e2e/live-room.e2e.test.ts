// A session's live room in Chromium against the built app, with a host and two participants in
// three browser contexts: the host starts the session from the console and requires approval; a
// question is submitted, approved, upvoted (by keyboard), pinned and marked answered; a poll is
// opened and answered — and each browser sees every change without reloading. New questions are
// announced politely and never take the focus from someone typing. Every page passes axe.
// The accounts, the dialogue and the session are set up through the API (other e2e tests cover
// signing up and scheduling through the forms); everything in the room is done through the pages.
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../server/src/app-router.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { scheduledSession } from './support/live-session.ts';
import { mailedLink } from './support/mailbox.ts';
import { MODERATOR_EMAIL, signUpModerator, type Moderator } from './support/moderator.ts';
import { PASSWORD, signInThroughForm } from './support/newcomer.ts';

let app: BuiltApp;
let browser: Browser;
let moderator: Moderator;
const contexts: BrowserContext[] = [];
let host: Page;
let alice: Page;
let bob: Page;
let liveUrl: string;
const { scanned, expectAccessible } = accessibilityScans();

/** A person set up through the API as the forms would: registered, address confirmed, acting for their organisation. */
async function person(name: string, email: string, organisation: string, buyer: boolean): Promise<TRPCClient<AppRouter>> {
  let cookie = '';
  const jarFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) cookie = /max-age=0/i.test(line) ? '' : (line.split(';')[0] ?? '');
    return response;
  };
  const api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${app.url}/trpc`, fetch: jarFetch })] });
  await api.accounts.register.mutate({ name, email, password: PASSWORD, representation: buyer ? 'buyer' : 'supplier', language: 'sv' });
  const link = new URL(await mailedLink(app.dataDir, email, 'verify-email'), app.url);
  await api.accounts.verifyEmail.mutate({ token: link.searchParams.get('token') ?? '' });
  await api.organisations.create.mutate({ name: organisation, kind: buyer ? 'buyer' : 'supplier' });
  if (buyer) await moderator.verifyOrganisation(organisation);
  return api;
}

async function browserFor(email: string, viewport?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', ...(viewport ? { viewport } : {}) });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  const page = await context.newPage();
  await signInThroughForm(page, app, email);
  return page;
}

const questionText = 'Hur ska mätarna kommunicera med vårt system?';
const question = (page: Page) => page.getByRole('listitem').filter({ hasText: questionText });

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
  const hostApi = await person('Hanna Värd', 'hanna@kommun.example', 'Vattenkommunen', true);
  await person('Alice Leverantör', 'alice@matare.example', 'Mätare AB', false);
  await person('Bob Leverantör', 'bob@sensor.example', 'Sensor AB', false);
  const { sessionId } = await scheduledSession(hostApi);
  liveUrl = `${app.url}/sessions/${sessionId}/live`;
  host = await browserFor('hanna@kommun.example');
  alice = await browserFor('alice@matare.example', { width: 375, height: 740 });
  bob = await browserFor('bob@sensor.example');
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.stop();
});

describe('a live room with a host and two participants', () => {
  it('the host opens the room from the session page and starts the session; everyone sees it live', async () => {
    await host.goto(liveUrl.replace(/\/live$/, ''));
    await host.getByRole('link', { name: 'Öppna liverummet och värdpanelen' }).click();
    await host.getByRole('heading', { level: 1, name: 'Live: Informationsmöte' }).waitFor();
    await host.getByRole('heading', { level: 2, name: 'Värdpanel' }).waitFor();
    for (const page of [alice, bob]) {
      await page.goto(liveUrl);
      await page.getByText('Mötet har inte börjat ännu.', { exact: false }).waitFor();
    }
    await host.getByRole('button', { name: 'Starta mötet' }).click();
    for (const page of [host, alice, bob]) await page.getByText('Pågår nu', { exact: true }).waitFor();
    // Three people in the room; the host sees who.
    await expect.poll(() => host.getByTestId('live-count').textContent(), { timeout: 10_000 }).toBe('3 deltagare');
    await host.getByText('3 deltagare', { exact: true }).last().click();
    await host.getByText('Alice Leverantör — Mätare AB').waitFor();
    await expect.poll(() => bob.getByTestId('live-count').textContent(), { timeout: 10_000 }).toBe('3 deltagare');
    expect(await bob.getByText('Alice Leverantör').count()).toBe(0);
    await expectAccessible(host, 'live room, host console');
  });

  it('a question waits for approval, then reaches everyone under the pseudonym, announced without taking focus', async () => {
    await host.getByLabel('Frågor väntar på godkännande innan de visas').check();
    await alice.getByText('Värden godkänner frågor innan de visas.', { exact: false }).waitFor();
    // Bob starts typing his own question: what arrives meanwhile must not move his focus.
    await bob.getByLabel('Din fråga').click();
    await bob.keyboard.type('Hur ser');

    await alice.getByLabel('Din fråga').fill(questionText);
    await alice.getByRole('button', { name: 'Skicka fråga' }).click();
    await alice.getByText('Din fråga har skickats. Den visas när värden har godkänt den.').waitFor();
    await question(host).getByText('Väntar på godkännande').waitFor();
    await question(host).getByText('Alice Leverantör — Mätare AB', { exact: false }).waitFor();
    expect(await question(bob).count()).toBe(0);

    await question(host).getByRole('button', { name: 'Godkänn' }).click();
    await question(bob).waitFor();
    await question(bob).getByText('Leverantör A', { exact: false }).waitFor();
    expect(await question(bob).getByText('Alice').count()).toBe(0);
    await expect.poll(() => bob.getByTestId('live-announcer').textContent()).toContain(`Ny fråga: ${questionText}`);
    expect(await bob.evaluate(() => document.activeElement?.id)).toBe('live-ask-body');
    expect(await bob.getByLabel('Din fråga').inputValue()).toBe('Hur ser');
    await expectAccessible(bob, 'live room, participant with a question');
  });

  it('an upvote by keyboard, a pin and an answer reach every browser', async () => {
    // Bob moves to the upvote button with the keyboard and presses it.
    // Once pressed, the button's name starts with a check mark (drawn by CSS, read by screen readers).
    const upvote = question(bob).getByRole('button', { name: /Rösta upp/ });
    await upvote.focus();
    await bob.keyboard.press('Enter');
    await expect.poll(() => upvote.getAttribute('aria-pressed')).toBe('true');
    for (const page of [host, alice]) await question(page).locator('.vote-count').getByText('1 röst', { exact: true }).waitFor();

    await question(host).getByRole('button', { name: 'Fäst' }).click();
    for (const page of [alice, bob]) await question(page).getByText('Fäst', { exact: true }).waitFor();

    await question(host).getByRole('button', { name: /^Markera som besvarad/ }).click();
    await host.getByLabel('Vad som svarades, i korthet').fill('Via LoRaWAN till ert befintliga system.');
    await host.locator('form[id^="answer-"]').getByRole('button', { name: 'Markera som besvarad' }).click();
    for (const page of [alice, bob]) {
      await question(page).getByText('Via LoRaWAN till ert befintliga system.').waitFor();
      await question(page).getByText('Besvarad', { exact: true }).waitFor();
    }
    await expectAccessible(alice, 'live room, answered question (375 px)');
  });

  it('a poll opened by the host is answered, and its results are live for all', async () => {
    await host.getByRole('button', { name: 'Ny omröstning' }).click();
    await host.getByLabel('Fråga', { exact: true }).fill('Hur många mätare har ni levererat?');
    await host.getByLabel('Alternativ').fill('Färre än 1 000\n1 000 eller fler');
    await host.getByRole('button', { name: 'Öppna omröstningen' }).click();
    const poll = (page: Page) => page.getByRole('region', { name: 'Hur många mätare har ni levererat?' });
    await poll(alice).waitFor();
    await poll(alice).getByLabel('1 000 eller fler').check();
    await poll(alice).getByRole('button', { name: 'Svara' }).click();
    for (const page of [host, bob]) await poll(page).getByText('1 (100 %)').waitFor();
    await poll(bob).getByLabel('Färre än 1 000').check();
    await poll(bob).getByRole('button', { name: 'Svara' }).click();
    for (const page of [host, alice]) {
      await poll(page).getByText('2 svar', { exact: false }).waitFor();
      await poll(page).getByText('1 (50 %)').first().waitFor();
    }
    await expectAccessible(bob, 'live room, poll results');
  });

  it('sorts by votes or newest, a pinned question first', async () => {
    await bob.getByLabel('Din fråga').fill('Hur ser ni på underhållet?');
    await bob.getByRole('button', { name: 'Skicka fråga' }).click();
    await question(host).waitFor();
    await host.getByRole('listitem').filter({ hasText: 'Hur ser ni på underhållet?' }).getByRole('button', { name: 'Godkänn' }).click();
    await alice.locator('.live-question-body', { hasText: 'Hur ser ni på underhållet?' }).waitFor();
    const order = () => alice.locator('.live-questions > li .live-question-body').allTextContents();
    // Most votes first by default (answering the first question took its pin away) …
    await expect.poll(order).toEqual([questionText, 'Hur ser ni på underhållet?']);
    // … newest first when chosen; and a pinned question goes first whatever the order.
    await alice.getByLabel('Nyast').check();
    await expect.poll(order).toEqual(['Hur ser ni på underhållet?', questionText]);
    await question(host).getByRole('button', { name: 'Fäst' }).click();
    await expect.poll(order).toEqual([questionText, 'Hur ser ni på underhållet?']);
    expect(scanned.length).toBeGreaterThanOrEqual(4);
  });
});
