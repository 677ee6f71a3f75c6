// Editing and withdrawing an opportunity, in Chromium against the built app (issue 11 §5): Anna,
// the buyer that published it, edits it — the page then says it was revised and shows what changed —
// and withdraws it with a reason, by keyboard, the empty reason refused first; a supplier's open
// page follows both live, without a reload. Tor, a supplier
// whose organisation leads a consortium for it, reads it as withdrawn with the reason, still sees
// his consortium, and is offered no interest form. Every new view is scanned with axe.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';
import { organisationPerson } from './support/organisation-person.ts';
import { pageAs } from './support/page-as.ts';

let app: BuiltApp;
let browser: Browser;
const { expectAccessible } = accessibilityScans();
const PASSWORD = 'möjligheten återkallas i webbläsaren';
let opportunityUrl = '';
let anna: Page;
let tor: Page;

const person = async (admin: ApiPerson, name: string, email: string, organisation: string, kind: 'buyer' | 'supplier'): Promise<ApiPerson> =>
  (await organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind })).person;

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  const admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  const buyer = await person(admin, 'Anna Andersson', 'anna@anlaggningen.example', 'Forskningsanläggningen', 'buyer');
  const { opportunityId } = await buyer.api.consortia.publishOpportunity.mutate({
    title: 'Kryostater till strållinjen',
    facility: 'MAX IV',
    description: 'Upphandling av kryostater.',
    arenaId: 'big-science',
  });
  opportunityUrl = `${app.url}/consortia/opportunities/${opportunityId}`;
  const supplier = await person(admin, 'Tor Tredje', 'tor@tredje.example', 'Kryobolaget AB', 'supplier');
  await supplier.api.consortia.form.mutate({ opportunityId, name: 'Kryokonsortiet', visibility: 'public', invite: [] });
  browser = await launchChromium();
  [anna, tor] = await Promise.all([pageAs(browser, app.url, buyer), pageAs(browser, app.url, supplier)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('editing and withdrawing an opportunity', () => {
  it('lets its buyer edit it, and the page then shows that and what changed — live, on a supplier’s open page too', async () => {
    await tor.goto(opportunityUrl);
    await tor.getByRole('heading', { level: 1, name: 'Kryostater till strållinjen' }).waitFor();
    await anna.goto(opportunityUrl);
    await anna.getByRole('heading', { level: 1, name: 'Kryostater till strållinjen' }).waitFor();
    await anna.getByRole('button', { name: 'Ändra' }).click();
    const form = anna.getByRole('form', { name: 'Spara en ny version' });
    await form.getByLabel('Rubrik').fill('Kryostater och kryoledningar');
    await form.getByLabel('Vad ändras och varför (valfritt)').fill('Kryoledningarna ingår nu.');
    await form.getByRole('button', { name: 'Spara en ny version' }).click();
    await anna.getByText('Sparat som version 2.', { exact: false }).waitFor();
    await anna.getByRole('heading', { level: 1, name: 'Kryostater och kryoledningar' }).waitFor();
    // Focus went back to the button that opened the form.
    expect(await anna.evaluate(() => document.activeElement?.textContent)).toBe('Ändra');
    await anna.getByRole('link', { name: 'Ändrad, version 2' }).waitFor();
    const changes = anna.getByRole('region', { name: 'Ändringar' });
    await changes.getByText('Kryoledningarna ingår nu.', { exact: false }).waitFor();
    expect(await changes.locator('del').first().textContent()).toBe('Kryostater till strållinjen');
    expect(await changes.locator('ins').first().textContent()).toBe('Kryostater och kryoledningar');
    await expectAccessible(anna, 'edited opportunity');
    // Tor's page, open all along and never reloaded, follows.
    await tor.getByRole('heading', { level: 1, name: 'Kryostater och kryoledningar' }).waitFor();
    await tor.getByRole('link', { name: 'Ändrad, version 2' }).waitFor();
  });

  it('lets its buyer withdraw it by keyboard with a reason, refusing an empty one', async () => {
    const open = anna.getByRole('button', { name: 'Återkalla' });
    await open.focus();
    await anna.keyboard.press('Enter');
    const reason = anna.getByLabel('Skäl');
    await reason.waitFor();
    // Sent empty, the form refuses and puts focus on the reason.
    await anna.locator('#opportunity-withdraw-form').getByRole('button', { name: 'Återkalla' }).click();
    await expect.poll(() => anna.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reason');
    await anna.keyboard.type('Anslaget drogs in.');
    await anna.keyboard.press('Enter');
    // The tools go away with the withdrawal: its outcome takes focus where they were.
    await expect.poll(() => anna.evaluate(() => document.activeElement?.textContent)).toBe('Möjligheten är återkallad.');
    await anna.getByRole('note').getByText('Anslaget drogs in.').waitFor();
    expect(await anna.getByRole('button', { name: 'Ändra' }).count()).toBe(0);
    await expectAccessible(anna, 'withdrawn opportunity, as its buyer');
    // Tor's open page shows the withdrawal without a reload, and its interest form goes.
    await tor.getByRole('note').getByText('Anslaget drogs in.').waitFor();
    await expect.poll(() => tor.getByRole('button', { name: /Anmäl intresse/ }).count()).toBe(0);
  });

  it('shows a supplier it as withdrawn, with the reason and its consortium, and offers no interest form', async () => {
    await tor.goto(opportunityUrl);
    await tor.getByRole('heading', { level: 1, name: 'Kryostater och kryoledningar' }).waitFor();
    const note = tor.getByRole('note');
    await note.getByRole('heading', { name: /^Återkallad / }).waitFor();
    await note.getByText('Anslaget drogs in.').waitFor();
    await tor.getByRole('link', { name: 'Kryokonsortiet' }).waitFor();
    expect(await tor.getByRole('button', { name: /Anmäl intresse/ }).count()).toBe(0);
    expect(await tor.getByRole('button', { name: 'Ändra' }).count()).toBe(0);
    await expectAccessible(tor, 'withdrawn opportunity, as a supplier');
    // The arena lists it still, marked withdrawn.
    await tor.goto(`${app.url}/arenas/big-science`);
    const section = tor.getByRole('region', { name: 'Konsortier och möjligheter' });
    await section.getByRole('listitem').filter({ hasText: 'Kryostater och kryoledningar' }).getByText('Återkallad', { exact: false }).waitFor();
  });
});
