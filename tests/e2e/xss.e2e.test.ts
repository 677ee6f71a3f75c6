// The XSS corpus (xss-payloads.ts) in Chromium, against the real server and the built client under
// the real Content-Security-Policy (nothing is bypassed). Payloads are seeded through the API where
// people type them: a buyer's and a supplier's name and organisation name, dialogue titles and
// markdown descriptions, question titles and bodies, official answers. Then the dialogue list,
// every dialogue page, the account page, searches that find the payloads and searches whose terms
// are the payloads are opened, anonymously and as the buyer, and every markdown link is clicked.
//
// A payload that runs reports itself: `__xssHit(id)` (a binding in every frame), an alert, confirm
// or prompt (a dialog), a popup, or a navigation away from the app. The test fails on any of those,
// on an element with an on* attribute, on a script/iframe/object/embed/base/meta/style inside
// <main>, on a URL attribute whose scheme is not http(s)/mailto, and on a payload whose text was
// dropped from a title or a name (it must be shown escaped, exactly). Content-Security-Policy
// violation reports are listed in the failure message but are no failure on their own: a blocked
// attempt is the policy doing its job.
import { askQuestionInput, hasUnsafeCharacters } from '@dialogforum/contracts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type Visitor } from '../../server/test/support/test-server.ts';
import { launchChromium } from './support/chromium.ts';
import { payloadLabel, XSS_PAYLOADS, type XssPayload } from './xss-payloads.ts';

const CLIENT_INDEX = path.resolve(import.meta.dirname, '../../client/dist/index.html');
const PASSWORD = 'ett långt och säkert lösenord';
const DIALOGUES = 6;

const payloadById = new Map(XSS_PAYLOADS.map((payload) => [payload.id, payload]));
function payload(id: number): XssPayload {
  const found = payloadById.get(id);
  if (!found) throw new Error(`no payload ${id} in xss-payloads.ts`);
  return found;
}
/** Titles and names are trimmed by the server; the corpus text must survive that unchanged. */
function asText(p: XssPayload, max: number): string {
  const value = p.text.trim();
  if (value.length < 2 || value.length > max) throw new Error(`payload ${p.id} does not fit a ${max}-character field`);
  return value;
}

// Who types payloads into their profile. The first buyer is the one the browser signs in as.
const PEOPLE = [
  { key: 'buyer', representation: 'buyer', name: 40, organisation: 3 },
  { key: 'buyer2', representation: 'buyer', name: 2, organisation: 44 },
  { key: 'supplier', representation: 'supplier', name: 41, organisation: 1 },
  { key: 'supplier2', representation: 'supplier', name: 45, organisation: 47 },
] as const;
const DIALOGUE_TITLES = [11, 24, 42, 19, 8, 36];

type SeededDialogue = {
  id: string;
  title: string;
  ownerOrganisation: string;
  /** Owned by the buyer the browser signs in as, who then sees the askers by name. */
  ownedBySignedInBuyer: boolean;
  threadTitles: string[];
  /** Labels of every markdown block on the page: description, questions and answers. */
  labels: string[];
  askers: { name: string; organisation: string }[];
};

type Observations = {
  hits: string[];
  dialogs: string[];
  popups: string[];
  navigations: string[];
  externalRequests: string[];
  csp: string[];
  problems: string[];
};

let server: TestServer;
let browser: Browser;
const seeded: SeededDialogue[] = [];
const people = new Map<string, { visitor: Visitor; name: string; organisation: string }>();
const observations: Observations = { hits: [], dialogs: [], popups: [], navigations: [], externalRequests: [], csp: [], problems: [] };
const linksClicked: string[] = [];
/** Payloads with characters no text field accepts (control, bidi override), and what the API said. */
const REFUSED_PAYLOADS = XSS_PAYLOADS.filter((p) => hasUnsafeCharacters(p.text, { multiline: true }));
const ACCEPTED_PAYLOADS = XSS_PAYLOADS.filter((p) => !REFUSED_PAYLOADS.includes(p));
const refusedAtInput = new Map<number, { path: string; code: string }[] | null>();

