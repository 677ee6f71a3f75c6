// Every page accessible, proved (issue 12 §2): axe-core (WCAG 2.1 A and AA) over every route of the
// app — the route table is read from client/src/routes.ts, so a new page without a visit here fails —
// signed out and signed in as each role (supplier, buyer who owns the dialogue, moderator, admin), in
// Swedish and English, at desktop and phone widths. Signed out every route is scanned in all four
// language × width combinations. Signed in, each role scans every route in Swedish at desktop width and
// in English at phone width (each language and each width for every role and page; the other two
// combinations differ from these only in what signed-out pages already prove); A11Y_SWEEP=full scans
// all four for every role too.
//
// No serious or critical violation is allowed anywhere. Every rule axe reports at any impact must be
// declared in client/src/public-service/known-shortcomings.ts — which the accessibility statement
// publishes — and every rule declared there must still be found, so the statement stays true.
// Also here: the focus ring of a text area differs from the error colour and holds 3:1 against the
// page in every state (plain, invalid); and every page is walked with the Tab key alone, as each
// role in Swedish at desktop width (support/keyboard-walk.ts): every control of every form is met,
// every stop shows its focus with an outline of 3:1 or more against what is behind it (the dark
// header and the light page alike), and the walk comes round (no keyboard trap).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SHORTCOMINGS } from '../../client/src/public-service/known-shortcomings.ts';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { axeViolations, seriousOrCritical, type AxeViolation } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { keyboardWalk } from './support/keyboard-walk.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';

const FULL = process.env.A11Y_SWEEP === 'full';
const PASSWORD = 'ett långt lösenord för svepet';
const ROLES = ['anonymous', 'supplier', 'buyer', 'moderator', 'admin'] as const;
type Role = (typeof ROLES)[number];
type Language = 'sv' | 'en';
type Width = 'desktop' | 'phone';
const VIEWPORTS: Record<Width, { width: number; height: number }> = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const ALL_COMBINATIONS: [Language, Width][] = [
  ['sv', 'desktop'],
  ['sv', 'phone'],
  ['en', 'desktop'],
  ['en', 'phone'],
];
const DIAGONAL: [Language, Width][] = [
  ['sv', 'desktop'],
  ['en', 'phone'],
];

type Fixtures = {
  dialogueId: string;
  sessionId: string;
  roundId: string;
  organisationId: string;
  libraryItemId: string;
  relayProjectId: string;
  networkId: string;
  networkDiscussionId: string;
  networkItemId: string;
  networkSessionId: string;
  partnerId: string;
  opportunityId: string;
  consortiumId: string;
};
const BAD_TOKEN = 'A'.repeat(43);

