// A dialogue's life in Chromium against the built app. A buyer edits her published dialogue
// (reference number, CPV codes, contact person, a date on the timeline; a wrong CPV code is refused
// at its field first), moves it through its phases (the tender phase asks how questions are handled
// there and sets a tender deadline), sees each change in its history, and archives it; a supplier
// with the dialogue open sees every change without reloading, and finds it among archived dialogues.
// A buyer publishing an answer after the statutory cut-off is warned first and extends the tender
// deadline from the same form. The edit form is used by keyboard and scanned with axe-core.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, signUpModerator, type Moderator } from './support/moderator.ts';
import { signUpWithOrganisation, type Newcomer } from './support/newcomer.ts';
import { publishDialogueThroughForm } from './support/dialogue-form.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let buyer: Page;
let supplier: Page;
let moderator: Moderator;
const { expectAccessible } = accessibilityScans();

const BUYER = { name: 'Berit Beställare', email: 'berit@livsexempel.example', organisation: 'Livsexempels kommun', buyer: true };
const SUPPLIER = { name: 'Sven Säljare', email: 'sven@fordonsexempel.example', organisation: 'Fordonsexempel AB', buyer: false };
const DAY = 24 * 3_600_000;

/** A moment as a `datetime-local` value in Stockholm, the browsers' time zone here. */
function localInput(ms: number): string {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));
  return text.replace(' ', 'T');
}

async function createDialogue(title: string, options: { tenderDeadline?: number; questionDeadline: number }): Promise<string> {
  return publishDialogueThroughForm(buyer, app.url, {
    title,
    description: 'Vi vill förstå vad marknaden kan leverera.',
    arena: 'Transport',
    ...(options.tenderDeadline ? { tenderDeadline: localInput(options.tenderDeadline) } : {}),
    questionDeadline: localInput(options.questionDeadline),
  });
}