async function seed(): Promise<void> {
  for (const person of PEOPLE) {
    const visitor = server.visitor();
    const name = asText(payload(person.name), 100);
    const organisation = asText(payload(person.organisation), 160);
    await visitor.registerVerified({
      name,
      email: `${person.key}@xss.example`,
      password: PASSWORD,
      representation: person.representation,
      organisationName: organisation,
    });
    people.set(person.key, { visitor, name, organisation });
  }
  const buyers = [people.get('buyer'), people.get('buyer2')];
  const suppliers = [people.get('supplier'), people.get('supplier2')];

  for (let d = 0; d < DIALOGUES; d++) {
    const owner = buyers[d % 2];
    if (!owner) throw new Error('no buyer');
    const inDescription = ACCEPTED_PAYLOADS.filter((_, index) => index % DIALOGUES === d);
    const title = asText(payload(DIALOGUE_TITLES[d] ?? 1), 200);
    const { dialogueId } = await owner.visitor.api.dialogues.create.mutate({
      title,
      description: ['Beskrivning av behovet.', ...inDescription.map((p) => `${payloadLabel(p)}\n\n${p.text}`)].join('\n\n'),
      arenaId: 'ict',
      phase: 'market-dialogue',
      questionDeadline: '2031-06-01T17:00:00+02:00',
      visibility: 'public',
    });
    seeded.push({
      id: dialogueId,
      title,
      ownerOrganisation: owner.organisation,
      ownedBySignedInBuyer: d % 2 === 0,
      threadTitles: [],
      labels: inDescription.map(payloadLabel),
      askers: [],
    });
  }

  // Payloads carrying control or text-direction characters never get in: the input schemas refuse them.
  const someDialogue = seeded[0];
  const someAsker = suppliers[0];
  if (!someDialogue || !someAsker) throw new Error('seeding went wrong');
  for (const p of REFUSED_PAYLOADS) {
    const refused = await someAsker.visitor.api.threads.ask
      .mutate({ dialogueId: someDialogue.id, title: `${payloadLabel(p)} i rubrik`, body: p.text })
      .then(
        () => null,
        (error: unknown) => (error as { data?: { fieldIssues?: { path: string; code: string }[] } }).data?.fieldIssues ?? [],
      );
    refusedAtInput.set(p.id, refused);
  }

  // Every other payload is a question (title and body) and an official answer, spread over the dialogues.
  for (const [index, p] of ACCEPTED_PAYLOADS.entries()) {
    const dialogue = seeded[index % DIALOGUES];
    const asker = suppliers[index % 2];
    const owner = buyers[(index % DIALOGUES) % 2];
    if (!dialogue || !asker || !owner) throw new Error('seeding went wrong');
    const trimmed = p.text.trim();
    // A title is one line: a payload spanning lines (or too long) goes in the body only.
    const fitsTitle = trimmed.length >= 3 && trimmed.length <= 200 && !hasUnsafeCharacters(trimmed, { multiline: false });
    const title = fitsTitle ? trimmed : `${payloadLabel(p)} (passar inte som rubrik)`;
    const { threadId } = await asker.visitor.api.threads.ask.mutate({ dialogueId: dialogue.id, title, body: `${payloadLabel(p)}\n\n${p.text}` });
    await owner.visitor.api.threads.answer.mutate({ threadId, body: `${payloadLabel(p)} svar\n\n${p.text}` });
    // Shown exactly as stored: the shared schema normalises a title (NFC, invisible characters such
    // as payload 46's zero-width space removed).
    dialogue.threadTitles.push(askQuestionInput.shape.title.parse(title));
    dialogue.labels.push(payloadLabel(p), `${payloadLabel(p)} svar`);
    if (!dialogue.askers.some((a) => a.name === asker.name)) dialogue.askers.push({ name: asker.name, organisation: asker.organisation });
  }
  // Searches below read the index: wait until the indexer has seen everything.
  const store = server.app.services.store;
  const counter = await store.collection<{ _id: string; value: number }>('counters').findOne({ _id: 'events' });
  await server.app.dispatcher.drained(counter?.value ?? 0);
}

// ---------------------------------------------------------------------------------------------
// The browser side.

async function newWatchedContext(role: string, cookie: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(8000);
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  await context.exposeBinding('__xssHit', ({ frame }, id: unknown) => {
    const known = payloadById.get(Number(id));
    observations.hits.push(`${role}: payload ${String(id)} (${known?.shape ?? '?'}) ran in ${frame.url()}`);
  });
  await context.exposeBinding('__cspViolation', (_source, report: unknown) => {
    observations.csp.push(`${role}: ${String(report)}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __cspViolation(report: string): void }).__cspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.documentURI}`,
      );
    });
    // Clicking a markdown link to another site must not leave the test's network: stop it at the
    // click. Links to this origin and any other scheme are left to the browser.
    document.addEventListener(
      'click',
      (event) => {
        const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
        if (!anchor) return;
        const url = new URL(anchor.href, location.href);
        if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== location.origin) event.preventDefault();
      },
      true,
    );
  });
  const origin = new URL(server.url).origin;
  await context.route(
    (url) => url.origin !== origin,
    async (route) => {
      observations.externalRequests.push(`${role}: ${route.request().url()}`);
      await route.abort();
    },
  );
  context.on('page', (page) => watchPage(page, role));
  return context;
}

