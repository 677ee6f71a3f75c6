// Forms filled in and sent with the keyboard alone (issue 12 §2, WCAG 2.1.1), against the built
// app in Chromium: each field reached by Tab, text typed, options chosen with the arrow keys, radios
// with the arrow keys, checkboxes with Space, the form sent with Enter on its button
// (support/keyboard-form.ts never clicks). Each send is checked by its result — the thing was
// created or changed — and a refused send by focus on the first invalid field, which says it is
// invalid, has its error read with it and keeps a focus ring of 3:1 that is not the error colour.
// One browser session per role, the forms in the order a person meets them, to keep the run short.
// The forms not driven here (nor in another e2e file) are named in the accessibility statement's
// known shortcomings (client/src/public-service/known-shortcomings.ts, "keyboard-paths").
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { chooseOption, chooseRadio, pressEnterOn, refusedAt, setCheckbox, typeDate, typeInto } from './support/keyboard-form.ts';
import { mailedLink } from './support/mailbox.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';
import { organisationPerson } from './support/organisation-person.ts';

const PASSWORD = 'ett långt lösenord för tangentbordet';
const NEW_PASSWORD = 'ett nytt långt lösenord, också med tangenter';
const NEWCOMER = { name: 'Tove Tangent', email: 'tove@tangent.example', organisation: 'Tangentbolaget AB' };
const year = new Date().getFullYear() + 1;

let app: BuiltApp;
let browser: Browser;
let buyer: ApiPerson;
let admin: ApiPerson;
let dialogueId = '';
let sessionPath = '';
let roundPath = '';

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  ({ person: buyer } = await organisationPerson(app, admin, { name: 'Berit Beställare', email: 'berit@kommun.example', password: PASSWORD, organisation: 'Tangentkommunen', kind: 'buyer' }));
  // A second verified buyer, to become co-owner of the dialogue.
  await organisationPerson(app, admin, { name: 'Greta Granne', email: 'greta@grannkommun.example', password: PASSWORD, organisation: 'Grannkommunen', kind: 'buyer' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function sessionFor(person: ApiPerson | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(8000);
  if (person) {
    const [name, value] = person.cookie().split('=');
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: app.url }]);
  }
  return { context, page: await context.newPage() };
}

async function open(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${app.url}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('a newcomer, by keyboard', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await sessionFor(null)));
  afterAll(async () => context?.close());

  it('registers: an empty form is refused at its first field, then the filled one is sent', async () => {
    await open(page, '/register', 'Skapa konto');
    await pressEnterOn(page, page.getByRole('button', { name: 'Skapa konto' }));
    const name = page.getByLabel('Ditt namn');
    expect(await refusedAt(page, name)).toMatchObject({ focused: true, invalid: 'true', ringHolds: true, described: expect.stringMatching(/\S/) });
    await typeInto(page, name, NEWCOMER.name);
    await typeInto(page, page.getByLabel('E-post'), NEWCOMER.email);
    await typeInto(page, page.getByLabel('Lösenord'), PASSWORD);
    await chooseRadio(page, page.getByLabel('En leverantör'));
    await pressEnterOn(page, page.getByRole('button', { name: 'Skapa konto' }));
    await page.getByRole('heading', { level: 2, name: 'Titta i din e-post' }).waitFor();
  });

  it('signs in: a wrong password is refused in words, the right one signs in', async () => {
    const link = await mailedLink(app.dataDir, NEWCOMER.email, 'verify-email');
    await page.goto(`${app.url}${link}`);
    await page.getByText('Tack! Din e-postadress är bekräftad.').waitFor();
    await pressEnterOn(page, page.getByRole('button', { name: 'Logga ut' }));
    await open(page, '/login', 'Logga in');
    await typeInto(page, page.getByLabel('E-post'), NEWCOMER.email);
    await typeInto(page, page.getByLabel('Lösenord'), 'inte mitt lösenord alls');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: /lösenord/i }).waitFor();
    await typeInto(page, page.getByLabel('Lösenord'), PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
  });

  it('creates an organisation', async () => {
    await open(page, '/get-started', 'Hitta din organisation eller skapa en');
    const form = page.getByRole('form', { name: 'Skapa en organisation' });
    await typeInto(page, form.getByLabel('Organisationens namn'), NEWCOMER.organisation);
    await chooseRadio(page, form.getByLabel('Leverantör', { exact: true }));
    await pressEnterOn(page, form.getByRole('button', { name: 'Skapa organisation' }));
    await page.getByRole('heading', { level: 1, name: NEWCOMER.organisation }).waitFor();
  });

  it('asks for a new password and sets it from the mailed link', async () => {
    await pressEnterOn(page, page.getByRole('button', { name: 'Logga ut' }));
    await open(page, '/forgot-password', 'Glömt lösenordet');
    await typeInto(page, page.getByLabel('E-post'), NEWCOMER.email);
    await pressEnterOn(page, page.getByRole('button', { name: 'Skicka länk' }));
    await page.getByRole('heading', { name: 'Titta i din e-post' }).waitFor();
    await page.goto(`${app.url}${await mailedLink(app.dataDir, NEWCOMER.email, 'reset-password')}`);
    await page.getByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' }).waitFor();
    await typeInto(page, page.getByLabel('Nytt lösenord'), NEW_PASSWORD);
    await pressEnterOn(page, page.getByRole('button', { name: 'Spara nytt lösenord' }));
    await page.getByRole('heading', { name: 'Lösenordet är bytt' }).waitFor();
    await open(page, '/login', 'Logga in');
    await typeInto(page, page.getByLabel('E-post'), NEWCOMER.email);
    await typeInto(page, page.getByLabel('Lösenord'), NEW_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
  });
  it('removes the account, confirmed with the password', async () => {
    await open(page, '/account', 'Ditt konto');
    await typeInto(page, page.getByLabel('Ditt lösenord'), NEW_PASSWORD);
    await pressEnterOn(page, page.getByRole('button', { name: 'Ta bort mitt konto' }));
    await page.getByRole('heading', { name: 'Ditt konto är borttaget' }).waitFor();
  });
});

