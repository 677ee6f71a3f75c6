// Buyers' networks in Chromium against the built app (issue 11 §4 and §8): a buyer forms an
// invitation-only network from the arena's page, starts a discussion in it and invites a second
// buyer's organisation, who accepts and replies (and sees a new post arrive live). A supplier then
// probes it the way a person would — the network's address, the discussion's address, the arena's
// page, search — and finds nothing of it: "a network discussion invisible to a supplier". Every new
// view is scanned with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';
import { organisationPerson } from './support/organisation-person.ts';
import { pageAs as openPageAs } from './support/page-as.ts';

let app: BuiltApp;
let browser: Browser;
const { expectAccessible } = accessibilityScans();
const PASSWORD = 'nätverket syns bara för medlemmar';
const SECRET = 'Samordningsutkastet';
const ids = { network: '', discussion: '' };
let annaApi: ApiPerson;
let moderatorApi: ApiPerson;

async function person(admin: ApiPerson, name: string, email: string, organisation: string, kind: 'buyer' | 'supplier'): Promise<ApiPerson> {
  return (await organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind })).person;
}

/** A tab of its own for a person, or for a visitor (null). */
const pageAs = (person: ApiPerson | null): Promise<Page> => openPageAs(browser, app.url, person);

let anna: Page;
let bengt: Page;
let sune: Page;

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  const admin = (moderatorApi = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' }));
  annaApi = await person(admin, 'Anna Andersson', 'anna@norr.example', 'Region Norr', 'buyer');
  const bengtApi = await person(admin, 'Bengt Berg', 'bengt@syd.example', 'Kommun Syd', 'buyer');
  const suneApi = await person(admin, 'Sune Svensson', 'sune@sensor.example', 'Sensorbolaget AB', 'supplier');
  browser = await launchChromium();
  [anna, bengt, sune] = await Promise.all([pageAs(annaApi), pageAs(bengtApi), pageAs(suneApi)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a buyers’ network', () => {
  it('is formed from the arena’s page, with a discussion, and an invitation to another buyer', async () => {
    await anna.goto(`${app.url}/arenas/healthcare`);
    const section = anna.getByRole('region', { name: 'Beställarnätverk' });
    await section.getByText('Inga nätverk som du kan se på den här arenan.').waitFor();
    await section.getByRole('link', { name: 'Bilda ett nätverk' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Beställarnätverk' }).waitFor();
    const form = anna.getByRole('form', { name: 'Bilda ett nätverk' });
    // Sent empty, the form names what is missing and puts focus on the first field.
    await form.getByRole('button', { name: 'Bilda nätverket' }).click();
    await expect.poll(() => anna.evaluate(() => document.activeElement?.getAttribute('name')), { timeout: 20_000 }).toBe('name');
    await expectAccessible(anna, 'network form with errors');
    await form.getByLabel('Nätverkets namn').fill('Hemsjukvårdens nätverk');
    expect(await form.getByLabel('Arena').inputValue()).toBe('healthcare');
    await form.getByLabel('Bara genom inbjudan').check();
    await form.getByRole('button', { name: 'Bilda nätverket' }).click();

    await anna.getByRole('heading', { level: 1, name: 'Hemsjukvårdens nätverk' }).waitFor();
    ids.network = new URL(anna.url()).pathname.split('/').at(-1) ?? '';
    await anna.getByText('Inga diskussioner än.').waitFor();
    await expectAccessible(anna, 'new network');
    // Starting a discussion, by keyboard: the disclosure opens on Enter.
    await anna.getByRole('button', { name: 'Starta en diskussion' }).focus();
    await anna.keyboard.press('Enter');
    await anna.getByLabel('Rubrik').fill(`${SECRET} för sensorer`);
    await anna.getByLabel('Inlägg').fill(`Här är vårt ${SECRET}: gemensamma krav på larm.`);
    await anna.getByRole('button', { name: 'Starta diskussionen' }).click();
    await anna.getByRole('heading', { level: 1, name: `${SECRET} för sensorer` }).waitFor();
    ids.discussion = new URL(anna.url()).pathname.split('/').at(-1) ?? '';
    await anna.getByText('Ingen leverantör deltar i nätverkets diskussioner', { exact: false }).waitFor();
    await expectAccessible(anna, 'network discussion');

    // Back on the network's page, Anna invites Kommun Syd.
    await anna.getByRole('link', { name: 'Hemsjukvårdens nätverk' }).click();
    await anna.getByLabel('Sök verifierad beställarorganisation').fill('Kommun');
    await anna.getByRole('button', { name: 'Bjud in Kommun Syd' }).click();
    await anna.getByRole('list', { name: 'Obesvarade inbjudningar' }).getByText('Kommun Syd', { exact: false }).waitFor();
  }, 90_000);

  it('is joined by the invited organisation, whose buyer reads and replies, and sees new posts arrive live', async () => {
    await bengt.goto(`${app.url}/networks/${ids.network}`);
    await bengt.getByText('Din organisation är inbjuden till nätverket.').waitFor();
    await expectAccessible(bengt, 'network invitation');
    await bengt.getByRole('button', { name: 'Tacka ja' }).click();
    await bengt.getByRole('link', { name: `${SECRET} för sensorer` }).click();
    await bengt.getByText('gemensamma krav på larm', { exact: false }).waitFor();
    await bengt.getByRole('button', { name: 'Skriv ett inlägg' }).click();
    await bengt.getByLabel('Inlägg').fill('Vi vill också ha med driftkraven.');
    await bengt.getByRole('button', { name: 'Publicera inlägget' }).click();
    await bengt.getByText('Vi vill också ha med driftkraven.').waitFor();
    // A post made elsewhere reaches the open page through the network's room.
    await annaApi.api.networks.post.mutate({ discussionId: ids.discussion, body: 'Möte på torsdag klockan tio.' });
    await bengt.getByText('Möte på torsdag klockan tio.').waitFor();
  }, 90_000);

  it('is invisible to a supplier: not at its address, not its discussion, not on the arena, not in search', async () => {
    await sune.goto(`${app.url}/networks/${ids.network}`);
    await sune.getByRole('heading', { level: 1, name: 'Nätverket finns inte' }).waitFor();
    await expectAccessible(sune, 'network as a supplier');
    await sune.goto(`${app.url}/networks/discussions/${ids.discussion}`);
    await sune.getByRole('heading', { level: 1, name: 'Diskussionen finns inte' }).waitFor();
    expect(await sune.getByText(SECRET).count()).toBe(0);

    await sune.goto(`${app.url}/arenas/healthcare`);
    const section = sune.getByRole('region', { name: 'Beställarnätverk' });
    await section.getByText('Beställarnätverk är till för verifierade beställarorganisationer.').waitFor();
    expect(await sune.getByText('Hemsjukvårdens nätverk').count()).toBe(0);

    await sune.goto(`${app.url}/search?q=${SECRET}`);
    await sune.getByText(`Inga träffar för ”${SECRET}”.`).waitFor();
    expect(await sune.locator('main').getByText('för sensorer').count()).toBe(0);
  }, 90_000);

  it('is in the moderators’ audit log by its id under a named field, never by its name or a post’s text', async () => {
    const moderator = await pageAs(moderatorApi);
    await moderator.goto(`${app.url}/moderation`);
    const log = moderator.getByRole('table', { name: 'Granskningslogg, nyast först' });
    // The log is projected from the event log after each commit: wait for it to catch up.
    await expect
      .poll(async () => {
        await moderator.getByRole('button', { name: 'Hämta nya händelser' }).click();
        return log.textContent();
      })
      .toContain(`Beställarnätverk: ${ids.network}`);
    const text = (await log.textContent()) ?? '';
    expect(text).toContain(`Diskussion: ${ids.discussion}`);
    expect({ name: text.includes('Hemsjukvårdens nätverk'), post: text.includes(SECRET) }).toEqual({ name: false, post: false });
    await moderator.close();
  }, 60_000);
});
