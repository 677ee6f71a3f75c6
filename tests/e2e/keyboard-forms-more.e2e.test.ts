// More forms filled in and sent with the keyboard alone (issue 12 §2, WCAG 2.1.1), against the built
// app in Chromium, with the same helpers as keyboard-forms.e2e (support/keyboard-form.ts never
// clicks): the relay's contacts and thread, inviting a colleague to an organisation and accepting,
// merging a duplicate organisation, changing a saved search, the search page's filters, the forms of
// buyers' networks (forming one, starting a discussion, asking to join, accepting a request,
// inviting, accepting an invitation, posting) and the live room's host tools (start, approval,
// approve, pin, answer, hide, announce, poll, end). Each send is checked by its result, read back
// through the API as the person it concerns; a refused send by focus on the field in error; an act
// that takes its own button away (a filter's search, start, approve, close, end, a network's
// answers) by where it leaves the keyboard: on its outcome or the next tool, never the page's top.
// One browser session per role, set up through the API; the pages are used in the order the story
// needs. Forms not driven here nor in another e2e file are named in the accessibility statement's
// known shortcomings (client/src/public-service/known-shortcomings.ts, "keyboard-paths").
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPerson, signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { chooseOption, chooseRadio, pressEnterOn, refusedAt, setCheckbox, typeDate, typeInto } from './support/keyboard-form.ts';
import { scheduledSession } from './support/live-session.ts';
import { mailedLink } from './support/mailbox.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD } from './support/moderator.ts';
import { organisationPerson, type OrganisationPerson } from './support/organisation-person.ts';
import { pageAs } from './support/page-as.ts';

const PASSWORD = 'fler formulär med bara tangentbordet';
const REFUSED = { focused: true, invalid: 'true', ringHolds: true, described: expect.stringMatching(/\S/) };

let app: BuiltApp;
let browser: Browser;
let admin: ApiPerson;
let anna: ApiPerson;
let bengt: ApiPerson;
let sune: ApiPerson;
let cilla: ApiPerson;
let annaPage: Page;
let bengtPage: Page;
const ids = { norr: '', duplicate: '', dialogue: '', project: '', sessionId: '', network: '', invitingNetwork: '', discussion: '' };

const buyer = (name: string, email: string, organisation: string): Promise<OrganisationPerson> =>
  organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind: 'buyer' });

const pageFor = (person: ApiPerson) => pageAs(browser, app.url, person);