describe('a buyer, by keyboard', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await sessionFor(buyer)));
  afterAll(async () => context?.close());

  it('creates a dialogue: a missing arena is refused there, then it is published', async () => {
    await open(page, '/dialogues/new', 'Skapa dialog');
    await typeInto(page, page.getByLabel('Titel'), 'Snöröjning med tangentbord');
    await typeInto(page, page.getByLabel('Beskrivning'), 'Vi söker **robotar** som röjer snö.');
    await pressEnterOn(page, page.getByRole('button', { name: 'Skapa dialog' }));
    const arena = page.getByLabel('Arena');
    expect(await refusedAt(page, arena)).toMatchObject({ focused: true, invalid: 'true', ringHolds: true, described: expect.stringMatching(/\S/) });
    await chooseOption(page, arena, 'Transport');
    await chooseOption(page, page.getByLabel('Fas'), 'Marknadsdialog');
    await typeDate(page, page.getByLabel('Sista dag för frågor'), `${year}-03-15T17:00`);
    expect(await page.getByLabel('Sista dag för frågor').inputValue()).toBe(`${year}-03-15T17:00`);
    await chooseRadio(page, page.getByLabel('Endast registrerade användare'));
    await chooseRadio(page, page.getByLabel('Offentlig – alla kan läsa'));
    await pressEnterOn(page, page.getByRole('button', { name: 'Skapa dialog' }));
    await page.getByRole('heading', { level: 1, name: 'Snöröjning med tangentbord' }).waitFor();
    dialogueId = /\/dialogues\/([0-9a-f]{24})/.exec(page.url())?.[1] ?? '';
    expect(dialogueId).not.toBe('');
  });
  it('plans a dialogue session: format by arrow keys, times typed, the approval box by Space', async () => {
    await open(page, `/dialogues/${dialogueId}/sessions/new`, 'Planera dialogmöte');
    await typeInto(page, page.getByLabel('Rubrik'), 'Tangentmötet');
    await typeInto(page, page.getByLabel('Dagordning'), '1. Behovet\n2. Frågor');
    await typeDate(page, page.getByLabel('Börjar'), `${year}-02-10T10:00`);
    await typeDate(page, page.getByLabel('Slutar'), `${year}-02-10T11:30`);
    await chooseRadio(page, page.getByLabel('Digitalt', { exact: true }));
    await typeInto(page, page.getByLabel('Länk till mötet'), 'https://mote.example/tangent');
    await typeInto(page, page.getByLabel('Antal platser'), '25');
    await setCheckbox(page, page.getByLabel('Frågor under mötet visas först när vi har godkänt dem'), true);
    await pressEnterOn(page, page.getByRole('button', { name: 'Planera mötet' }));
    await page.getByRole('heading', { level: 1, name: 'Tangentmötet' }).waitFor();
    sessionPath = new URL(page.url()).pathname;
  });

  it('opens one-to-one meetings for booking', async () => {
    await open(page, `/dialogues/${dialogueId}/rounds/new`, 'Öppna enskilda möten');
    await typeInto(page, page.getByLabel('Rubrik'), 'Enskilda tangentmöten');
    await typeDate(page, page.getByLabel('Första mötet börjar'), `${year}-02-12T13:00`);
    await typeInto(page, page.getByLabel('Minuter per möte'), '30');
    await typeInto(page, page.getByLabel('Antal tider'), '2');
    await chooseRadio(page, page.getByLabel('På plats'));
    await typeInto(page, page.getByLabel('Adress'), 'Stadshuset, rum 4');
    await pressEnterOn(page, page.getByRole('button', { name: 'Öppna för bokning' }));
    await page.getByRole('heading', { level: 1, name: 'Enskilda tangentmöten' }).waitFor();
    roundPath = new URL(page.url()).pathname;
  });
  it('publishes to the library: kind by arrow keys, arenas and audiences by Space', async () => {
    await open(page, '/library/new', 'Publicera i biblioteket');
    await typeInto(page, page.getByLabel('Rubrik'), 'Mall för snöröjningsdialoger');
    await chooseOption(page, page.getByLabel('Typ'), 'Mall');
    await setCheckbox(page, page.getByRole('group', { name: 'Arenor' }).getByLabel('Transport'), true);
    await setCheckbox(page, page.getByRole('group', { name: 'Målgrupper' }).getByLabel('Leverantörer'), true);
    await typeInto(page, page.getByLabel('Sammanfattning'), 'En mall för dialoger om snöröjning.');
    await typeInto(page, page.getByLabel('Innehåll'), 'Börja med **behovet**.');
    await pressEnterOn(page, page.getByRole('button', { name: 'Publicera', exact: true }));
    await page.getByRole('heading', { level: 1, name: 'Mall för snöröjningsdialoger' }).waitFor();
  });

  it('starts a relay project from the dialogue', async () => {
    await open(page, `/relay/new?dialogue=${dialogueId}`, 'Starta ett stafettprojekt');
    await typeInto(page, page.getByLabel('Projektets namn'), 'Snöprojektet');
    await chooseOption(page, page.getByLabel('Arena'), 'Transport');
    await setCheckbox(page, page.getByRole('group', { name: 'Dialoger i projektet' }).getByLabel('Snöröjning med tangentbord'), true);
    await pressEnterOn(page, page.getByRole('button', { name: 'Starta projektet' }));
    await page.getByRole('heading', { level: 1, name: 'Snöprojektet' }).waitFor();
    const projectPath = new URL(page.url()).pathname;

    await open(page, `${projectPath}/handover`, 'Lämna över stafettpinnen');
    await typeInto(page, page.getByLabel('Skede som passerats'), 'Marknadsdialog genomförd');
    await typeInto(page, page.getByLabel('Vad som upphandlades och varför'), 'Robotar som röjer snö, för säkrare gångvägar.');
    await pressEnterOn(page, page.getByRole('button', { name: 'Lämna över', exact: true }));
    await page.getByRole('heading', { level: 1, name: 'Snöprojektet' }).waitFor();
    await page.getByText('Robotar som röjer snö, för säkrare gångvägar.').waitFor();
  });

  it('adds a co-owner to the dialogue: search, choose, confirm', async () => {
    await open(page, `/dialogues/${dialogueId}`, 'Snöröjning med tangentbord');
    await pressEnterOn(page, page.getByRole('button', { name: 'Lägg till medbeställare' }));
    await typeInto(page, page.getByLabel('Namn eller organisationsnummer'), 'Grannkommunen');
    await page.keyboard.press('Enter');
    await pressEnterOn(page, page.getByRole('button', { name: 'Lägg till som medbeställare: Grannkommunen' }));
    await pressEnterOn(page, page.getByRole('button', { name: 'Ja, lägg till' }));
    await page.getByText('Grannkommunen är nu medbeställare av dialogen.').waitFor();
  });

  it('selects innovation statistics by arena and months: a month in the wrong form is refused there', async () => {
    await open(page, '/statistics', 'Innovationsstatistik');
    const selection = page.getByRole('form', { name: 'Urval' });
    await chooseOption(page, selection.getByLabel('Arena'), 'Transport');
    const from = selection.getByLabel('Från månad');
    await typeInto(page, from, 'mars');
    await pressEnterOn(page, selection.getByRole('button', { name: 'Visa', exact: true }));
    expect(await refusedAt(page, from)).toMatchObject({ focused: true, invalid: 'true', ringHolds: true, described: expect.stringMatching(/\S/) });
    await typeInto(page, from, `${year - 1}-01`);
    await pressEnterOn(page, selection.getByRole('button', { name: 'Visa', exact: true }));
    await expect.poll(() => new URL(page.url()).searchParams.get('arenaId')).toBe('transport');
    expect(new URL(page.url()).searchParams.get('from')).toBe(`${year - 1}-01`);
  });
});