/** One visit per route pattern of client/src/routes.ts (and the not-found page): the path to open. */
const VISITS: Record<string, (fx: Fixtures) => string> = {
  '/': () => '/',
  '/dialogues/new': () => '/dialogues/new',
  '/dialogues/:id/rounds/new': (fx) => `/dialogues/${fx.dialogueId}/rounds/new`,
  '/dialogues/:id/sessions/new': (fx) => `/dialogues/${fx.dialogueId}/sessions/new`,
  '/dialogues/:id': (fx) => `/dialogues/${fx.dialogueId}`,
  '/dialogues/:id/edit': (fx) => `/dialogues/${fx.dialogueId}/edit`,
  '/rounds/:id': (fx) => `/rounds/${fx.roundId}`,
  '/arenas/:id': () => '/arenas/transport',
  '/library/new': () => '/library/new',
  '/library/:id': (fx) => `/library/${fx.libraryItemId}`,
  '/library/:id/edit': (fx) => `/library/${fx.libraryItemId}/edit`,
  '/relay/new': (fx) => `/relay/new?dialogue=${fx.dialogueId}`,
  '/relay/:id': (fx) => `/relay/${fx.relayProjectId}`,
  '/relay/:id/handover': (fx) => `/relay/${fx.relayProjectId}/handover`,
  '/networks': () => '/networks?arena=transport',
  '/networks/:id': (fx) => `/networks/${fx.networkId}`,
  '/networks/discussions/:id': (fx) => `/networks/discussions/${fx.networkDiscussionId}`,
  '/networks/library/:id': (fx) => `/networks/library/${fx.networkItemId}`,
  '/networks/sessions/:id': (fx) => `/networks/sessions/${fx.networkSessionId}`,
  '/networks/sessions/:id/live': (fx) => `/networks/sessions/${fx.networkSessionId}/live`,
  '/networks/:id/sessions/new': (fx) => `/networks/${fx.networkId}/sessions/new`,
  '/consortia': () => '/consortia',
  '/consortia/profile': () => '/consortia/profile',
  '/consortia/profiles/:id': (fx) => `/consortia/profiles/${fx.partnerId}`,
  '/consortia/opportunities/new': () => '/consortia/opportunities/new?arena=transport',
  '/consortia/opportunities/:id': (fx) => `/consortia/opportunities/${fx.opportunityId}`,
  '/consortium/:id': (fx) => `/consortium/${fx.consortiumId}`,
  '/sessions/:id': (fx) => `/sessions/${fx.sessionId}`,
  '/sessions/:id/live': (fx) => `/sessions/${fx.sessionId}/live`,
  '/search': () => '/search?q=sensorer',
  '/statistics': () => '/statistics',
  '/login': () => '/login',
  '/register': () => '/register',
  '/verify-email': () => `/verify-email?token=${BAD_TOKEN}`,
  '/forgot-password': () => '/forgot-password',
  '/reset-password': () => `/reset-password?token=${BAD_TOKEN}`,
  '/account': () => '/account',
  '/account/saved-searches': () => '/account/saved-searches',
  '/get-started': () => '/get-started',
  '/organisations': () => '/organisations',
  '/organisations/:id': (fx) => `/organisations/${fx.organisationId}`,
  '/invitations/accept': () => `/invitations/accept?token=${BAD_TOKEN}`,
  '/moderation': () => '/moderation',
  '/notifications': () => '/notifications',
  '/unsubscribe': () => `/unsubscribe?token=${BAD_TOKEN}`,
  '/accessibility': () => '/accessibility',
  '/privacy': () => '/privacy',
  '/terms': () => '/terms',
  '/about': () => '/about',
  'not found': () => '/no-such-page',
};

