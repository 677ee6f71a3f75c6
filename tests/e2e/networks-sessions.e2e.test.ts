// A buyers' network's own session in Chromium against the built app (issue 11 §4): a member plans
// one from the network's page, another member finds it there, registers and gets the meeting link,
// and a supplier who has the session's address finds nothing — the same page as for a session that
// does not exist. Every new view is scanned with axe.
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
const PASSWORD = 'nätverkets möten är för medlemmar';
const TITLE = 'Kravmötet om fallsensorer';
const LINK = 'https://meet.example/fallsensorer';
const year = new Date().getUTCFullYear() + 1;
let networkId = '';
let sessionId = '';

async function person(admin: ApiPerson, name: string, email: string, organisation: string, kind: 'buyer' | 'supplier'): Promise<ApiPerson> {
  return (await organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind })).person;
}

const pageAs = (person: ApiPerson | null): Promise<Page> => openPageAs(browser, app.url, person);
let anna: Page;
let bengt: Page;
let sune: Page;

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  const admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  const annaApi = await person(admin, 'Anna Andersson', 'anna@norr.example', 'Region Norr', 'buyer');
  const bengtApi = await person(admin, 'Bengt Berg', 'bengt@syd.example', 'Kommun Syd', 'buyer');
  const suneApi = await person(admin, 'Sune Svensson', 'sune@sensor.example', 'Sensorbolaget AB', 'supplier');
  networkId = await networkOf(annaApi, [bengtApi], 'Fallsensornätverket');
  browser = await launchChromium();
  [anna, bengt, sune] = await Promise.all([pageAs(annaApi), pageAs(bengtApi), pageAs(suneApi)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a network’s own session', () => {
  it('is planned by a member from the network’s page', async () => {
    await anna.goto(`${app.url}/networks/${networkId}`);
    const section = anna.getByRole('region', { name: 'Nätverkets möten' });
    await section.getByText('Inga möten är planerade.').waitFor();
    await section.getByRole('link', { name: 'Planera ett möte' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Planera ett möte i Fallsensornätverket' }).waitFor();
    await expectAccessible(anna, 'network session form');
    await anna.getByLabel('Rubrik').fill(TITLE);
    await anna.getByLabel('Börjar').fill(`${year}-03-10T10:00`);
    await anna.getByLabel('Slutar').fill(`${year}-03-10T11:30`);
    await anna.getByLabel('Länk till mötet').fill(LINK);
    await anna.getByLabel('Antal platser').fill('10');
    // Sent by keyboard from the last field.
    await anna.getByLabel('Antal platser').press('Enter');
    await anna.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    sessionId = new URL(anna.url()).pathname.split('/').at(-1) ?? '';
    await anna.getByText('Planerat av Anna Andersson, Region Norr').waitFor();
    // Whoever planned it sees the link, and the way to the session's live room.
    await anna.getByRole('link', { name: LINK }).waitFor();
    await anna.getByRole('link', { name: 'Liverummet' }).waitFor();
    await expectAccessible(anna, 'network session as its planner');
  }, 90_000);

  it('is found on the network’s page by another member, who registers and gets the link', async () => {
    await bengt.goto(`${app.url}/networks/${networkId}`);
    const upcoming = bengt.getByRole('list', { name: 'Kommande möten' });
    await upcoming.getByRole('link', { name: TITLE }).waitFor();
    await bengt.getByText('Inga tidigare möten.').waitFor();
    await expectAccessible(bengt, 'network page with a session');
    await upcoming.getByRole('link', { name: TITLE }).click();
    await bengt.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    expect(await bengt.getByRole('link', { name: LINK }).count()).toBe(0);
    await bengt.getByRole('button', { name: 'Anmäl mig' }).click();
    await bengt.getByText('Du är anmäld till mötet.').waitFor();
    await bengt.getByRole('link', { name: LINK }).waitFor();
    // Bengt neither planned it nor speaks for the network's admin: no cancel action.
    expect(await bengt.getByRole('button', { name: 'Ställ in mötet' }).count()).toBe(0);
    await expectAccessible(bengt, 'network session registered');
    await bengt.goto(`${app.url}/networks/${networkId}`);
    await bengt.getByRole('list', { name: 'Kommande möten' }).getByText('1 av 10 anmälda', { exact: false }).waitFor();
  }, 90_000);

  it('has a live room its planner opens and a member joins and asks in by keyboard, the question shown at once to the planner', async () => {
    const QUESTION = 'Kan vi dela kravbilagan mellan regionerna?';
    await anna.goto(`${app.url}/networks/sessions/${sessionId}`);
    await anna.getByRole('link', { name: 'Liverummet' }).press('Enter');
    await anna.getByRole('heading', { level: 1, name: `Live: ${TITLE}` }).waitFor();
    await anna.getByText('Värden har inte öppnat liverummet än', { exact: false }).waitFor();
    await anna.getByRole('button', { name: 'Starta mötet' }).press('Enter');
    await anna.getByText('Mötet pågår.').waitFor();
    await expectAccessible(anna, 'network live room, host');

    await bengt.goto(`${app.url}/networks/sessions/${sessionId}`);
    await bengt.getByRole('link', { name: 'Liverummet' }).press('Enter');
    await bengt.getByRole('heading', { level: 1, name: `Live: ${TITLE}` }).waitFor();
    // Bengt neither planned it nor speaks for the network's admin: no host console.
    expect(await bengt.getByRole('heading', { name: 'Värdpanel' }).count()).toBe(0);
    await bengt.getByLabel('Din fråga').focus();
    await bengt.keyboard.type(QUESTION);
    await bengt.keyboard.press('Tab');
    await bengt.keyboard.press('Enter');
    await bengt.getByText('Din fråga har skickats till rummet.').waitFor();
    await bengt.getByRole('list', { name: 'Frågor' }).getByText(QUESTION, { exact: true }).waitFor();
    await expectAccessible(bengt, 'network live room, member');
    // Pushed to the planner's open room, without reloading.
    await anna.getByRole('list', { name: 'Frågor' }).getByText(QUESTION, { exact: true }).waitFor();
    await anna.getByRole('list', { name: 'Frågor' }).getByText('Bengt', { exact: false }).waitFor();
  }, 90_000);

  it('is cancelled by its planner with a reason, by keyboard; the registered member sees it cancelled and is told', async () => {
    const REASON = 'Leverantörerna kan inte förrän i höst';
    await anna.goto(`${app.url}/networks/sessions/${sessionId}`);
    await anna.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await anna.getByRole('button', { name: 'Ställ in mötet' }).press('Enter');
    await anna.getByLabel('Skäl').fill(REASON);
    await anna.getByRole('button', { name: 'Ställ in mötet' }).last().press('Enter');
    await anna.getByText(`Skäl: ${REASON}`, { exact: false }).waitFor();
    expect(await anna.getByRole('button', { name: 'Ställ in mötet' }).count()).toBe(0);
    await expectAccessible(anna, 'network session cancelled');
    await bengt.goto(`${app.url}/networks/sessions/${sessionId}`);
    await bengt.getByText(`Skäl: ${REASON}`, { exact: false }).waitFor();
    expect(await bengt.getByRole('button', { name: 'Anmäl mig' }).count()).toBe(0);
    await bengt.goto(`${app.url}/networks/${networkId}`);
    await bengt.getByRole('list', { name: 'Kommande möten' }).getByText('Inställt', { exact: false }).waitFor();
    await bengt.goto(`${app.url}/notifications`);
    await bengt.getByText('Ett möte i beställarnätverket är inställt').waitFor();
    await bengt.getByText(`Motivering: ${REASON}`).waitFor();
  }, 90_000);

  it('cannot be reached by a supplier, who sees the page of a session that does not exist', async () => {
    await sune.goto(`${app.url}/networks/sessions/${sessionId}`);
    await sune.getByRole('heading', { level: 1, name: 'Mötet finns inte' }).waitFor();
    const hidden = await sune.locator('main').innerText();
    await sune.goto(`${app.url}/networks/sessions/${'x'.repeat(24)}`);
    await sune.getByRole('heading', { level: 1, name: 'Mötet finns inte' }).waitFor();
    expect(await sune.locator('main').innerText()).toBe(hidden);
    expect(hidden).not.toContain(TITLE);
    await expectAccessible(sune, 'network session as a supplier');
    await sune.goto(`${app.url}/networks/${networkId}/sessions/new`);
    await sune.getByRole('heading', { level: 1, name: 'Nätverket finns inte' }).waitFor();
    await sune.goto(`${app.url}/search?q=${encodeURIComponent('fallsensorer')}`);
    await sune.getByRole('heading', { level: 1 }).waitFor();
    expect(await sune.getByText(TITLE).count()).toBe(0);
  }, 90_000);
});