const watchedPages = new WeakSet<Page>();
function watchPage(page: Page, role: string): void {
  if (watchedPages.has(page)) return;
  watchedPages.add(page);
  if (page.opener) {
    // A page nobody asked for: window.open or target=_blank from a payload.
    void page.opener().then((opener) => {
      if (opener) observations.popups.push(`${role}: ${page.url()}`);
    });
  }
  page.on('dialog', (dialog) => {
    observations.dialogs.push(`${role}: ${dialog.type()} "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) observations.csp.push(`${role}: ${message.text().slice(0, 300)}`);
  });
  page.on('framenavigated', (frame) => {
    const url = frame.url();
    if (frame === page.mainFrame()) {
      if (!url.startsWith(`${server.url}/`) && url !== 'about:blank') observations.navigations.push(`${role}: main frame went to ${url}`);
    } else {
      observations.navigations.push(`${role}: a frame appeared or navigated: ${url}`);
    }
  });
}

/** Everything in the document that a payload could have turned into script, as findings. */
async function unsafeMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (element: Element) => `<${element.tagName.toLowerCase()}${[...element.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 60)}"`).join('')}>`;
    const main = document.querySelector('main');
    if (!main) return ['the page has no <main>'];
    // The app's own markup in <main> has none of these; user content (.markdown) not even svg or math.
    const forbidden = 'script, iframe, frame, frameset, object, embed, applet, base, meta, link, style, portal, svg script, svg foreignObject';
    for (const element of main.querySelectorAll(`${forbidden}, .markdown svg, .markdown math, .markdown form, .markdown input`)) {
      found.push(`forbidden element in <main>: ${describe(element)}`);
    }
    const safeSchemes = new Set(['http:', 'https:', 'mailto:']);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) found.push(`event-handler attribute: ${describe(element)}`);
        if (name === 'srcdoc') found.push(`srcdoc attribute: ${describe(element)}`);
        if (name === 'style' && /javascript:|expression\(|url\(/i.test(attribute.value)) found.push(`script-bearing style: ${describe(element)}`);
        if (['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href', 'ping', 'cite'].includes(name)) {
          let scheme: string;
          try {
            scheme = new URL(attribute.value, document.baseURI).protocol;
          } catch {
            scheme = 'unparseable';
          }
          if (!safeSchemes.has(scheme)) found.push(`${scheme} URL in ${name}: ${describe(element)}`);
        }
      }
    }
    if (document.baseURI !== location.href) found.push(`document base URI changed to ${document.baseURI}`);
    return found;
  });
}

