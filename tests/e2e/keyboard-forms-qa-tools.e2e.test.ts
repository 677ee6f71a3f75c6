// The buyers' and moderators' tools on questions and answers, filled in and sent with the keyboard
// alone (issue 12 §2, WCAG 2.1.1), against the built app in Chromium, with the helpers of
// keyboard-forms.e2e.test.ts (support/keyboard-form.ts never clicks): an asker's edit of a question,
// the buyers' correction of an official answer, their redaction of a confidential question and a
// private answer to one, the minutes of a dialogue session and of a one-to-one meeting, the outcome
// of the procurement, and a moderator hiding a post. Each send is checked by its result through the
// API; two refused sends by where focus lands and what is read with it; and where a send takes its
// own button away (hiding a post, publishing minutes), that focus lands on what took its place. One
// browser session per role. The statement's known shortcomings
// (client/src/public-service/known-shortcomings.ts, "keyboard-paths") no longer name these forms.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { chooseOption, chooseRadio, pressEnterOn, refusedAt, tabTo, typeInto } from './support/keyboard-form.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';
import { organisationPerson } from './support/organisation-person.ts';
import { pageAs } from './support/page-as.ts';

const PASSWORD = 'ett långt lösenord för frågeverktygen';
const DIALOGUE = 'Plogning av gång- och cykelvägar';
const year = new Date().getFullYear() + 1;