async function open(page: Page, path: string, heading: string | RegExp): Promise<void> {
  await page.goto(`${app.url}${path}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);
/** Where the keyboard is: the focused element's text (an act whose button went away focuses its outcome). */
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '');
/** A day relative to today in Stockholm, as a date field holds it (YYYY-MM-DD). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  ({ person: anna, organisationId: ids.norr } = await buyer('Anna Andersson', 'anna@norr.example', 'Region Norr'));
  ({ person: bengt } = await buyer('Bengt Berg', 'bengt@syd.example', 'Kommun Syd'));
  await buyer('Vera Väst', 'vera@vast.example', 'Kommun Väst');
  sune = await signedUpPerson(app, { name: 'Sune Svensson', email: 'sune@sensor.example', password: PASSWORD, representation: 'supplier' });
  await sune.api.organisations.create.mutate({ name: 'Sensorbolaget AB', kind: 'supplier' });
  // A duplicate of Region Norr, made by someone who did not find it; an admin merges it below.
  const dora = await signedUpPerson(app, { name: 'Dora Dubblett', email: 'dora@norr.example', password: PASSWORD, representation: 'buyer' });
  ({ organisationId: ids.duplicate } = await dora.api.organisations.create.mutate({ name: 'Norrs inköpsenhet', kind: 'buyer' }));
  // A colleague with an account and no organisation yet, to be invited to Region Norr.
  cilla = await signedUpPerson(app, { name: 'Cilla Kollega', email: 'cilla@norr.example', password: PASSWORD, representation: 'buyer' });

  ({ dialogueId: ids.dialogue } = await anna.api.dialogues.create.mutate({
    title: 'Autonom snöröjning',
    description: 'Vi söker robotar som röjer snö på cykelbanor.',
    arenaId: 'transport',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    visibility: 'public',
  }));
  ({ projectId: ids.project } = await anna.api.relay.create.mutate({ title: 'Snöröjningsprojektet', arenaId: 'transport', dialogueIds: [ids.dialogue], visibility: 'public' }));
  await anna.api.relay.publishHandover.mutate({ projectId: ids.project, stage: 'Marknadsdialog genomförd', procured: 'Självkörande snöröjning på cykelbanor, för att klara vintrarna.' });
  ({ sessionId: ids.sessionId } = await scheduledSession(anna.api));
  browser = await launchChromium();
  [annaPage, bengtPage] = await Promise.all([pageFor(anna), pageFor(bengt)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the relay, by keyboard', () => {
  it('a buyer of the project offers to be a contact: role typed, whom the address is shown to by arrow keys', async () => {
    await open(annaPage, `/relay/${ids.project}`, 'Snöröjningsprojektet');
    await typeInto(annaPage, annaPage.getByLabel('Din roll i projektet'), 'Projektledare');
    await chooseRadio(annaPage, annaPage.getByLabel('Inloggade med bekräftad e-postadress'));
    await pressEnterOn(annaPage, annaPage.getByRole('form', { name: 'Jag hjälper gärna till' }).getByRole('button', { name: 'Spara', exact: true }));
    await annaPage.getByText('Du är kontaktperson för projektet.').waitFor();
    // Shown with the address to a signed-in buyer with a confirmed address, without it to a visitor.
    const seenBy = async (person: ApiPerson) => (await person.api.relay.get.query({ projectId: ids.project })).contacts;
    expect(await seenBy(bengt)).toEqual([expect.objectContaining({ name: 'Anna Andersson', role: 'Projektledare', email: 'anna@norr.example' })]);
    expect((await seenBy(apiPerson(app.url)))[0]?.email ?? null).toBeNull();
  });

  it('another buyer asks in the relay thread: an empty question is refused there, then it is sent', async () => {
    await open(bengtPage, `/relay/${ids.project}`, 'Snöröjningsprojektet');
    await pressEnterOn(bengtPage, bengtPage.getByRole('button', { name: 'Ställ en fråga' }));
    const body = bengtPage.getByLabel('Text', { exact: true });
    await pressEnterOn(bengtPage, bengtPage.getByRole('button', { name: 'Skicka frågan' }));
    expect(await refusedAt(bengtPage, body)).toMatchObject(REFUSED);
    await typeInto(bengtPage, body, 'Hur lång var pilotfasen?');
    await pressEnterOn(bengtPage, bengtPage.getByRole('button', { name: 'Skicka frågan' }));
    await bengtPage.getByRole('region', { name: 'Stafettråd' }).getByText('Hur lång var pilotfasen?').waitFor();
  });

  it('the project’s buyer replies, and the one who asked edits the question with a note', async () => {
    await open(annaPage, `/relay/${ids.project}`, 'Snöröjningsprojektet');
    const thread = annaPage.getByRole('region', { name: 'Stafettråd' });
    await pressEnterOn(annaPage, thread.getByRole('button', { name: 'Svara', exact: true }));
    await typeInto(annaPage, thread.getByLabel('Text', { exact: true }), 'Sex månader, med avbrottsrätt.');
    await pressEnterOn(annaPage, thread.getByRole('button', { name: 'Skicka svaret' }));
    await thread.getByText('Sex månader, med avbrottsrätt.').waitFor();

    const question = bengtPage.getByRole('article', { name: 'Bengt Berg, Kommun Syd' });
    await pressEnterOn(bengtPage, question.getByRole('button', { name: 'Ändra' }));
    await typeInto(bengtPage, question.getByLabel('Text', { exact: true }), 'Hur lång var pilotfasen, och vad kostade den?');
    await typeInto(bengtPage, question.getByLabel('Vad har ändrats?'), 'Frågar också om kostnaden.');
    await pressEnterOn(bengtPage, question.getByRole('button', { name: 'Spara ändringen' }));
    await question.getByText(/Frågar också om kostnaden\./).waitFor();
    const { posts } = await anna.api.relay.get.query({ projectId: ids.project });
    expect(posts.map((post) => post.body)).toEqual(['Hur lång var pilotfasen, och vad kostade den?', 'Sex månader, med avbrottsrätt.']);
    expect(posts[0]?.edited?.note).toBe('Frågar också om kostnaden.');
  });
});

describe('organisations, by keyboard', () => {
  it('an owner invites a colleague: an address in the wrong form is refused there, then the invitation is mailed', async () => {
    await open(annaPage, `/organisations/${ids.norr}`, 'Region Norr');
    const invite = annaPage.getByRole('form', { name: 'Bjud in en kollega' });
    const email = invite.getByLabel('Kollegans e-postadress');
    await typeInto(annaPage, email, 'cilla.norr.example');
    await pressEnterOn(annaPage, invite.getByRole('button', { name: 'Skicka inbjudan' }));
    expect(await refusedAt(annaPage, email)).toMatchObject(REFUSED);
    await typeInto(annaPage, email, 'cilla@norr.example');
    await pressEnterOn(annaPage, invite.getByRole('button', { name: 'Skicka inbjudan' }));
    await annaPage.getByText('En inbjudan har skickats till cilla@norr.example.').waitFor();
    expect(await mailedLink(app.dataDir, 'cilla@norr.example', 'invitations/accept')).toMatch(/^\/invitations\/accept\?token=/);
  });

  it('the colleague accepts the invitation on "find your organisation"', async () => {
    const page = await pageFor(cilla);
    await open(page, '/get-started', 'Hitta din organisation eller skapa en');
    await pressEnterOn(page, page.getByRole('button', { name: 'Gå med i Region Norr' }));
    await page.getByRole('heading', { level: 1, name: 'Region Norr' }).waitFor();
    expect(await cilla.api.organisations.mine.query()).toEqual([expect.objectContaining({ id: ids.norr, role: 'member', actingFor: true })]);
  });

  it('an admin merges a duplicate into the organisation it duplicates: search, choose, confirm', async () => {
    const page = await pageFor(admin);
    await open(page, `/organisations/${ids.duplicate}`, 'Norrs inköpsenhet');
    await typeInto(page, page.getByLabel('Namn eller organisationsnummer på organisationen den är en dubblett av'), 'Region Norr');
    await page.keyboard.press('Enter');
    await pressEnterOn(page, page.getByRole('button', { name: 'Slå ihop med Region Norr' }));
    // The question takes focus in place; Enter confirms.
    await pressEnterOn(page, page.getByRole('button', { name: 'Ja, slå ihop' }));
    await page.getByRole('heading', { level: 1, name: 'Region Norr' }).waitFor();
    expect((await admin.api.organisations.get.query({ organisationId: ids.duplicate })).mergedInto).toEqual({ id: ids.norr, name: 'Region Norr' });
  });
});

describe('saved searches and the search page, by keyboard', () => {
  it('changes a saved search: an empty name is refused there; then name, in-app box by Space and mail by arrow keys', async () => {
    await anna.api.savedSearches.save.mutate({ name: 'Snöröjning', query: { q: 'snöröjning' }, inApp: true, email: 'daily' });
    await open(annaPage, '/account/saved-searches', 'Bevakade sökningar');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: /^Ändra ?: Snöröjning$/ }));
    const name = annaPage.getByLabel('Namn på bevakningen');
    await typeInto(annaPage, name, '');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Spara ändringarna' }));
    expect(await refusedAt(annaPage, name)).toMatchObject(REFUSED);
    await typeInto(annaPage, name, 'Snöröjning i norr');
    await setCheckbox(annaPage, annaPage.getByLabel('Visa nya träffar bland mina notiser'), false);
    await chooseRadio(annaPage, annaPage.getByLabel(/^Direkt/));
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Spara ändringarna' }));
    await annaPage.getByText('Bevakningen ”Snöröjning i norr” är ändrad.').waitFor();
    const { items } = await anna.api.savedSearches.list.query();
    expect(items).toEqual([expect.objectContaining({ name: 'Snöröjning i norr', inApp: false, email: 'immediately' })]);
  });

  it('filters the results by kind with Space (focus stays on the box), by dates (a period in the wrong order is refused at its end) and sorts by arrow keys', async () => {
    await open(bengtPage, '/search?q=sn%C3%B6r%C3%B6jning', /^Sök/);
    const filters = bengtPage.getByRole('complementary', { name: 'Filtrera träffarna' });
    const dialogues = filters.getByRole('group', { name: 'Typ' }).getByRole('checkbox', { name: /^Dialog \(/ });
    await setCheckbox(bengtPage, dialogues, true);
    await expect.poll(() => new URL(bengtPage.url()).searchParams.getAll('kind')).toEqual(['dialogue']);
    await bengtPage.getByRole('list', { name: 'Sökresultat' }).getByRole('link', { name: 'Autonom snöröjning' }).waitFor();
    // The search ran again, and the keyboard is where it was: on the box just ticked.
    await expect.poll(() => isFocused(dialogues)).toBe(true);
    expect(await dialogues.isChecked()).toBe(true);

    const from = filters.getByLabel('Från och med');
    const to = filters.getByLabel('Till och med');
    await typeDate(bengtPage, from, day(1));
    await typeDate(bengtPage, to, day(-1));
    await pressEnterOn(bengtPage, filters.getByRole('button', { name: 'Använd datum' }));
    expect(await refusedAt(bengtPage, to)).toMatchObject(REFUSED);
    expect(new URL(bengtPage.url()).searchParams.get('to')).toBeNull();
    await typeDate(bengtPage, from, day(-1));
    await typeDate(bengtPage, to, day(1));
    await pressEnterOn(bengtPage, filters.getByRole('button', { name: 'Använd datum' }));
    await expect.poll(() => new URL(bengtPage.url()).searchParams.get('to')).toBe(day(1));
    expect(new URL(bengtPage.url()).searchParams.get('from')).toBe(day(-1));
    await bengtPage.getByRole('list', { name: 'Sökresultat' }).getByRole('link', { name: 'Autonom snöröjning' }).waitFor();

    await chooseOption(bengtPage, bengtPage.getByRole('combobox', { name: /^Sortera/ }), 'Nyast först');
    await expect.poll(() => new URL(bengtPage.url()).searchParams.get('sort')).toBe('newest');
    expect(new URL(bengtPage.url()).searchParams.getAll('kind')).toEqual(['dialogue']);
  });
});

describe('buyers’ networks, by keyboard', () => {
  it('forms a network: an empty name is refused there; then name, purpose, arena by arrow keys and how to join', async () => {
    await open(annaPage, '/networks', 'Beställarnätverk');
    const form = annaPage.getByRole('form', { name: 'Bilda ett nätverk' });
    await pressEnterOn(annaPage, form.getByRole('button', { name: 'Bilda nätverket' }));
    const name = form.getByLabel('Nätverkets namn');
    expect(await refusedAt(annaPage, name)).toMatchObject(REFUSED);
    await typeInto(annaPage, name, 'Vinterns nätverk');
    await typeInto(annaPage, form.getByLabel('Syfte'), 'Vi förbereder upphandlingar av snöröjning tillsammans.');
    await chooseOption(annaPage, form.getByLabel('Arena'), 'Transport');
    await chooseRadio(annaPage, form.getByLabel(/^Öppet: organisationer ansöker/));
    await pressEnterOn(annaPage, form.getByRole('button', { name: 'Bilda nätverket' }));
    await annaPage.getByRole('heading', { level: 1, name: 'Vinterns nätverk' }).waitFor();
    ids.network = new URL(annaPage.url()).pathname.split('/').at(-1) ?? '';
    expect(await anna.api.networks.get.query({ networkId: ids.network })).toMatchObject({ arenaId: 'transport', joining: 'on-request' });
  });

  it('starts a discussion in it', async () => {
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Starta en diskussion' }));
    await typeInto(annaPage, annaPage.getByLabel('Rubrik'), 'Gemensamma krav');
    await typeInto(annaPage, annaPage.getByLabel('Inlägg', { exact: true }), 'Vilka krav på **larm** ställer vi?');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Starta diskussionen' }));
    await annaPage.getByRole('heading', { level: 1, name: 'Gemensamma krav' }).waitFor();
    ids.discussion = new URL(annaPage.url()).pathname.split('/').at(-1) ?? '';
  });

  it('another buyer asks to join, and the admin accepts the request (each outcome takes the focus its button had)', async () => {
    await open(bengtPage, `/networks/${ids.network}`, 'Vinterns nätverk');
    await pressEnterOn(bengtPage, bengtPage.getByRole('button', { name: 'Ansök om att gå med' }));
    await bengtPage.getByText('Din organisations ansökan väntar på en administratör.').waitFor();
    await expect.poll(() => focusedText(bengtPage)).toBe('Ansökan är skickad.');

    await open(annaPage, `/networks/${ids.network}`, 'Vinterns nätverk');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Tacka ja: Kommun Syd' }));
    await annaPage.getByRole('list', { name: 'Medlemsorganisationer' }).getByText(/^Kommun Syd · Medlem/).waitFor();
    await expect.poll(() => focusedText(annaPage)).toBe('Kommun Syd är nu medlem i nätverket.');
    expect((await bengt.api.networks.get.query({ networkId: ids.network })).viewer.isMember).toBe(true);
  });

  it('the admin invites an organisation found by typing its name', async () => {
    await typeInto(annaPage, annaPage.getByLabel('Sök verifierad beställarorganisation'), 'Kommun Väst');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Bjud in Kommun Väst' }));
    await annaPage.getByRole('list', { name: 'Obesvarade inbjudningar' }).getByText(/^Kommun Väst/).waitFor();
    await expect.poll(() => focusedText(annaPage)).toBe('Kommun Väst är inbjuden.');
    const { invitations } = await anna.api.networks.get.query({ networkId: ids.network });
    expect(invitations.map((invitation) => invitation.name)).toEqual(['Kommun Väst']);
  });

  it('an invited organisation’s buyer accepts the invitation', async () => {
    ({ networkId: ids.invitingNetwork } = await anna.api.networks.create.mutate({ name: 'Slutna nätverket', purpose: '', arenaId: 'transport', joining: 'invitation' }));
    const syd = (await bengt.api.organisations.mine.query())[0]?.id ?? '';
    await anna.api.networks.invite.mutate({ networkId: ids.invitingNetwork, organisationId: syd });
    await open(bengtPage, `/networks/${ids.invitingNetwork}`, 'Slutna nätverket');
    await pressEnterOn(bengtPage, bengtPage.getByRole('button', { name: 'Tacka ja', exact: true }));
    await bengtPage.getByRole('heading', { level: 2, name: 'Diskussioner' }).waitFor();
    await expect.poll(() => focusedText(bengtPage)).toBe('Din organisation är nu medlem i nätverket.');
    expect((await bengt.api.networks.get.query({ networkId: ids.invitingNetwork })).viewer.isMember).toBe(true);
  });

  it('a member posts in the discussion', async () => {
    await open(bengtPage, `/networks/discussions/${ids.discussion}`, 'Gemensamma krav');
    await pressEnterOn(bengtPage, bengtPage.getByRole('button', { name: 'Skriv ett inlägg' }));
    await typeInto(bengtPage, bengtPage.getByLabel('Inlägg', { exact: true }), 'Larm vid driftstopp, och en logg.');
    await pressEnterOn(bengtPage, bengtPage.getByRole('button', { name: 'Publicera inlägget' }));
    await bengtPage.getByText('Larm vid driftstopp, och en logg.').waitFor();
    const bodies = async () => (await anna.api.networks.discussion.query({ discussionId: ids.discussion })).posts.map((post) => post.body);
    await expect.poll(bodies).toEqual(['Vilka krav på **larm** ställer vi?', 'Larm vid driftstopp, och en logg.']);
  });
});

describe('the live room’s host tools, by keyboard', () => {
  const QUESTION = 'Hur ska mätarna kommunicera med vårt system?';
  const room = () => anna.api.liveRoom.get.query({ sessionId: ids.sessionId });
  const question = () => annaPage.getByRole('listitem').filter({ hasText: QUESTION });

  it('starts the session and makes questions wait for approval (the box by Space)', async () => {
    await open(annaPage, `/sessions/${ids.sessionId}/live`, 'Live: Informationsmöte');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Starta mötet' }));
    await annaPage.getByText('Pågår nu', { exact: true }).waitFor();
    // "Start" went away with the act: its outcome has the focus, not the top of the page.
    await expect.poll(() => focusedText(annaPage)).toBe('Mötet pågår.');
    await setCheckbox(annaPage, annaPage.getByLabel('Frågor väntar på godkännande innan de visas'), true);
    await expect.poll(async () => (await room()).questionsNeedApproval).toBe(true);
    expect((await room()).status).toBe('live');
  });

  it('approves a waiting question, pins it and marks it answered', async () => {
    await sune.api.liveRoom.ask.mutate({ sessionId: ids.sessionId, body: QUESTION });
    await question().getByText('Väntar på godkännande').waitFor();
    await pressEnterOn(annaPage, question().getByRole('button', { name: 'Godkänn' }));
    await expect.poll(async () => (await room()).questions[0]?.status).toBe('visible');
    // "Approve" went away with the act: the keyboard is on the question's next tool.
    const pin = question().getByRole('button', { name: 'Fäst' });
    await expect.poll(() => isFocused(pin)).toBe(true);
    await annaPage.keyboard.press('Enter');
    await expect.poll(() => pin.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await room()).questions[0]?.pinned).toBe(true);

    await pressEnterOn(annaPage, question().getByRole('button', { name: /^Markera som besvarad/ }));
    await typeInto(annaPage, annaPage.getByLabel('Vad som svarades, i korthet'), 'Via LoRaWAN till ert befintliga system.');
    await pressEnterOn(annaPage, annaPage.locator('form[id^="answer-"]').getByRole('button', { name: 'Markera som besvarad' }));
    // The pushed answer may show before the save's reply closes the form, whose box still holds the same words.
    await question().getByRole('paragraph').filter({ hasText: 'Via LoRaWAN till ert befintliga system.' }).waitFor();
    await annaPage.getByLabel('Vad som svarades, i korthet').waitFor({ state: 'detached' });
    await expect.poll(async () => (await room()).questions[0]?.answer?.text).toBe('Via LoRaWAN till ert befintliga system.');
  });

  it('hides a waiting question with its reason typed', async () => {
    const OFF_TOPIC = 'Vill ni köpa våra reklamskyltar?';
    await sune.api.liveRoom.ask.mutate({ sessionId: ids.sessionId, body: OFF_TOPIC });
    const offTopic = annaPage.getByRole('listitem').filter({ hasText: OFF_TOPIC });
    await pressEnterOn(annaPage, offTopic.getByRole('button', { name: /^Dölj/ }));
    await typeInto(annaPage, annaPage.getByLabel('Varför den döljs'), 'Reklam hör inte hemma här.');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Dölj frågan' }));
    await offTopic.getByText('Dold: Reklam hör inte hemma här.').waitFor();
    // "Hide" went away with the act: the keyboard is on the note that says why, not at the top.
    await expect.poll(() => focusedText(annaPage)).toBe('Dold: Reklam hör inte hemma här.');
    await expect.poll(async () => (await room()).questions.find((asked) => asked.body === OFF_TOPIC)?.hidden?.reason).toBe('Reklam hör inte hemma här.');
  });

  it('announces, opens a poll (options on lines, several choices by Space), closes it and ends the session, confirmed in place', async () => {
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Skriv ett meddelande' }));
    await typeInto(annaPage, annaPage.getByLabel('Meddelande (högst 280 tecken)'), 'Paus i fem minuter.');
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Publicera', exact: true }));
    await expect.poll(async () => (await room()).announcements.map((announcement) => announcement.body)).toEqual(['Paus i fem minuter.']);

    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Ny omröstning' }));
    await typeInto(annaPage, annaPage.getByLabel('Fråga', { exact: true }), 'Vilka nät använder ni?');
    await typeInto(annaPage, annaPage.getByLabel('Alternativ'), 'LoRaWAN\nNB-IoT\nEget');
    await setCheckbox(annaPage, annaPage.getByLabel('Tillåt flera val'), true);
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Öppna omröstningen' }));
    await annaPage.getByRole('region', { name: 'Vilka nät använder ni?' }).waitFor();
    await expect.poll(async () => (await room()).polls).toEqual([expect.objectContaining({ question: 'Vilka nät använder ni?', multiple: true, options: ['LoRaWAN', 'NB-IoT', 'Eget'].map((text) => ({ text, votes: 0 })) })]);
    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Stäng omröstningen' }));
    await expect.poll(async () => (await room()).polls[0]?.closed).toBe(true);
    // "Close" went away with the act: the keyboard is on the poll's heading.
    await expect.poll(() => focusedText(annaPage)).toBe('Vilka nät använder ni?');

    await pressEnterOn(annaPage, annaPage.getByRole('button', { name: 'Avsluta mötet' }));
    await annaPage.getByText('Avsluta mötet? Frågor, röster och omröstningar stängs för alla.').waitFor();
    // Focus moved to the question's own "end" button: Enter there ends it.
    expect(await annaPage.evaluate(() => document.activeElement?.closest('.inline-confirm') !== null)).toBe(true);
    await annaPage.keyboard.press('Enter');
    await expect.poll(async () => (await room()).status).toBe('ended');
    await expect.poll(() => focusedText(annaPage)).toBe('Mötet har avslutats.');
  });
});