let app: BuiltApp;
let browser: Browser;
let fixtures: Fixtures;
const people = {} as Record<Exclude<Role, 'anonymous'>, ApiPerson>;
/** rule id → where it was found ("role sv desktop /path"). */
const found = new Map<string, { impact: string | null; where: string[] }>();
const serious: { where: string; violations: AxeViolation[] }[] = [];
/** What a walk with the Tab key found wrong, by page. */
const keyboardProblems: { where: string; unreached: string[]; unseen: string[]; faint: string[]; trapped: boolean }[] = [];
let keyboardWalks = 0;
let scans = 0;

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, OPERATOR_NAME: 'Myndigheten för svep', OPERATOR_EMAIL: 'svep@myndighet.example' });
  people.admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  people.buyer = await signedUpPerson(app, { name: 'Bea Beställare', email: 'bea@kommun.example', password: PASSWORD, representation: 'buyer' });
  people.supplier = await signedUpPerson(app, { name: 'Sam Säljare', email: 'sam@bolag.example', password: PASSWORD, representation: 'supplier' });
  people.moderator = await signedUpPerson(app, { name: 'Moa Moderator', email: 'moa@dialogforum.example', password: PASSWORD, representation: 'supplier' });
  await people.admin.api.accounts.setModerator.mutate({ email: 'moa@dialogforum.example', moderator: true });
  await people.moderator.api.accounts.login.mutate({ email: 'moa@dialogforum.example', password: PASSWORD });

  const { organisationId } = await people.buyer.api.organisations.create.mutate({ name: 'Svepkommunen', kind: 'buyer' });
  await people.admin.api.organisations.verify.mutate({ organisationId });
  const { organisationId: partnerId } = await people.supplier.api.organisations.create.mutate({ name: 'Svepbolaget AB', kind: 'supplier' });
  const inAMonth = new Date(Date.now() + 30 * 86_400_000);
  const { dialogueId } = await people.buyer.api.dialogues.create.mutate({
    title: 'Sensorer för vinterväghållning',
    description: 'Vi söker **sensorer** som mäter halka.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: inAMonth.toISOString(),
    visibility: 'public',
  });
  const { threadId } = await people.supplier.api.threads.ask.mutate({ dialogueId, title: 'Hur ofta ska sensorerna mäta?', body: 'Räcker en gång i minuten?' });
  await people.buyer.api.threads.answer.mutate({ threadId, body: 'En gång i minuten räcker.' });
  const day = inAMonth.toISOString().slice(0, 10);
  const { sessionId } = await people.buyer.api.sessions.create.mutate({
    dialogueId,
    title: 'Dialogmöte om sensorer',
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:00`,
    format: 'online',
    meetingLink: 'https://mote.example/sensorer',
    capacity: 20,
  });
  await people.supplier.api.sessions.register.mutate({ sessionId });
  const { roundId } = await people.buyer.api.meetings.openRound.mutate({
    dialogueId,
    title: 'Enskilda möten om sensorer',
    firstStartsAt: `${day}T13:00`,
    slotMinutes: 30,
    slotCount: 3,
    place: 'online',
    meetingLink: 'https://mote.example/enskilt',
  });
  await people.supplier.api.publicService.sendFeedback.mutate({ kind: 'barrier', message: 'En brist som admin ska se i listan.', language: 'sv' });
  const { itemId: libraryItemId } = await people.buyer.api.library.publish.mutate({
    kind: 'guide',
    arenaIds: ['transport'],
    audiences: ['suppliers'],
    language: 'sv',
    title: 'Vägledning om sensorer',
    summary: 'Kort om hur sensorer upphandlas.',
    body: 'Så här upphandlar ni **sensorer** för vägar.',
  });
  // A relay project with its baton handed over, a question in its thread and a contact, so the
  // relay pages are scanned with every part they can show.
  const { projectId: relayProjectId } = await people.buyer.api.relay.create.mutate({ title: 'Sensorprojektet', arenaId: 'transport', dialogueIds: [dialogueId] });
  await people.buyer.api.relay.publishHandover.mutate({
    projectId: relayProjectId,
    stage: 'Marknadsdialog genomförd',
    procured: 'Sensorer som mäter **halka**, för säkrare vägar.',
    worked: 'Tidig dialog.',
    risks: 'Pilot med avbrottsrätt.',
  });
  await people.buyer.api.relay.setContact.mutate({ projectId: relayProjectId, offering: true, role: 'Projektledare', emailShownTo: 'confirmed' });
  await people.buyer.api.relay.post.mutate({ projectId: relayProjectId, body: 'Fråga gärna om piloten.' });
  await people.buyer.api.relay.linkMeeting.mutate({ projectId: relayProjectId, sessionId });
  // A buyers' network with a discussion and a joint dialogue, so its pages show every part to its member.
  const { networkId } = await people.buyer.api.networks.create.mutate({ name: 'Vägnätverket', purpose: 'Gemensamma **krav** på sensorer.', arenaId: 'transport', joining: 'on-request' });
  const { discussionId: networkDiscussionId } = await people.buyer.api.networks.startDiscussion.mutate({ networkId, title: 'Krav på sensorer', body: 'Ska vi samordna kraven?' });
  const { itemId: networkItemId } = await people.buyer.api.networks.publishItem.mutate({ networkId, title: 'Kravmall för sensorer', body: 'Utkast till gemensamma krav på sensorer.' });
  await people.buyer.api.networks.reviseItem.mutate({ itemId: networkItemId, title: 'Kravmall för sensorer', body: 'Andra utkastet till gemensamma krav.', note: 'Driftkraven tillagda' });
  await people.buyer.api.networks.linkDialogue.mutate({ networkId, dialogueId });
  const { sessionId: networkSessionId } = await people.buyer.api.networks.scheduleSession.mutate({
    networkId,
    title: 'Kravmöte om sensorer',
    agenda: 'Vi går igenom **kraven**.',
    startsAt: `${new Date().getUTCFullYear() + 1}-02-03T10:00`,
    endsAt: `${new Date().getUTCFullYear() + 1}-02-03T11:00`,
    format: 'hybrid',
    meetingLink: 'https://meet.example/krav',
    address: 'Stadshuset, Storgatan 1',
    capacity: 20,
  });
  await people.buyer.api.networks.registerForSession.mutate({ sessionId: networkSessionId });
  // A capability profile, an opportunity with declared interest and a public consortium, so the
  // consortia pages are scanned with their lists filled.
  await people.supplier.api.consortia.saveProfile.mutate({
    summary: 'Vi bygger **sensorer** för vägar.',
    competences: ['Sensorer', 'Mätteknik'],
    references: [{ title: 'Halksensorer', customer: 'Trafikverket', year: 2023 }],
    arenaIds: ['transport'],
  });
  const { opportunityId } = await people.buyer.api.consortia.publishOpportunity.mutate({ title: 'Sensorer till provbanan', facility: 'Provbanan', description: 'Upphandling av sensorer.', arenaId: 'transport' });
  await people.supplier.api.consortia.declareInterest.mutate({ opportunityId, interested: true, note: 'Sensorer' });
  const { consortiumId } = await people.supplier.api.consortia.form.mutate({ opportunityId, name: 'Sensorkonsortiet', visibility: 'public' });
  fixtures = { dialogueId, sessionId, roundId, organisationId, libraryItemId, relayProjectId, networkId, networkDiscussionId, networkItemId, networkSessionId, partnerId, opportunityId, consortiumId };
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function contextFor(role: Role, language: Language): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: language === 'sv' ? 'sv-SE' : 'en-GB', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(10_000);
  // The language switch remembers the choice in localStorage; a reader who chose English starts there.
  await context.addInitScript((lang) => window.localStorage.setItem('dialogforum.language', lang), language);
  if (role !== 'anonymous') {
    const [name, value] = people[role].cookie().split('=');
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: app.url }]);
  }
  return context;
}

/** Waits until the page at `path` has its heading and nothing is loading any more. */
async function settled(page: Page, path: string): Promise<void> {
  const pathname = new URL(path, app.url).pathname;
  // 20 s: a lazy page's code and its queries on a CI machine loaded past ten runnable threads a core
  // took over 10 s once. The page that did not settle is named, so a real hang is told from load.
  await page
    .waitForFunction(
      (expected) => window.location.pathname === expected && document.querySelector('main h1') !== null && document.querySelector('.loading') === null,
      pathname,
      { timeout: 20_000 },
    )
    .catch(async (error: unknown) => {
      const state = await page.evaluate(() => ({ at: window.location.pathname, heading: document.querySelector('main h1')?.textContent ?? null, loading: document.querySelectorAll('.loading').length }));
      throw new Error(`${path} did not settle: ${JSON.stringify(state)}`, { cause: error });
    });
}

/** Loads the app at `path` (a full page load). */
async function openSettled(page: Page, path: string): Promise<void> {
  await page.goto(`${app.url}${path}`);
  await settled(page, path);
}

/**
 * Goes to `path` the way the app's links do (history API and the router's event), so the app and
 * axe-core stay loaded between scans: a full load per page made the sweep take twice as long.
 */
async function navigateSettled(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new Event('dialogforum:navigate'));
  }, path);
  await settled(page, path);
}

async function sweep(role: Role, combinations: [Language, Width][]): Promise<void> {
  for (const [language, width] of combinations) {
    const context = await contextFor(role, language);
    const page = await context.newPage();
    await page.setViewportSize(VIEWPORTS[width]);
    await openSettled(page, '/');
    for (const [pattern, visit] of Object.entries(VISITS)) {
      const where = `${role} ${language} ${width} ${pattern}`;
      await navigateSettled(page, visit(fixtures));
      expect(await page.evaluate(() => document.documentElement.lang), where).toBe(language);
      const violations = await axeViolations(page);
      scans++;
      for (const violation of violations) {
        const entry = found.get(violation.id) ?? { impact: violation.impact, where: [] };
        entry.where.push(where);
        found.set(violation.id, entry);
      }
      const bad = seriousOrCritical(violations);
      if (bad.length > 0) serious.push({ where, violations: bad });
      if (language === 'sv' && width === 'desktop') {
        const walk = await keyboardWalk(page);
        keyboardWalks++;
        if (walk.unreached.length > 0 || walk.unseen.length > 0 || walk.faint.length > 0 || walk.trapped) {
          keyboardProblems.push({ where, unreached: walk.unreached, unseen: [...new Set(walk.unseen)], faint: [...new Set(walk.faint)], trapped: walk.trapped });
        }
      }
    }
    await context.close();
  }
}

describe('every page, every role, both languages, desktop and phone', () => {
  it('visits every route of the app', async () => {
    const routes = await readFile(path.resolve(import.meta.dirname, '../../client/src/routes.ts'), 'utf8');
    const patterns = [...routes.matchAll(/\{ path: '([^']+)'/g)].map((match) => match[1]);
    expect(patterns.length).toBeGreaterThan(20);
    expect(Object.keys(VISITS).filter((key) => key !== 'not found').sort()).toEqual([...patterns].sort());
  });

  it('signed out, in all four combinations', async () => {
    await sweep('anonymous', ALL_COMBINATIONS);
  }, 300_000);

  for (const role of ROLES.filter((candidate) => candidate !== 'anonymous')) {
    it(`signed in as ${role}`, async () => {
      await sweep(role, FULL ? ALL_COMBINATIONS : DIAGONAL);
    }, 300_000);
  }

  it('has no serious or critical violation anywhere', () => {
    console.info(`axe-core scans: ${scans}; rules found at any impact: ${[...found.keys()].join(', ') || 'none'}`);
    expect(serious).toEqual([]);
  });

  it('can be used with the Tab key alone: every form control met, focus always shown at 3:1 or more, no trap', () => {
    console.info(`keyboard walks: ${keyboardWalks}`);
    expect(keyboardWalks).toBeGreaterThan(Object.keys(VISITS).length * 4);
    expect(keyboardProblems).toEqual([]);
  });

  it('finds exactly the rules the accessibility statement declares as known shortcomings', () => {
    const declared = [...new Set(KNOWN_SHORTCOMINGS.flatMap((shortcoming) => shortcoming.axeRules))].sort();
    const observed = Object.fromEntries([...found].map(([rule, { impact, where }]) => [rule, `${impact}: ${where.length} pages, e.g. ${where[0]}`]));
    expect({ undeclared: Object.keys(observed).filter((rule) => !declared.includes(rule)), observed }).toEqual({ undeclared: [], observed: expect.anything() });
    expect({ fixedButStillDeclared: declared.filter((rule) => !found.has(rule)) }).toEqual({ fixedButStillDeclared: [] });
  });
});

describe('the focus ring', () => {
  it('of a text area is not the error colour and holds 3:1 against the page, plain and invalid', async () => {
    const context = await contextFor('anonymous', 'sv');
    const page = await context.newPage();
    await openSettled(page, '/accessibility');
    const message = page.locator('#feedback-message');
    const ring = () =>
      message.evaluate((element) => {
        const style = getComputedStyle(element);
        const errorColour = getComputedStyle(document.documentElement).getPropertyValue('--error').trim();
        return { outline: style.outlineColor, width: style.outlineWidth, border: style.borderColor, errorColour };
      });
    await message.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const plain = await ring();
    // Send the empty form: the description is invalid, and focus goes back to it.
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.locator('#feedback-message-error').waitFor();
    await message.focus();
    const invalid = await ring();
    await context.close();
    for (const state of [plain, invalid]) {
      expect(parseFloat(state.width)).toBeGreaterThanOrEqual(2);
      expect(rgb(state.outline)).not.toEqual(hex(state.errorColour));
      expect(isReddish(rgb(state.outline))).toBe(false);
      expect(contrast(rgb(state.outline), [255, 255, 255])).toBeGreaterThanOrEqual(3);
    }
    // Invalid: the border says "error" in red; the ring around it is still the focus colour.
    expect(rgb(invalid.border)).toEqual(hex(invalid.errorColour));
    expect(invalid.outline).toBe(plain.outline);
  });
});

function rgb(css: string): number[] {
  return (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
}
function hex(css: string): number[] {
  const value = css.replace('#', '');
  return [0, 2, 4].map((offset) => parseInt(value.slice(offset, offset + 2), 16));
}
/** A hue within 40° of red, with saturation: what readers take for "error". */
function isReddish([r = 0, g = 0, b = 0]: number[]): boolean {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 40 || max !== r) return false;
  const hue = (60 * ((g - b) / (max - min)) + 360) % 360;
  return hue <= 40 || hue >= 320;
}
function luminance(channels: number[]): number {
  const [r = 0, g = 0, b = 0] = channels.map((value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: number[], b: number[]): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