let app: BuiltApp;
let browser: Browser;
let admin: ApiPerson;
let buyer: ApiPerson;
let supplier: ApiPerson;
let dialogueId = '';
let sessionId = '';
let roundId = '';
/** The threads the forms act on, by what is done to them. */
const threads = { corrected: '', privately: '', redacted: '', edited: '', hidden: '' };

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  ({ person: buyer } = await organisationPerson(app, admin, { name: 'Bo Beställare', email: 'bo@plogkommun.example', password: PASSWORD, organisation: 'Plogkommunen', kind: 'buyer' }));
  ({ person: supplier } = await organisationPerson(app, admin, { name: 'Lina Leverantör', email: 'lina@plogbolaget.example', password: PASSWORD, organisation: 'Plogbolaget AB', kind: 'supplier' }));
  ({ dialogueId } = await buyer.api.dialogues.create.mutate({
    title: DIALOGUE,
    description: 'Vi vill förstå marknaden för plogning av smala vägar.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: `${year}-03-01T12:00:00.000Z`,
    visibility: 'public',
  }));
  const ask = async (title: string, body: string, confidential = false) => (await supplier.api.threads.ask.mutate({ dialogueId, title, body, confidential })).threadId;
  threads.corrected = await ask('Hur djup snö?', 'Hur djup snö ska plogen klara?');
  await buyer.api.threads.answer.mutate({ threadId: threads.corrected, body: 'Upp till 20 centimeter.' });
  threads.privately = await ask('Vårt eget plogblad', 'Får vi visa vårt patentsökta plogblad för er?', true);
  threads.redacted = await ask('Snöblad från Bladbolaget AB', 'Kan ni jämföra med Bladbolaget AB:s modell X2?', true);
  threads.edited = await ask('Plogar ni gångbanor', 'Gäller det gångbanor?');
  threads.hidden = await ask('Köp skyfflar här', 'Billiga skyfflar på vår webbplats, ring oss!');
  ({ sessionId } = await buyer.api.sessions.create.mutate({
    dialogueId,
    title: 'Informationsmöte om plogning',
    agenda: '1. Behovet\n2. Frågor',
    startsAt: `${year}-02-10T10:00`,
    endsAt: `${year}-02-10T11:30`,
    timeZone: 'Europe/Stockholm',
    format: 'online',
    meetingLink: 'https://mote.example/plog',
    capacity: 30,
    questionsNeedApproval: false,
  }));
  await buyer.api.sessions.start.mutate({ sessionId });
  await buyer.api.sessions.end.mutate({ sessionId });
  ({ roundId } = await buyer.api.meetings.openRound.mutate({
    dialogueId,
    title: 'Enskilda möten om plogning',
    agenda: '1. Er lösning',
    timeZone: 'Europe/Stockholm',
    firstStartsAt: `${year}-02-12T09:00`,
    slotMinutes: 30,
    breakMinutes: 0,
    slotCount: 1,
    place: 'online',
    meetingLink: 'https://mote.example/enskilt',
  }));
  const [slot] = (await buyer.api.meetings.round.query({ roundId })).slots;
  await supplier.api.meetings.book.mutate({ slotId: slot?.id ?? '' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openDialogue(page: Page): Promise<void> {
  await page.goto(`${app.url}/dialogues/${dialogueId}`);
  await page.getByRole('heading', { level: 1, name: DIALOGUE }).waitFor();
}

/** A thread's acts lie far down a long dialogue page: Tab may pass many stops on the way. */
async function enterOnFar(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target, 300);
  await page.keyboard.press('Enter');
}

/** A thread's act, named with its thread's title after it (scoped to that thread's article). */
const toggle = (label: string) => new RegExp(`^${label}\\s?:`);

/** What has focus now, as text (an element removed with focus on it leaves focus on the body). */
const focusedText = (page: Page) => () => page.evaluate(() => (document.activeElement === document.body ? '(body)' : (document.activeElement?.textContent ?? '')));

const thread = (person: ApiPerson, threadId: string) => person.api.threads.get.query({ threadId }).then((found) => found.thread);

describe('the asker, by keyboard', () => {
  let page: Page;
  beforeAll(async () => (page = await pageAs(browser, app.url, supplier)));
  afterAll(async () => page?.context().close());

  it('edits a question not yet answered: title and text', async () => {
    await openDialogue(page);
    const question = page.getByRole('article', { name: 'Plogar ni gångbanor' });
    await enterOnFar(page, question.getByRole('button', { name: toggle('Ändra') }));
    await typeInto(page, question.getByLabel('Rubrik', { exact: true }), 'Plogar ni gångbanor och trappor?');
    await typeInto(page, question.getByLabel('Text', { exact: true }), 'Gäller det gångbanor, och trappor i parker?');
    await pressEnterOn(page, question.getByRole('button', { name: 'Spara ändringen' }));
    await page.getByText('Ändringen är sparad.').waitFor();
    await page.getByRole('heading', { name: 'Plogar ni gångbanor och trappor?' }).waitFor();
    const edited = await thread(supplier, threads.edited);
    expect(edited).toMatchObject({ title: 'Plogar ni gångbanor och trappor?', question: { body: 'Gäller det gångbanor, och trappor i parker?', versionCount: 2 } });
  });
});

describe('a moderator, by keyboard', () => {
  let page: Page;
  beforeAll(async () => (page = await pageAs(browser, app.url, admin)));
  afterAll(async () => page?.context().close());

  it('hides a post with the reason typed', async () => {
    await openDialogue(page);
    const spam = page.getByRole('article', { name: 'Köp skyfflar här' });
    await enterOnFar(page, spam.getByRole('button', { name: toggle('Dölj inlägget') }));
    await typeInto(page, spam.getByLabel('Skäl att dölja'), 'Reklam, inte en fråga om dialogen.');
    await pressEnterOn(page, spam.getByRole('button', { name: 'Dölj', exact: true }));
    await page.getByText('Inlägget är dolt.').waitFor();
    await page.getByText(/Dolt av en moderator .*Skäl: Reklam, inte en fråga om dialogen\./).waitFor();
    // The button went with the post: focus is on the notice that took its place, not lost.
    await expect.poll(focusedText(page)).toMatch(/^Dolt av en moderator .*Skäl: Reklam/);
    const hidden = await thread(supplier, threads.hidden);
    expect(hidden.question.hidden).toMatchObject({ reason: 'Reklam, inte en fråga om dialogen.' });
  });
});

describe('a buyer, by keyboard', () => {
  let page: Page;
  beforeAll(async () => (page = await pageAs(browser, app.url, buyer)));
  afterAll(async () => page?.context().close());

  it('corrects an official answer, with what was corrected and why', async () => {
    await openDialogue(page);
    const question = page.getByRole('article', { name: 'Hur djup snö?' });
    await enterOnFar(page, question.getByRole('button', { name: toggle('Rätta svaret') }));
    await typeInto(page, question.getByLabel('Rättat svar'), 'Upp till 30 centimeter.');
    await typeInto(page, question.getByLabel('Vad rättades och varför'), 'Fel snödjup i första svaret.');
    await pressEnterOn(page, question.getByRole('button', { name: 'Publicera rättelse' }));
    await page.getByText('Rättelsen är publicerad.').waitFor();
    await question.getByText('Upp till 30 centimeter.').waitFor();
    const corrected = await thread(supplier, threads.corrected);
    expect(corrected.answers).toMatchObject([{ body: 'Upp till 30 centimeter.', corrected: true, versionCount: 2 }]);
  });

  it('answers a confidential question to the asker alone, with the reason', async () => {
    await openDialogue(page);
    const question = page.getByRole('article', { name: 'Vårt eget plogblad' });
    await enterOnFar(page, question.getByRole('button', { name: toggle('Svara bara frågeställaren') }));
    await typeInto(page, question.getByLabel('Svar till frågeställaren'), 'Ja, boka ett enskilt möte så tittar vi på det.');
    await typeInto(page, question.getByLabel('Skäl till att svaret inte publiceras för alla'), 'Frågan rör bara leverantörens egen produkt.');
    await pressEnterOn(page, question.getByRole('button', { name: 'Skicka svaret enskilt' }));
    await page.getByText('Svaret är skickat till frågeställaren, med skälet sparat.').waitFor();
    // The question left the waiting list with its buttons: the keyboard is on the inbox's heading.
    await expect.poll(focusedText(page)).toMatch(/^Inkorg/);
    const answered = await thread(supplier, threads.privately);
    expect(answered).toMatchObject({ status: 'answered-privately', privateAnswerReason: 'Frågan rör bara leverantörens egen produkt.' });
    expect(answered.answers).toMatchObject([{ private: true, body: 'Ja, boka ett enskilt möte så tittar vi på det.' }]);
  });

  it('redacts a confidential question before it is published, with a note to the asker', async () => {
    await openDialogue(page);
    const question = page.getByRole('article', { name: 'Snöblad från Bladbolaget AB' });
    await enterOnFar(page, question.getByRole('button', { name: toggle('Redigera frågan') }));
    await typeInto(page, question.getByLabel('Rubrik', { exact: true }), 'Snöblad från en viss tillverkare');
    await typeInto(page, question.getByLabel('Frågan', { exact: true }), 'Kan ni jämföra med en viss tillverkares modell?');
    await typeInto(page, question.getByLabel('Anteckning till frågeställaren'), 'Företagsnamn borttaget.');
    await pressEnterOn(page, question.getByRole('button', { name: 'Spara redigeringen' }));
    await page.getByText('Frågan är redigerad. Frågeställaren har fått veta det.').waitFor();
    const redacted = await thread(buyer, threads.redacted);
    expect(redacted).toMatchObject({ title: 'Snöblad från en viss tillverkare', question: { body: 'Kan ni jämföra med en viss tillverkares modell?', versionCount: 2 } });
  });

  it('publishes the minutes of an ended session: too short is refused at the field, then they are published', async () => {
    await page.goto(`${app.url}/sessions/${sessionId}/live`);
    await page.getByRole('heading', { level: 1, name: /Informationsmöte om plogning/ }).waitFor();
    await pressEnterOn(page, page.getByRole('button', { name: 'Publicera protokoll', exact: true }));
    const minutes = page.getByLabel('Protokoll', { exact: true });
    await typeInto(page, minutes, 'Kort.');
    await pressEnterOn(page, page.getByRole('button', { name: 'Publicera protokoll och besvarade frågor' }));
    expect(await refusedAt(page, minutes)).toMatchObject({ focused: true, invalid: 'true', ringHolds: true, described: expect.stringMatching(/10/) });
    await typeInto(page, minutes, 'Vi gick igenom behovet och **tre frågor** om plogning av trappor.');
    await pressEnterOn(page, page.getByRole('button', { name: 'Publicera protokoll och besvarade frågor' }));
    await page.getByRole('heading', { level: 2, name: 'Protokoll', exact: true }).waitFor();
    // The button went once the minutes were out: focus is on what was published, not lost.
    await expect.poll(focusedText(page)).toMatch(/^Protokollet och 0 besvarade frågor har publicerats\.$/);
    const room = await buyer.api.liveRoom.get.query({ sessionId });
    expect(room.minutes?.text).toBe('Vi gick igenom behovet och **tre frågor** om plogning av trappor.');
  });

  it('writes the minutes of a one-to-one meeting', async () => {
    await page.goto(`${app.url}/rounds/${roundId}`);
    await page.getByRole('heading', { level: 1, name: 'Enskilda möten om plogning' }).waitFor();
    await pressEnterOn(page, page.getByRole('button', { name: 'Skriv anteckningar' }));
    await typeInto(page, page.getByLabel('Anteckningar', { exact: true }), 'Plogbolaget visade ett smalt plogblad för trappor.');
    await pressEnterOn(page, page.getByRole('button', { name: 'Spara anteckningarna' }));
    await page.getByText('Anteckningarna är sparade.').waitFor();
    const { slots } = await buyer.api.meetings.round.query({ roundId });
    expect(slots[0]?.minutes).toBe('Plogbolaget visade ett smalt plogblad för trappor.');
  });

  it('records the outcome once the procurement has ended: nothing chosen is refused at the first question, then it is recorded', async () => {
    await buyer.api.dialogues.update.mutate({ dialogueId, phase: 'contract' });
    await openDialogue(page);
    await enterOnFar(page, page.getByRole('button', { name: 'Registrera utfallet' }));
    const form = page.getByRole('form', { name: 'Hur upphandlingen slutade' });
    await pressEnterOn(page, form.getByRole('button', { name: 'Registrera utfallet' }));
    // A radio group is refused at its first option (a fieldset takes no focus); the group says it is
    // invalid and has its error read with it.
    const procured = form.getByRole('radiogroup', { name: 'Upphandlades en innovation?' });
    await expect.poll(() => procured.getByLabel('Ja').evaluate((radio) => radio === document.activeElement)).toBe(true);
    expect(await procured.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await procured.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${errorId.split(' ')[0]}"]`).textContent()).toMatch(/\S/);
    await chooseRadio(page, procured.getByLabel('Ja'));
    await chooseRadio(page, form.getByRole('radiogroup', { name: 'Var lösningen ny på marknaden?' }).getByLabel('Nej'));
    await chooseOption(page, form.getByLabel('Kontraktets värde'), '1–10 miljoner kronor');
    await pressEnterOn(page, form.getByRole('button', { name: 'Registrera utfallet' }));
    await page.getByText('Utfallet är registrerat.').waitFor();
    const { outcome } = await supplier.api.dialogues.get.query({ dialogueId });
    expect(outcome).toMatchObject({ procuredInnovation: true, newToMarket: false, contractValueBand: '1m-10m' });
  });
});
