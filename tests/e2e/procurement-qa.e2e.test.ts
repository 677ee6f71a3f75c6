// Procurement-grade Q&A in Chromium against the built app, with three people in three browsers:
// a buyer in the tender phase (moderated Q&A), a supplier who asks, and a second supplier watching.
// The question waits in the buyer's inbox unseen by the second supplier; the buyer redacts it and
// publishes it with the answer; the second supplier sees both appear live under the pseudonym. A
// correction is a new version every reader can open. A post reported by a supplier is hidden by a
// moderator, and readers see that and why. Every new view is scanned with axe-core.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator, type Moderator } from './support/moderator.ts';
import { signUpWithOrganisation, type Newcomer } from './support/newcomer.ts';
import { publishDialogueThroughForm } from './support/dialogue-form.ts';

let app: BuiltApp;
let browser: Browser;
let contexts: BrowserContext[] = [];
let buyer: Page;
let alice: Page;
let bob: Page;
let admin: Page;
let moderator: Moderator;
let dialogueUrl: string;
const { scanned, expectAccessible } = accessibilityScans();

const BUYER = { name: 'Berit Beställare', email: 'berit@trafikexempel.example', organisation: 'Trafikexempel', buyer: true };
const ALICE = { name: 'Alice Leverantör', email: 'alice@vagteknik.example', organisation: 'Vägteknik AB', buyer: false };
const BOB = { name: 'Bob Konkurrent', email: 'bob@konkurrent.example', organisation: 'Konkurrent AB', buyer: false };
const DIALOGUE = 'Vinterväghållning med sensorer';

const article = (within: Page | Locator, title: string) => within.getByRole('article', { name: title });

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  browser = await launchChromium();
  moderator = await signUpModerator(app);
  const desktop = { locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
  contexts = await Promise.all([desktop, desktop, { ...desktop, viewport: { width: 375, height: 740 } }, desktop].map((options) => browser.newContext(options)));
  for (const context of contexts) context.setDefaultTimeout(8000);
  [buyer, alice, bob, admin] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page, Page, Page];
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('moderated Q&A in the tender phase', () => {
  it('keeps a question in the buyer’s inbox, unseen by another supplier', async () => {
    await signUpWithOrganisation(buyer, app, BUYER);
    await moderator.verifyOrganisation(BUYER.organisation);
    dialogueUrl = await publishDialogueThroughForm(buyer, app.url, { title: DIALOGUE, description: 'Vi söker sensorer för halkbekämpning.', arena: 'Transport', tenderDeadline: '2030-12-20T12:00', questionDeadline: '2030-12-01T17:00' });
    await buyer.getByText('Modererade frågor och svar – frågor publiceras med sitt svar').waitFor();
    await buyer.getByRole('heading', { name: /Inkorg/ }).waitFor();
    await expectAccessible(buyer, 'dialogue with an empty inbox (buyer)');

    await signUpWithOrganisation(alice, app, ALICE);
    await signUpWithOrganisation(bob, app, BOB);
    await bob.goto(dialogueUrl);
    await bob.getByRole('heading', { level: 1, name: DIALOGUE }).waitFor();
    await bob.getByText('Live – nya frågor och svar visas direkt').waitFor();

    await alice.goto(dialogueUrl);
    await alice.getByText('Frågor i den här dialogen går först till beställaren').waitFor();
    await alice.getByLabel('Rubrik').fill('Sensorer från Vägteknik AB?');
    await alice.getByLabel('Din fråga').fill('Får vi använda våra sensorer **VT-9000** som bara Vägteknik AB tillverkar?');
    // The preview shows what readers will see.
    await alice.getByRole('button', { name: 'Förhandsgranska' }).click();
    await alice.locator('.markdown-preview strong', { hasText: 'VT-9000' }).waitFor();
    await alice.getByRole('button', { name: 'Skriv' }).click();
    await alice.getByRole('button', { name: 'Skicka fråga' }).click();
    await alice.getByText('Din fråga är skickad till beställaren.').first().waitFor();
    const own = alice.getByRole('region', { name: 'Dina frågor som inte är publicerade' });
    await article(own, 'Sensorer från Vägteknik AB?').getByText('Väntar på beställaren').waitFor();
    await expectAccessible(alice, 'dialogue with an own question waiting (supplier)');

    const inbox = buyer.getByRole('region', { name: /Inkorg/ });
    await article(inbox, 'Sensorer från Vägteknik AB?').getByText('Alice Leverantör').waitFor();
    await expectAccessible(buyer, 'inbox with a question (buyer)');
    expect(await bob.getByText('VT-9000').count()).toBe(0);
    expect(await bob.getByText('Sensorer från').count()).toBe(0);
    // Three people sign up through the forms and mail: on a busy machine this takes a while.
  }, 120_000);

  it('lets the buyer redact the question and publish it with the answer; the other supplier sees both live, pseudonymous', async () => {
    const inbox = buyer.getByRole('region', { name: /Inkorg/ });
    const question = article(inbox, 'Sensorer från Vägteknik AB?');
    await question.getByRole('button', { name: 'Redigera frågan' }).click();
    const redact = question.locator('form');
    await redact.getByLabel('Rubrik').fill('Egna sensorer?');
    await redact.getByLabel('Frågan', { exact: true }).fill('Får vi använda egna sensorer av en viss typ?');
    await redact.getByLabel('Anteckning till frågeställaren').fill('Produkt- och företagsnamn borttagna.');
    await expectAccessible(buyer, 'redacting a question');
    await redact.getByRole('button', { name: 'Spara redigeringen' }).click();
    await alice.getByRole('heading', { level: 3, name: 'Egna sensorer?' }).waitFor();

    const redacted = article(inbox, 'Egna sensorer?');
    await redacted.getByRole('button', { name: 'Publicera med svar' }).click();
    await redacted.getByLabel('Officiellt svar').fill('Ja, om de uppfyller kraven i **bilaga 3**.');
    await redacted.getByRole('button', { name: 'Publicera fråga och svar' }).click();

    const published = article(bob, 'Egna sensorer?');
    await published.getByText('Leverantör A').waitFor();
    await published.locator('strong', { hasText: 'bilaga 3' }).waitFor();
    await published.getByText('Officiellt svar').waitFor();
    const text = (await bob.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/Vägteknik|VT-9000|Alice/);
    // The live region told Bob, politely.
    await expect.poll(() => bob.getByTestId('live-announcer').textContent()).toContain('Egna sensorer?');
    await expectAccessible(bob, 'published question with answer (second supplier, 375 px)');
  });

  it('shows a correction of the answer as a new version every reader can open', async () => {
    const thread = article(buyer, 'Egna sensorer?');
    await thread.getByRole('button', { name: 'Rätta svaret' }).click();
    await thread.getByLabel('Rättat svar').fill('Ja, om de uppfyller kraven i **bilaga 4**.');
    await thread.getByLabel('Vad rättades och varför').fill('Fel bilaga angavs.');
    await thread.getByRole('button', { name: 'Publicera rättelse' }).click();

    const seen = article(bob, 'Egna sensorer?');
    await seen.getByText(/^Rättat /).waitFor();
    await seen.getByRole('button', { name: /Visa versioner \(2\)/ }).click();
    await seen.getByText('Anteckning: Fel bilaga angavs.').waitFor();
    await seen.locator('.version strong', { hasText: 'bilaga 3' }).waitFor();
    // The earlier versions of the question (before redaction) are not offered to Bob.
    expect(await seen.getByRole('button', { name: /Visa versioner/ }).count()).toBe(1);
    await expectAccessible(bob, 'answer history (second supplier)');
  });
});

