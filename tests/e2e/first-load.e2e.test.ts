// The first load in Chromium against the built app: what the browser really downloads for "/" (the
// scripts' encoded bytes as Chromium counted them, compressed, within the budget, with no other
// page's code, markdown or socket.io), and a page fetched on demand: while its code is on its way
// the reader hears that the page is loading, then its heading takes focus; when its code cannot be
// fetched the reader is told so and offered a reload, and the rest of the page still works.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_LOAD_JS_BUDGET_BYTES } from '../first-load/first-load-scripts.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';

let app: BuiltApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const { scanned, expectAccessible } = accessibilityScans();

type ScriptLoad = { url: string; encoding: string | undefined; encodedBytes: number };

beforeAll(async () => {
  app = await startBuiltApp();
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(8000);
  page = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the first load', () => {
  it(`downloads at most ${FIRST_LOAD_JS_BUDGET_BYTES / 1000} kB of compressed JavaScript for "/", and no other page's code`, async () => {
    const encodings = new Map<string, string | undefined>();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') encodings.set(response.url(), response.headers()['content-encoding']);
    });
    await page.goto(`${app.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Dialoger' }).waitFor();
    await page.waitForLoadState('networkidle');
    const scripts: ScriptLoad[] = (
      await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('.js'))
          .map((entry) => ({ url: entry.name, encodedBytes: (entry as PerformanceResourceTiming).encodedBodySize })),
      )
    ).map((script) => ({ ...script, encoding: encodings.get(script.url) }));
    const total = scripts.reduce((sum, script) => sum + script.encodedBytes, 0);
    console.info(
      `Chromium's first load of "/": ${(total / 1000).toFixed(1)} kB of JavaScript in ${scripts.length} files\n  ` +
        scripts.map((script) => `${new URL(script.url).pathname} ${script.encoding ?? 'identity'} ${(script.encodedBytes / 1000).toFixed(1)} kB`).join('\n  '),
    );
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const script of scripts) expect({ url: script.url, encoding: script.encoding }).toEqual({ url: script.url, encoding: expect.stringMatching(/^(br|gzip)$/) });
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET_BYTES);
    expect(scripts.filter((script) => /\/(dialogue-page|search-page|login-page|markdown|socket-io)-/.test(script.url))).toEqual([]);
  });
});

describe('a page fetched on demand', () => {
  it('says the page is loading while its code is on its way, then focuses its heading', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await context.route(/\/assets\/search-page-[^/]+\.js$/, async (route) => {
      await released;
      await route.continue();
    });
    await page.getByRole('link', { name: 'Sök', exact: true }).click();
    const loading = page.getByRole('status').filter({ hasText: 'Laddar sidan …' });
    await loading.waitFor();
    expect(await page.locator('[aria-busy="true"]').count()).toBe(1);
    await expectAccessible(page, 'page loading');
    release();
    await page.getByRole('heading', { level: 1, name: 'Sök' }).waitFor();
    expect(await loading.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await context.unroute(/\/assets\/search-page-[^/]+\.js$/);
  });

  it('offers a reload when its code cannot be fetched, and the rest of the page goes on working', async () => {
    await context.route(/\/assets\/login-page-[^/]+\.js$/, (route) => route.abort('connectionfailed'));
    await page.getByRole('link', { name: 'Logga in', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Sidan kunde inte laddas' });
    await alert.waitFor();
    await expectAccessible(page, 'page failed to load');
    await context.unroute(/\/assets\/login-page-[^/]+\.js$/);
    // The header still works, and reloading now brings the page.
    await page.getByRole('link', { name: 'Dialoger', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dialoger' }).waitFor();
    await page.goBack();
    await page.getByRole('button', { name: 'Ladda om sidan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(scanned).toEqual(['page loading', 'page failed to load']);
  });
});