/** Lets load-time handlers (onerror of a broken image, onload of an svg) fire before looking. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(200);
}

async function inspect(page: Page, where: string): Promise<void> {
  await settle(page);
  for (const finding of await unsafeMarkup(page)) observations.problems.push(`${where}: ${finding}`);
  if (!page.url().startsWith(server.url)) observations.problems.push(`${where}: the page is now ${page.url()}`);
}

async function bodyText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.textContent ?? '');
}

async function openDialogue(page: Page, dialogue: SeededDialogue, role: string): Promise<void> {
  await page.goto(`${server.url}/dialogues/${dialogue.id}`);
  await page.locator('#dialogue-title').waitFor();
  await expect.poll(() => page.locator('h3.thread-title').count(), { timeout: 8000 }).toBe(dialogue.threadTitles.length);
  const where = `${role} on dialogue "${dialogue.title}"`;
  await inspect(page, where);

  expect(await page.locator('#dialogue-title').textContent(), `${where}: the title is shown as text`).toBe(dialogue.title);
  const threadTitles = await page.locator('h3.thread-title').allTextContents();
  for (const title of dialogue.threadTitles) expect(threadTitles, `${where}: question title shown as text`).toContain(title);
  const text = await bodyText(page);
  for (const label of dialogue.labels) expect(text, `${where}: the markdown block ${label} was dropped`).toContain(label);
  expect(text, `${where}: owner organisation name shown as text`).toContain(dialogue.ownerOrganisation);
  if (role === 'buyer' && dialogue.ownedBySignedInBuyer) {
    for (const asker of dialogue.askers) {
      expect(text, `${where}: the asker's name, shown to the owning buyer`).toContain(asker.name);
      expect(text, `${where}: the asker's organisation, shown to the owning buyer`).toContain(asker.organisation);
    }
  }
}

/** Clicks each distinct link rendered from markdown; a link to this origin is followed and the page reopened. */
async function clickMarkdownLinks(page: Page, dialogue: SeededDialogue, role: string): Promise<void> {
  const dialogueUrl = `${server.url}/dialogues/${dialogue.id}`;
  const hrefs = await page.locator('main .markdown a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
  const seen = new Set<string | null>();
  for (const [index, href] of hrefs.entries()) {
    if (seen.has(href)) continue;
    seen.add(href);
    linksClicked.push(`${role}: ${href === null ? '(no href)' : href}`);
    const link = page.locator('main .markdown a').nth(index);
    await link.scrollIntoViewIfNeeded();
    await link.click({ timeout: 3000 });
    await page.waitForTimeout(150);
    await page.waitForLoadState('load');
    // A link whose dangerous target was removed (href="") reloads this page; anything else leaves it.
    await inspect(page, `${role} after clicking ${href === null ? '(no href)' : JSON.stringify(href)} on "${dialogue.title}"`);
    if (page.url() !== dialogueUrl) await page.goto(dialogueUrl);
    await page.locator('#dialogue-title').waitFor();
    await expect.poll(() => page.locator('h3.thread-title').count()).toBe(dialogue.threadTitles.length);
  }
}

async function openSearch(page: Page, role: string, q: string, expectHits: boolean): Promise<void> {
  await page.goto(`${server.url}/search?q=${encodeURIComponent(q)}`);
  await page.locator('ol.search-results, main .empty-state').first().waitFor();
  await inspect(page, `${role} searching "${q}"`);
  if (expectHits) expect(await page.locator('ol.search-results > li').count(), `search for "${q}" finds payloads`).toBeGreaterThan(0);
}

/** The search terms are echoed in the page (heading, status, box): a payload as the terms must stay text. */
async function searchFor(page: Page, role: string, p: XssPayload): Promise<void> {
  const q = p.text.trim().slice(0, 200);
  await page.evaluate((terms) => {
    window.history.pushState(null, '', `/search?q=${encodeURIComponent(terms)}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, q);
  await page.locator('ol.search-results, main .empty-state').first().waitFor();
  await page.waitForTimeout(50);
  const where = `${role} searching for payload ${p.id}`;
  for (const finding of await unsafeMarkup(page)) observations.problems.push(`${where}: ${finding}`);
  // The status line quotes the terms as the client trimmed them; in the box the browser drops line breaks.
  const echoed = await page.locator('main [role="status"]').allTextContents();
  expect(echoed.join(' '), `${where}: the terms are echoed as text`).toContain(q);
}

function summary(): string {
  const section = (title: string, lines: string[]) => (lines.length > 0 ? `\n${title} (${lines.length}):\n  ${lines.slice(0, 40).join('\n  ')}` : '');
  return [
    section('payloads that ran', observations.hits),
    section('dialogs', observations.dialogs),
    section('popups', observations.popups),
    section('navigations away', observations.navigations),
    section('requests to other sites', observations.externalRequests),
    section('unsafe markup', observations.problems),
    section('Content-Security-Policy reports (not a failure on their own)', observations.csp),
  ].join('');
}

function expectNothingRan(): void {
  const failures = [
    ...observations.hits,
    ...observations.dialogs,
    ...observations.popups,
    ...observations.navigations,
    ...observations.externalRequests,
    ...observations.problems,
  ];
  expect(failures, summary()).toEqual([]);
}

beforeAll(async () => {
  if (!existsSync(CLIENT_INDEX)) {
    throw new Error(`The client is not built (${CLIENT_INDEX} is missing): run \`pnpm build\` first (\`pnpm test\` does).`);
  }
  server = await startTestServer({ RATE_LIMIT_SCALE: '20' });
  await seed();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('XSS payloads in Chromium under the real Content-Security-Policy', () => {
  it('uses a corpus of distinct payloads', () => {
    const ids = XSS_PAYLOADS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    for (const p of XSS_PAYLOADS) expect(p.text.length, `payload ${p.id}`).toBeLessThanOrEqual(20_000);
  });

  it('refuses at input the payloads that smuggle control or text-direction characters', () => {
    expect(REFUSED_PAYLOADS.length).toBeGreaterThan(0);
    for (const p of REFUSED_PAYLOADS) {
      expect({ payload: p.id, issues: refusedAtInput.get(p.id) }).toEqual({ payload: p.id, issues: [{ path: 'body', code: 'invalid_characters' }] });
    }
  });

  it('notices a script that runs, a dialog and unsafe markup (the harness itself works)', async () => {
    const context = await newWatchedContext('self-check', null);
    const page = await context.newPage();
    watchPage(page, 'self-check');
    try {
      await page.goto(server.url);
      await page.locator('main h1').waitFor();
      // page.evaluate runs in the page's own world, where a payload would run.
      await page.evaluate(async () => {
        await (window as unknown as { __xssHit(id: number): Promise<void> }).__xssHit(0);
        window.alert('self-check');
      });
      await page.evaluate(() =>
        document.querySelector('main')?.insertAdjacentHTML('beforeend', '<img src="x" onerror="__xssHit(0)"><a href="javascript:__xssHit(0)">x</a>'),
      );
      await inspect(page, 'self-check');
      expect(observations.hits).toEqual([expect.stringContaining('payload 0')]);
      expect(observations.dialogs).toEqual([expect.stringContaining('self-check')]);
      expect(observations.problems).toEqual(
        expect.arrayContaining([expect.stringContaining('event-handler attribute'), expect.stringContaining('javascript: URL in href')]),
      );
      // The injected handler itself was refused by the policy, and the refusal was seen.
      await expect.poll(() => observations.csp.some((report) => /script-src.*inline/.test(report))).toBe(true);
    } finally {
      await context.close();
      for (const list of Object.values(observations)) list.length = 0;
    }
  });

  it('runs none of them for an anonymous reader, and shows titles and names as text', async () => {
    const context = await newWatchedContext('anonymous', null);
    const page = await context.newPage();
    watchPage(page, 'anonymous');
    try {
      await page.goto(server.url);
      await expect.poll(() => page.locator('.card-title').count()).toBe(DIALOGUES);
      await inspect(page, 'anonymous on the dialogue list');
      const listed = await page.locator('.card-title').allTextContents();
      const listText = await bodyText(page);
      for (const dialogue of seeded) {
        expect(listed, 'dialogue title on the list, as text').toContain(dialogue.title);
        expect(listText, 'owner organisation on the list, as text').toContain(dialogue.ownerOrganisation);
      }
      for (const dialogue of seeded) {
        await openDialogue(page, dialogue, 'anonymous');
        await clickMarkdownLinks(page, dialogue, 'anonymous');
      }
      for (const q of ['xssHit', 'onerror', 'javascript', 'svg', 'script', 'iframe', 'constructor', 'Läs mer']) {
        await openSearch(page, 'anonymous', q, q !== 'iframe');
      }
      // A search is one line of text: payloads with line breaks or control characters are refused
      // by the form before any search runs, so only the others reach the results page.
      for (const p of XSS_PAYLOADS.filter((p) => !hasUnsafeCharacters(p.text.trim().slice(0, 200), { multiline: false }))) {
        await searchFor(page, 'anonymous', p);
      }
      await inspect(page, 'anonymous after the searches');
    } finally {
      await context.close();
    }
    expectNothingRan();
  }, 90_000);

  it('runs none of them for the signed-in buyer, who sees the askers’ names, and shows its own name as text', async () => {
    const buyer = people.get('buyer');
    if (!buyer) throw new Error('no buyer');
    const context = await newWatchedContext('buyer', buyer.visitor.cookie());
    const page = await context.newPage();
    watchPage(page, 'buyer');
    try {
      await page.goto(server.url);
      await expect.poll(() => page.locator('.card-title').count()).toBe(DIALOGUES);
      await inspect(page, 'buyer on the dialogue list');
      expect(await bodyText(page), 'the buyer’s own name in the header, as text').toContain(buyer.name);
      for (const dialogue of seeded) await openDialogue(page, dialogue, 'buyer');
      for (const q of ['xssHit', 'onerror', 'javascript']) await openSearch(page, 'buyer', q, true);

      await page.goto(`${server.url}/account`);
      await page.locator('main h1').waitFor();
      await expect.poll(() => bodyText(page)).toContain(buyer.organisation);
      await inspect(page, 'buyer on the account page');
      const text = await bodyText(page);
      expect(text, 'the buyer’s name on the account page, as text').toContain(buyer.name);
      expect(text, 'the buyer’s organisation on the account page, as text').toContain(buyer.organisation);
    } finally {
      await context.close();
    }
    expectNothingRan();
    if (observations.csp.length > 0) console.info(summary());
    console.info(`${XSS_PAYLOADS.length} payloads; distinct markdown links clicked (${linksClicked.length}):\n  ${linksClicked.join('\n  ')}`);
  }, 90_000);
});