describe('a supplier and the buyer answering, by keyboard', () => {
  let context: BrowserContext;
  let page: Page;
  let supplier: ApiPerson;
  let organisationId = '';
  beforeAll(async () => {
    supplier = await signedUpPerson(app, { name: 'Sam Säljare', email: 'sam@bolag.example', password: PASSWORD, representation: 'supplier' });
    ({ organisationId } = await supplier.api.organisations.create.mutate({ name: 'Säljbolaget AB', kind: 'supplier' }));
    ({ context, page } = await sessionFor(supplier));
  });
  afterAll(async () => context?.close());

  it('asks a question: a too short title is refused there, then it is published', async () => {
    await open(page, `/dialogues/${dialogueId}`, 'Snöröjning med tangentbord');
    await typeInto(page, page.getByLabel('Rubrik'), 'Å');
    await typeInto(page, page.getByLabel('Din fråga'), 'Hur mycket snö ska robotarna klara per timme?');
    await pressEnterOn(page, page.getByRole('button', { name: 'Skicka fråga' }));
    const title = page.getByLabel('Rubrik');
    expect(await refusedAt(page, title)).toMatchObject({ focused: true, invalid: 'true', ringHolds: true, described: expect.stringMatching(/3/) });
    await typeInto(page, title, 'Snömängd per timme');
    await pressEnterOn(page, page.getByRole('button', { name: 'Skicka fråga' }));
    await page.getByText('Din fråga är publicerad.').waitFor();
    await page.getByRole('heading', { name: 'Snömängd per timme' }).waitFor();
  });

  it('finds the question with the search form', async () => {
    await open(page, '/search', 'Sök');
    await typeInto(page, page.getByRole('main').getByLabel('Sökord'), 'snömängd');
    await page.keyboard.press('Enter');
    await page.getByRole('main').getByRole('link', { name: 'Snömängd per timme' }).waitFor();
  });

  it('registers for the session and books a one-to-one meeting', async () => {
    await open(page, sessionPath, 'Tangentmötet');
    await pressEnterOn(page, page.getByRole('button', { name: 'Anmäl mig' }));
    await page.getByText('Du är anmäld.').waitFor();
    await open(page, roundPath, 'Enskilda tangentmöten');
    await pressEnterOn(page, page.getByRole('button', { name: /^Boka / }).first());
    await page.getByText(/^Ni har bokat /).waitFor();
  });

  it('is answered officially by the buyer, and the buyer moves the question deadline', async () => {
    const buyerSession = await sessionFor(buyer);
    const buyerPage = buyerSession.page;
    try {
      await open(buyerPage, `/dialogues/${dialogueId}`, 'Snöröjning med tangentbord');
      const question = buyerPage.getByRole('article', { name: 'Snömängd per timme' });
      await pressEnterOn(buyerPage, question.getByRole('button', { name: 'Svara officiellt' }));
      await typeInto(buyerPage, buyerPage.getByLabel('Ditt officiella svar'), 'Minst fem centimeter i timmen.');
      await pressEnterOn(buyerPage, buyerPage.getByRole('button', { name: 'Publicera officiellt svar' }));
      await buyerPage.getByText('Det officiella svaret är publicerat.').waitFor();
      await buyerPage.getByText('Minst fem centimeter i timmen.').waitFor();

      await open(buyerPage, `/dialogues/${dialogueId}`, 'Snöröjning med tangentbord');
      await pressEnterOn(buyerPage, buyerPage.getByRole('button', { name: 'Ändra sista dag för frågor' }));
      await typeDate(buyerPage, buyerPage.getByLabel('Ny sista dag för frågor'), `${year}-04-01T12:00`);
      await pressEnterOn(buyerPage, buyerPage.getByRole('button', { name: 'Spara ny sista dag' }));
      await buyerPage.getByText(/Sista dag för frågor är nu/).waitFor();
      const dialogue = await buyer.api.dialogues.get.query({ dialogueId });
      expect(new Date(dialogue.questionDeadline).toISOString()).toBe(new Date(`${year}-04-01T12:00:00+02:00`).toISOString());
    } finally {
      await buyerSession.context.close();
    }
  });
  it('changes the password on the account page: a wrong current one is refused there', async () => {
    await open(page, '/account', 'Ditt konto');
    const current = page.getByLabel('Nuvarande lösenord');
    await typeInto(page, current, 'inte det nuvarande lösenordet');
    await typeInto(page, page.getByLabel('Nytt lösenord'), NEW_PASSWORD);
    await pressEnterOn(page, page.getByRole('button', { name: 'Byt lösenord' }));
    expect(await refusedAt(page, current)).toMatchObject({ focused: true, invalid: 'true', ringHolds: true });
    await typeInto(page, current, PASSWORD);
    await pressEnterOn(page, page.getByRole('button', { name: 'Byt lösenord' }));
    await page.getByText('Lösenordet är bytt. Du har loggats ut på alla andra enheter.').waitFor();
  });

  it('edits the organisation it owns', async () => {
    await open(page, `/organisations/${organisationId}`, 'Säljbolaget AB');
    await pressEnterOn(page, page.getByRole('button', { name: 'Ändra namn och organisationsnummer' }));
    await typeInto(page, page.getByLabel('Namn', { exact: true }), 'Säljbolaget i Norden AB');
    await pressEnterOn(page, page.getByRole('button', { name: 'Spara', exact: true }));
    await page.getByText('Organisationens uppgifter är sparade.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Säljbolaget i Norden AB' }).waitFor();
  });
});

