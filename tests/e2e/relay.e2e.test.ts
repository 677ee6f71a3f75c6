// The pioneer relay in Chromium against the built app (issue 11 §3 and §8): a buyer hands over the
// baton from their dialogue's page (starting the project, then the handover form, refused empty
// first); a second buyer starts a project from their own dialogue's page and takes that baton by
// keyboard, then asks a question in the relay thread, which the first buyer answers. An anonymous
// visitor reads the relay on the arena's page as an ordered chain and the handover without a way to
// change or take it. Every new view is scanned with axe.
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
const PASSWORD = 'stafetten går vidare i webbläsaren';
const ids = { norrDialogue: '', sydDialogue: '', norrProject: '' };

async function buyer(admin: ApiPerson, name: string, email: string, organisation: string): Promise<ApiPerson> {
  return (await organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind: 'buyer' })).person;
}

/** A tab of its own for a person, or for a visitor (null). */
const pageAs = (person: ApiPerson | null): Promise<Page> => openPageAs(browser, app.url, person);

let anna: Page;
let bengt: Page;

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  const admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  const norr = await buyer(admin, 'Anna Andersson', 'anna@norr.example', 'Region Norr');
  const syd = await buyer(admin, 'Bengt Berg', 'bengt@syd.example', 'Kommun Syd');
  const dialogue = { description: 'Vi söker lösningar.', arenaId: 'transport' as const, phase: 'market-dialogue' as const, questionDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(), visibility: 'public' as const };
  ids.norrDialogue = (await norr.api.dialogues.create.mutate({ ...dialogue, title: 'Autonom snöröjning' })).dialogueId;
  ids.sydDialogue = (await syd.api.dialogues.create.mutate({ ...dialogue, title: 'Snöfria cykelstråk' })).dialogueId;
  browser = await launchChromium();
  [anna, bengt] = await Promise.all([pageAs(norr), pageAs(syd)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a relay handover taken by a new project', () => {
  it('lets a buyer hand over the baton from their dialogue’s page', async () => {
    await anna.goto(`${app.url}/dialogues/${ids.norrDialogue}`);
    await anna.getByRole('link', { name: 'Lämna över stafettpinnen' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Starta ett stafettprojekt' }).waitFor();
    const start = anna.getByRole('form', { name: 'Starta ett stafettprojekt' });
    // The project starts from the dialogue it was asked for: its title and the dialogue are chosen.
    expect(await start.getByLabel('Projektets namn').inputValue()).toBe('Autonom snöröjning');
    expect(await start.getByRole('checkbox', { name: 'Autonom snöröjning' }).isChecked()).toBe(true);
    await expectAccessible(anna, 'new relay project');
    await start.getByRole('button', { name: 'Starta projektet' }).click();

    await anna.getByRole('heading', { level: 1, name: 'Lämna över stafettpinnen' }).waitFor();
    const form = anna.getByRole('form', { name: 'Lämna över stafettpinnen' });
    // Sent empty, the form names what is missing and puts focus on the first field.
    await form.getByRole('button', { name: 'Lämna över' }).click();
    await expect.poll(() => anna.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('stage');
    expect(await form.getByLabel('Skede som passerats').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(anna, 'handover form with errors');
    await form.getByLabel('Skede som passerats').fill('Marknadsdialog genomförd');
    await form.getByLabel('Vad som upphandlades och varför', { exact: true }).fill('Självkörande snöröjning på cykelbanor, för att klara vintrarna med färre förare.');
    await form.getByLabel('Vad som fungerade', { exact: true }).fill('Att publicera behovet **tidigt**.');
    await form.getByLabel('Risker och hur de bars', { exact: true }).fill('En pilot med avbrottsrätt.');
    await form.getByRole('button', { name: 'Lämna över' }).click();

    await anna.getByRole('heading', { level: 1, name: 'Autonom snöröjning' }).waitFor();
    ids.norrProject = new URL(anna.url()).pathname.split('/')[2] ?? '';
    const baton = anna.getByRole('region', { name: 'Stafettpinnen' });
    await baton.getByText('Marknadsdialog genomförd', { exact: true }).first().waitFor();
    expect(await baton.locator('strong', { hasText: 'tidigt' }).count()).toBe(1);
    await expectAccessible(anna, 'relay project with its baton');
  });

  it('lets a second buyer start a project from their own dialogue and take the baton by keyboard', async () => {
    await bengt.goto(`${app.url}/dialogues/${ids.sydDialogue}`);
    await bengt.getByRole('link', { name: 'Ta stafettpinnen' }).click();
    const start = bengt.getByRole('form', { name: 'Starta ett stafettprojekt' });
    await start.getByLabel('Projektets namn').fill('Cykelstråk utan snö');
    await start.getByRole('button', { name: 'Starta projektet' }).click();
    await bengt.getByRole('heading', { level: 1, name: 'Cykelstråk utan snö' }).waitFor();
    await bengt.getByText('Inga kopplade projekt än.').waitFor();

    const choice = bengt.getByLabel('Tidigare projekt');
    await choice.focus();
    await choice.selectOption({ label: 'Autonom snöröjning (Region Norr)' });
    await bengt.keyboard.press('Tab');
    expect(await bengt.evaluate(() => document.activeElement?.textContent)).toBe('Ta stafettpinnen');
    await bengt.keyboard.press('Enter');

    // The relay, in order: the project that handed over, then this one.
    const chain = bengt.getByRole('list', { name: 'Stafetten' });
    await chain.getByRole('link', { name: 'Autonom snöröjning' }).waitFor();
    expect(await chain.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Autonom snöröjning · Region Norr · Startade .* · Lämnade över: Marknadsdialog genomförd/),
      expect.stringMatching(/^Cykelstråk utan snö · Kommun Syd · Startade .* · Har inte lämnat över än/),
    ]);
    await expectAccessible(bengt, 'relay project that took the baton');
  });

  it('lets the new project ask in the relay thread, and the first buyer answer', async () => {
    await bengt.getByRole('list', { name: 'Stafetten' }).getByRole('link', { name: 'Autonom snöröjning' }).click();
    await bengt.getByRole('heading', { level: 1, name: 'Autonom snöröjning' }).waitFor();
    await bengt.getByRole('button', { name: 'Ställ en fråga' }).click();
    await bengt.getByLabel('Text', { exact: true }).fill('Hur lång var pilotfasen?');
    await bengt.getByRole('button', { name: 'Skicka frågan' }).click();
    const thread = bengt.getByRole('region', { name: 'Stafettråd' });
    await thread.getByText('Hur lång var pilotfasen?').waitFor();
    await expectAccessible(bengt, 'relay thread with a question');

    await anna.goto(`${app.url}/relay/${ids.norrProject}`);
    const annasThread = anna.getByRole('region', { name: 'Stafettråd' });
    await annasThread.getByText('Hur lång var pilotfasen?').waitFor();
    await annasThread.getByRole('button', { name: 'Svara' }).click();
    await annasThread.getByLabel('Text', { exact: true }).fill('Sex månader, med avbrottsrätt.');
    await annasThread.getByRole('button', { name: 'Skicka svaret' }).click();
    await annasThread.getByText('Sex månader, med avbrottsrätt.').waitFor();
    // Buyers write in office: each post names its author and organisation.
    await expect.poll(() => annasThread.innerText()).toMatch(/Bengt Berg, Kommun Syd[^]*Hur lång var pilotfasen\?[^]*Anna Andersson, Region Norr[^]*Sex månader, med avbrottsrätt\./);
  });

  it('shows anyone the relay as an ordered chain on the arena’s page, and the baton without a way to change or take it', async () => {
    const visitor = await pageAs(null);
    await visitor.goto(`${app.url}/arenas/transport`);
    const relay = visitor.getByRole('region', { name: 'Pionjärstafett' });
    const chain = relay.getByRole('list', { name: 'Stafett 1' });
    await chain.waitFor();
    expect(await chain.getByRole('link').allInnerTexts()).toEqual(['Autonom snöröjning', 'Cykelstråk utan snö']);
    await expectAccessible(visitor, 'arena with its relay');
    await chain.getByRole('link', { name: 'Autonom snöröjning' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Autonom snöröjning' }).waitFor();
    await visitor.getByText('Sex månader, med avbrottsrätt.').waitFor();
    for (const name of ['Ändra stafettpinnen', 'Återkalla stafettpinnen', 'Ta stafettpinnen', 'Ställ en fråga']) {
      expect(await visitor.getByRole('button', { name }).count(), name).toBe(0);
      expect(await visitor.getByRole('link', { name }).count(), name).toBe(0);
    }
    await expectAccessible(visitor, 'relay project read anonymously');
  });
});
