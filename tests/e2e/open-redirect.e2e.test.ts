// Open redirect after signing in (issue 6, finding 5): `/login?next=/%09/evil.example/phish` passed
// the login page's "one leading slash" check, and the URL parser, which drops the tab, then took the
// browser to http://evil.example/phish — a phishing page behind a link to our own domain. Replayed
// in Chromium against the built app with a corpus of open-redirect payloads of the shapes reported
// in advisories (written for this project): control characters, backslashes, encoded and doubled
// slashes, userinfo, scheme-relative and scheme-only URLs, script and data schemes, lookalike dots.
// Each is put in a link as an attacker would write it; a person signs in from it; the page must stay
// on the app, never run script, and never ask another host for anything. Same-origin `next` values
// must keep working.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator } from './support/moderator.ts';

/** `next` exactly as it appears in the attacker's link (already percent-encoded where it should be). */
const EVIL = 'evil.example';
const PAYLOADS: readonly string[] = [
  `/%09/${EVIL}/phish`,
  `/%0A/${EVIL}`,
  `/%0D/${EVIL}`,
  `/%0D%0A/${EVIL}`,
  `%09//${EVIL}`,
  `//%09/${EVIL}`,
  `//${EVIL}`,
  `///${EVIL}`,
  `////${EVIL}/%2F..`,
  `/.//${EVIL}`,
  `/%2F/${EVIL}`,
  `%2F%2F${EVIL}`,
  `/%2F%2F${EVIL}`,
  `/%5C${EVIL}`,
  `/%5C/${EVIL}`,
  `%5C%5C${EVIL}`,
  `%5C/${EVIL}`,
  `/%5C%5C${EVIL}`,
  `https://${EVIL}`,
  `http://${EVIL}/phish`,
  `HTTPS://${EVIL.toUpperCase()}`,
  `https:${EVIL}`,
  `http:/${EVIL}`,
  `https:/%5C${EVIL}`,
  `%20https://${EVIL}`,
  `//APP@${EVIL}`,
  `https://APP@${EVIL}/`,
  `/%2FAPP%40${EVIL}`,
  `//${EVIL}%23@APP`,
  `//evil%E3%80%82example`,
  `//${EVIL}:80`,
  `//0x7f.1/`,
  `javascript:alert(document.domain)`,
  `JaVaScRiPt:alert(1)`,
  `java%09script:alert(1)`,
  `%20javascript:alert(1)`,
  `javascript://%0Aalert(1)`,
  `data:text/html,%3Cscript%3Ealert(1)%3C/script%3E`,
  `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  `vbscript:msgbox(1)`,
  `blob:https://${EVIL}/0b8a5a4e-9d4f-4b7e-8d2a-5c6f7e8d9a0b`,
  `mailto:phish@${EVIL}`,
];

/** Same-origin places a person may rightly return to, with where they must land. */
const OWN_PLACES: readonly [next: string, lands: string][] = [
  ['/account', '/account'],
  ['%2Fsearch%3Fq%3Dv%C3%A4tgas', '/search?q=v%C3%A4tgas'],
  ['/organisations%23mine', '/organisations#mine'],
  ['APP_ORIGIN/account', '/account'],
];

let app: BuiltApp;
let appOrigin: string;
let browser: Browser;

beforeAll(async () => {
  app = await startBuiltApp();
  appOrigin = new URL(app.url).origin;
  browser = await launchChromium();
  await signUpModerator(app); // any confirmed account will do; this one has known credentials
  visit = await watchedBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Visit = { page: Page; context: BrowserContext; elsewhere: string[]; dialogs: string[] };
let visit: Visit;

/** One browser for every link, which records (and refuses) every request to another host, and every dialog. */
async function watchedBrowser(): Promise<Visit> {
  const context = await browser.newContext({ locale: 'sv-SE' });
  context.setDefaultTimeout(8000);
  const elsewhere: string[] = [];
  const dialogs: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === appOrigin) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, context, elsewhere, dialogs };
}

/** Signed out, opens the attacker's link, signs in from it, and resolves with where the page ends up. */
async function signInFrom(next: string): Promise<URL> {
  const { page, context } = visit;
  await context.clearCookies();
  visit.elsewhere.length = 0;
  visit.dialogs.length = 0;
  const host = new URL(app.url).host;
  const link = `${app.url}/login?next=${next.replaceAll('APP_ORIGIN', encodeURIComponent(appOrigin)).replaceAll('APP', host)}`;
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await page.getByLabel('E-post').fill(MODERATOR_EMAIL);
  await page.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  // Leaving the login page is the redirect; whatever it is, wait for it to settle.
  await page.waitForURL((url) => !(url.origin === appOrigin && url.pathname === '/login'));
  await page.waitForLoadState();
  return new URL(page.url());
}

describe('the return address after signing in', () => {
  it.each(PAYLOADS)('stays on the app for next=%s', async (payload) => {
    const landed = await signInFrom(payload);
    expect(landed.origin, `landed on ${landed.href}`).toBe(appOrigin);
    // Signed in and shown one of the app's own pages (the start page, or a "no such page" for a
    // value the parser reads as a path here, such as http:/evil.example), never another site's.
    await visit.page.getByRole('button', { name: 'Logga ut' }).first().waitFor();
    await visit.page.getByRole('heading', { level: 1 }).waitFor();
    expect(visit.elsewhere, 'requests to another host').toEqual([]);
    expect(visit.dialogs, 'script run by the payload').toEqual([]);
  });

  it.each(OWN_PLACES)('still returns to a place on the app: next=%s', async (next, lands) => {
    const landed = await signInFrom(next);
    expect(`${landed.origin}${landed.pathname}${landed.search}${landed.hash}`).toBe(`${appOrigin}${lands}`);
    await visit.page.getByRole('button', { name: 'Logga ut' }).first().waitFor();
    expect(visit.elsewhere).toEqual([]);
  });
});
