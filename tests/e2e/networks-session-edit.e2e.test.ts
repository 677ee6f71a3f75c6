// Changing a buyers' network's session in Chromium against the built app (issue 11 §4), by keyboard:
// whoever planned it opens the form from the session's page, is told next to the field that the
// places cannot be fewer than those registered, moves the session, and the registered member sees
// the new time and is told in the app. A member who neither planned it nor is an admin has no such
// button. Every new view is scanned with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { networkOf } from './support/buyers-network.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';
import { organisationPerson } from './support/organisation-person.ts';
import { pageAs as openPageAs } from './support/page-as.ts';

let app: BuiltApp;
let browser: Browser;
const { expectAccessible } = accessibilityScans();
const PASSWORD = 'nätverkets möten kan flyttas';
const TITLE = 'Kravmötet om larmknappar';
const year = new Date().getUTCFullYear() + 1;
let sessionId = '';
let anna: Page;
let bengt: Page;

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  const admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  const person = async (name: string, email: string, organisation: string) => (await organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind: 'buyer' })).person;
  const annaApi: ApiPerson = await person('Anna Andersson', 'anna@norr-edit.example', 'Region Norr');
  const bengtApi: ApiPerson = await person('Bengt Berg', 'bengt@syd-edit.example', 'Kommun Syd');
  const networkId = await networkOf(annaApi, [bengtApi], 'Larmknappsnätverket');
  ({ sessionId } = await annaApi.api.networks.scheduleSession.mutate({
    networkId,
    title: TITLE,
    startsAt: `${year}-03-10T10:00`,
    endsAt: `${year}-03-10T11:00`,
    format: 'onsite',
    address: 'Storgatan 1, Umeå',
    capacity: 10,
  }));
  for (const each of [annaApi, bengtApi]) await each.api.networks.registerForSession.mutate({ sessionId });
  browser = await launchChromium();
  [anna, bengt] = await Promise.all([openPageAs(browser, app.url, annaApi), openPageAs(browser, app.url, bengtApi)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('changing a network’s session', () => {
  it('is offered to its planner only', async () => {
    await bengt.goto(`${app.url}/networks/sessions/${sessionId}`);
    await bengt.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await bengt.getByRole('button', { name: 'Ändra mötet' }).count()).toBe(0);
  }, 60_000);

  it('refuses fewer places than those registered next to the field, then moves the session, by keyboard', async () => {
    await anna.goto(`${app.url}/networks/sessions/${sessionId}`);
    await anna.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const open = anna.getByRole('button', { name: 'Ändra mötet' });
    await open.focus();
    await anna.keyboard.press('Enter');
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => anna.getByLabel('Rubrik').inputValue()).toBe(TITLE);
    expect(await anna.getByLabel('Börjar').inputValue()).toBe(`${year}-03-10T10:00`);
    await anna.getByText('2 är anmälda: platserna kan inte bli färre.').waitFor();
    await expectAccessible(anna, 'network session edit form');

    await anna.getByLabel('Antal platser').fill('1');
    await anna.getByLabel('Antal platser').press('Enter');
    await anna.getByText('Minst 2: så många är redan anmälda.').waitFor();
    expect(await anna.getByLabel('Antal platser').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(anna, 'network session edit refused');

    await anna.getByLabel('Antal platser').fill('2');
    await anna.getByLabel('Börjar').fill(`${year}-03-12T13:00`);
    await anna.getByLabel('Slutar').fill(`${year}-03-12T14:00`);
    await anna.getByLabel('Antal platser').press('Enter');
    await anna.getByText('Mötet är ändrat.').waitFor();
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await anna.getByText('0 av 2 platser kvar').waitFor();
  }, 90_000);

  it('shows the registered member the new time, and tells them in the app', async () => {
    await bengt.goto(`${app.url}/notifications`);
    await bengt.getByText('Ett nätverksmöte du är anmäld till har fått ny tid eller plats').waitFor();
    await expectAccessible(bengt, 'notification of a changed network session');
    await bengt.goto(`${app.url}/networks/sessions/${sessionId}`);
    await bengt.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await bengt.locator('main').innerText()).toMatch(/12 mars/);
  }, 60_000);
});