describe('moderation of posts', () => {
  it('hides a reported post with a reason that readers see', async () => {
    // The buyer opens the dialogue for discussion; Bob comments with an advertisement; Alice reports it.
    await buyer.getByRole('button', { name: 'Byt till öppen diskussion' }).click();
    await buyer.getByRole('button', { name: 'Byt till öppen diskussion' }).last().click();
    await bob.getByText('Öppen diskussion – frågor syns direkt').waitFor();
    const thread = article(bob, 'Egna sensorer?');
    await thread.getByRole('button', { name: /^Kommentera/ }).click();
    await thread.getByLabel('Din kommentar').fill('Köp hos oss, bäst pris: konkurrent.example');
    await thread.getByRole('button', { name: 'Publicera kommentar' }).click();

    const seen = article(alice, 'Egna sensorer?');
    await seen.getByText('konkurrent.example').waitFor();
    await seen.locator('.post-comment').getByRole('button', { name: /Anmäl till moderator/ }).click();
    await seen.getByLabel('Vad är fel med inlägget?').fill('Reklam för ett företag.');
    await seen.getByRole('button', { name: 'Skicka anmälan' }).click();
    await alice.getByText('Tack, moderatorerna har fått din anmälan.').first().waitFor();

    await admin.goto(`${app.url}/login?next=/moderation`);
    await admin.getByLabel('E-post').fill(MODERATOR_EMAIL);
    await admin.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
    await admin.getByRole('button', { name: 'Logga in' }).click();
    const reports = admin.getByRole('region', { name: 'Anmälda inlägg' });
    await reports.getByText('Köp hos oss, bäst pris: konkurrent.example').waitFor();
    await reports.getByText('Bob Konkurrent').waitFor();
    await expectAccessible(admin, 'reported posts (moderator)');
    await reports.getByRole('button', { name: /^Dölj inlägget/ }).click();
    await reports.getByLabel('Skäl att dölja').fill('Marknadsföring är inte tillåten.');
    await reports.getByRole('button', { name: 'Dölj', exact: true }).click();
    await reports.getByText('Inga anmälningar väntar.').waitFor();

    await seen.getByText(/Dolt av en moderator .* Skäl: Marknadsföring är inte tillåten\./).waitFor();
    expect(await alice.getByText('konkurrent.example').count()).toBe(0);
    await expectAccessible(alice, 'hidden comment (supplier)');
  });

  it('scanned every view it visited', () => {
    expect(scanned).toEqual([
      'dialogue with an empty inbox (buyer)',
      'dialogue with an own question waiting (supplier)',
      'inbox with a question (buyer)',
      'redacting a question',
      'published question with answer (second supplier, 375 px)',
      'answer history (second supplier)',
      'reported posts (moderator)',
      'hidden comment (supplier)',
    ]);
  });
});