describe('an admin, by keyboard', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await sessionFor(admin)));
  afterAll(async () => context?.close());

  it('appoints a moderator', async () => {
    await open(page, '/moderation', /Moderering/);
    await typeInto(page, page.getByLabel('E-postadress till kontot'), 'sam@bolag.example');
    await pressEnterOn(page, page.getByRole('button', { name: 'Utse till moderator' }));
    await page.getByText('sam@bolag.example är nu moderator.').waitFor();
  });

  it('filters the audit log by action and dates', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    await chooseOption(page, page.getByLabel('Händelse'), 'Inloggning');
    await typeDate(page, page.getByLabel('Från och med'), today);
    await typeDate(page, page.getByLabel('Till och med'), today);
    await pressEnterOn(page, page.getByRole('button', { name: 'Visa', exact: true }));
    await page.getByText(/^Visar \d+ händelser?\.$/).waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBe('account.signed_in');
  });

  it('refuses to verify an organisation, with the reason typed', async () => {
    const { organisationId } = await buyer.api.organisations.create.mutate({ name: 'Osäkra kommunen', kind: 'buyer' });
    await open(page, `/organisations/${organisationId}`, 'Osäkra kommunen');
    await pressEnterOn(page, page.getByRole('button', { name: 'Verifiera inte' }));
    await typeInto(page, page.getByLabel('Skäl (ägarna får se det, i appen och i ett mejl)'), 'Organisationsnumret stämmer inte med namnet.');
    await pressEnterOn(page, page.getByRole('button', { name: 'Skicka beslutet' }));
    await page.getByText('Organisationen är inte verifierad. Ägarna har fått skälet.').waitFor();
  });
});