const details = (page: Page) => page.getByRole('region', { name: 'Om dialogen' });
const history = (page: Page) => page.getByRole('region', { name: 'Ändringshistorik' });

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
  const options = { locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
  contexts = await Promise.all([options, { ...options, viewport: { width: 375, height: 740 } }].map((o) => browser.newContext(o)));
  for (const context of contexts) context.setDefaultTimeout(8000);
  [buyer, supplier] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page];
  await signUpWithOrganisation(buyer, app, BUYER);
  await moderator.verifyOrganisation(BUYER.organisation);
  await signUpWithOrganisation(supplier, app, SUPPLIER);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("a dialogue's life", () => {
  it('is edited through its phases and archived, each change shown live and in its history', async () => {
    const title = 'Autonoma snöröjningsfordon';
    const url = await createDialogue(title, { questionDeadline: Date.now() + 10 * DAY });
    await supplier.goto(url);
    await supplier.getByRole('heading', { level: 1, name: title }).waitFor();
    await expect.poll(() => supplier.getByText(/^Live –/).count()).toBe(1);

    // The edit link, by keyboard.
    await buyer.getByRole('link', { name: 'Redigera dialogen' }).focus();
    await buyer.keyboard.press('Enter');
    await buyer.getByRole('heading', { level: 1, name: `Redigera dialogen: ${title}` }).waitFor();
    await buyer.getByLabel('Diarienummer (valfritt)').fill('KS 2026/0142');
    await buyer.getByLabel('CPV-koder (valfritt)').fill('34144000-8, 45000000-8');
    await buyer.getByRole('group', { name: 'Kontaktperson (valfritt)' }).getByLabel('Namn').fill('Karin Kontakt');
    await buyer.getByLabel('E-postadress').fill('karin@livsexempel.example');
    await buyer.getByRole('button', { name: 'Lägg till en tidpunkt' }).click();
    const first = buyer.getByRole('group', { name: 'Tidpunkt 1' });
    // Focus moves to the new row once it has rendered, a frame after the click.
    await expect.poll(() => buyer.evaluate(() => document.activeElement?.id)).toBe('edit-dialogue-milestones.0.label');
    await buyer.keyboard.type('Dialogmöte');
    await first.getByLabel('När').fill(localInput(Date.now() + 5 * DAY));
    await buyer.getByRole('button', { name: 'Spara ändringarna' }).click();
    // The wrong check digit is refused in the browser, at its field, which takes focus.
    await buyer.getByText('En CPV-kod stämmer inte').waitFor();
    expect(await buyer.evaluate(() => document.activeElement?.id)).toBe('edit-dialogue-cpvCodes');
    await expectAccessible(buyer, 'dialogue edit form with an error');
    await buyer.getByLabel('CPV-koder (valfritt)').fill('34144000-8, 45000000-7');
    await buyer.getByRole('button', { name: 'Spara ändringarna' }).click();
    await buyer.getByRole('heading', { level: 1, name: title }).waitFor();
    await expect.poll(() => details(buyer).textContent()).toContain('KS 2026/0142');

    // The supplier's page was not reloaded: the facts arrive live.
    await expect.poll(() => details(supplier).textContent()).toContain('34144000-8, 45000000-7');
    expect(await details(supplier).textContent()).toContain('Karin Kontakt');
    await expect.poll(() => supplier.getByRole('region', { name: 'Tidsfrister' }).textContent()).toContain('Dialogmöte');

    // Into the tender phase: a tender deadline, and questions moderated (the default offered).
    await buyer.getByRole('link', { name: 'Redigera dialogen' }).click();
    await buyer.getByLabel('Fas').selectOption({ label: 'Anbud' });
    expect(await buyer.getByLabel('Modererade (rekommenderas)', { exact: false }).isChecked()).toBe(true);
    await buyer.getByLabel('Sista dag för anbud').fill(localInput(Date.now() + 30 * DAY));
    await expectAccessible(buyer, 'dialogue edit form, moving into the tender phase');
    await buyer.getByRole('button', { name: 'Spara ändringarna' }).click();
    await buyer.getByRole('heading', { level: 1, name: title }).waitFor();
    await expect.poll(() => details(supplier).textContent()).toContain('Anbud');
    expect(await details(supplier).textContent()).toContain('Modererade frågor och svar');
    const clock = supplier.getByRole('region', { name: 'Tidsfrister' });
    await expect.poll(() => clock.textContent()).toContain('Sista dag för kompletterande information');
    expect(await clock.textContent()).toMatch(/om 2[34] dagar/);

    for (const phase of ['Utvärdering', 'Avtal och uppföljning']) {
      await buyer.getByRole('link', { name: 'Redigera dialogen' }).click();
      await buyer.getByLabel('Fas').selectOption({ label: phase });
      await buyer.getByRole('button', { name: 'Spara ändringarna' }).click();
      await buyer.getByRole('heading', { level: 1, name: title }).waitFor();
      await expect.poll(() => details(supplier).textContent()).toContain(phase);
    }
    await expect.poll(() => history(supplier).getByRole('listitem').filter({ hasText: /^Fas:/ }).count()).toBe(3);
    const historyText = (await history(supplier).textContent()) ?? '';
    expect(historyText).toContain('Från Utvärdering till Avtal och uppföljning');
    expect(historyText).toContain('Från (inget) till KS 2026/0142');
    expect(historyText).toContain(`${BUYER.name}, ${BUYER.organisation}`);
    expect(historyText).toContain('Dialogen publicerades');
    await expectAccessible(supplier, 'dialogue with facts, clock and history (375 px)');

    // Archived: the supplier's page closes to questions at once, and the dialogue moves to the archive list.
    await buyer.getByRole('button', { name: 'Arkivera dialogen' }).click();
    await buyer.getByRole('button', { name: 'Arkivera dialogen' }).click();
    await supplier.getByText('Dialogen är arkiverad och tar inte emot nya frågor.').waitFor();
    await supplier.goto(app.url);
    await supplier.getByRole('heading', { level: 1, name: 'Dialoger' }).waitFor();
    expect(await supplier.getByRole('link', { name: title }).count()).toBe(0);
    await supplier.getByRole('link', { name: 'Visa arkiverade dialoger' }).click();
    await supplier.getByRole('heading', { level: 1, name: 'Arkiverade dialoger' }).waitFor();
    await supplier.getByRole('link', { name: title }).waitFor();
  }, 120_000);

  it('warns a buyer publishing an answer after the statutory cut-off and extends the tender deadline from the form', async () => {
    const title = 'Laddinfrastruktur i anbudsfas';
    // Tender deadline in three days: the cut-off (six days before it) has passed.
    const url = await createDialogue(title, { questionDeadline: Date.now() + 2 * DAY, tenderDeadline: Date.now() + 3 * DAY });
    await supplier.goto(url);
    await supplier.getByLabel('Rubrik').fill('Hur många laddpunkter?');
    await supplier.getByLabel('Din fråga').fill('Hur många laddpunkter ska anbudet omfatta?');
    await supplier.getByRole('button', { name: 'Skicka fråga' }).click();

    await buyer.goto(url);
    const question = buyer.getByRole('article', { name: 'Hur många laddpunkter?' });
    await question.getByRole('button', { name: 'Publicera med svar' }).click();
    await question.getByText('Sista dag för kompletterande information har passerat').waitFor();
    await question.getByLabel('Officiellt svar').fill('Tolv laddpunkter.');
    await expectAccessible(buyer, 'publishing after the cut-off');
    await question.getByRole('button', { name: 'Förläng och skicka' }).click();
    await expect.poll(() => supplier.getByRole('article', { name: 'Hur många laddpunkter?' }).textContent()).toContain('Tolv laddpunkter.');
    // The extension is on the record, and the cut-off lies ahead again.
    await expect.poll(() => history(supplier).textContent()).toContain('Sista dag för anbud');
    await expect.poll(() => supplier.getByRole('region', { name: 'Tidsfrister' }).textContent()).not.toContain('har passerat');
  }, 90_000);
});
