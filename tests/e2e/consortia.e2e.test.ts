// A consortium formed by two organisations, in Chromium against the built app (issue 11 §5 and §8):
// Sune, admin of a supplier, writes its capability profile and, on a research facility's upcoming
// procurement found on the Big Science arena page, declares interest, finds the research institute
// by competence and forms a consortium kept to the buyer, inviting it — mostly by keyboard. The
// institute shows as invited and is not counted. Rita, admin of the institute, confirms on the
// consortium's page; then both count. A third supplier finds nothing of it; once both choose
// public it is listed on the arena page; a dialogue becomes an opportunity from its own page. Every
// new view is scanned with axe.
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
const PASSWORD = 'konsortiet bildas i webbläsaren';
const ids = { opportunity: '', consortium: '', dialogue: '' };

/** A tab of its own for a person, or for a visitor (null). */
const pageAs = (person: ApiPerson | null): Promise<Page> => openPageAs(browser, app.url, person);

let sune: Page;
let rita: Page;
let tor: Page;

const person = async (admin: ApiPerson, name: string, email: string, organisation: string, kind: 'buyer' | 'supplier'): Promise<ApiPerson> =>
  (await organisationPerson(app, admin, { name, email, password: PASSWORD, organisation, kind })).person;

beforeAll(async () => {
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL });
  const admin = await signedUpPerson(app, { name: 'Mona Moderator', email: MODERATOR_EMAIL, password: MODERATOR_PASSWORD, representation: 'supplier' });
  const buyer = await person(admin, 'Anna Andersson', 'anna@anlaggningen.example', 'Forskningsanläggningen', 'buyer');
  ({ opportunityId: ids.opportunity } = await buyer.api.consortia.publishOpportunity.mutate({
    title: 'Magneter till den nya strållinjen',
    facility: 'ESS',
    description: 'Upphandling av **magneter** under 2027.',
    arenaId: 'big-science',
  }));
  ({ dialogueId: ids.dialogue } = await buyer.api.dialogues.create.mutate({
    title: 'Detektorer för neutronspridning',
    description: 'Vi söker detektorer.',
    arenaId: 'big-science',
    phase: 'market-dialogue',
    questionDeadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    visibility: 'public',
  }));
  const supplier = await person(admin, 'Sune Svensson', 'sune@magnet.example', 'Magnetbolaget AB', 'supplier');
  const researcher = await signedUpPerson(app, { name: 'Rita Rydberg', email: 'rita@institutet.example', password: PASSWORD, representation: 'supplier' });
  await researcher.api.organisations.create.mutate({ name: 'Acceleratorinstitutet', kind: 'research' });
  await researcher.api.consortia.saveProfile.mutate({ summary: 'Forskning om acceleratorfysik.', competences: ['Strålmätning', 'Supraledning'], arenaIds: ['big-science'] });
  const third = await signedUpPerson(app, { name: 'Tor Tredje', email: 'tor@tredje.example', password: PASSWORD, representation: 'supplier' });
  await third.api.organisations.create.mutate({ name: 'Tredje leverantören AB', kind: 'supplier' });
  browser = await launchChromium();
  [sune, rita, tor] = await Promise.all([pageAs(supplier), pageAs(researcher), pageAs(third)]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a consortium formed by two organisations', () => {
  it('lets a supplier’s admin write its capability profile', async () => {
    await sune.goto(`${app.url}/consortia/profile`);
    const form = sune.getByRole('form', { name: 'Kompetensprofil' });
    // Sent empty, the form names what is missing and puts focus on the first field.
    await form.getByRole('button', { name: 'Spara ny version' }).click();
    await expect.poll(() => sune.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('summary');
    await expectAccessible(sune, 'capability profile form with errors');
    await form.getByLabel('Om organisationen').fill('Vi konstruerar magneter för acceleratorer.');
    await form.getByLabel('Kompetenser').fill('Supraledande magneter\nPrecisionsmekanik');
    await form.getByLabel('Referenser').fill('Korrektionsmagneter; ESS; 2022');
    await form.getByRole('checkbox', { name: 'Big Science' }).check();
    await form.getByRole('button', { name: 'Spara ny version' }).click();
    await sune.getByRole('heading', { level: 1, name: 'Kompetensprofil: Magnetbolaget AB' }).waitFor();
    await sune.getByText('Korrektionsmagneter · ESS · 2022').waitFor();
    await expectAccessible(sune, 'capability profile');
  });

  it('lets the supplier find the opportunity on the arena page, declare interest and form a consortium by keyboard', async () => {
    await sune.goto(`${app.url}/arenas/big-science`);
    const section = sune.getByRole('region', { name: 'Konsortier och möjligheter' });
    await section.getByRole('link', { name: 'Magneter till den nya strållinjen' }).click();
    await sune.getByRole('heading', { level: 1, name: 'Magneter till den nya strållinjen' }).waitFor();
    await sune.getByLabel('Kort om vad ni kan bidra med (valfritt)').fill('Supraledande magneter');
    await sune.getByRole('button', { name: 'Anmäl intresse för Magnetbolaget AB' }).click();
    await sune.getByText('Magnetbolaget AB har anmält intresse.').waitFor();

    // Partner finding by keyboard: a competence word, Enter, then the institute chosen with Space.
    const competence = sune.getByRole('search', { name: 'Hitta partner' }).getByLabel('Kompetens');
    await competence.focus();
    await sune.keyboard.type('strål');
    await sune.keyboard.press('Enter');
    const partners = sune.getByRole('list', { name: 'Hitta partner' });
    await partners.getByRole('link', { name: 'Acceleratorinstitutet' }).waitFor();
    expect(await partners.getByRole('listitem').count()).toBe(1);
    await partners.getByRole('checkbox', { name: 'Bjud in Acceleratorinstitutet' }).focus();
    await sune.keyboard.press('Space');
    await expectAccessible(sune, 'opportunity with partners found');

    const form = sune.getByRole('form', { name: 'Bilda ett konsortium' });
    await form.getByLabel('Konsortiets namn').focus();
    await sune.keyboard.type('Magnetkonsortiet');
    expect(await form.getByRole('radio', { name: 'Bara för köparen' }).isChecked()).toBe(true);
    await form.getByRole('listitem').filter({ hasText: 'Acceleratorinstitutet' }).waitFor();
    await form.getByRole('button', { name: 'Bilda konsortiet' }).focus();
    await sune.keyboard.press('Enter');

    await sune.getByRole('heading', { level: 1, name: 'Magnetkonsortiet' }).waitFor();
    ids.consortium = new URL(sune.url()).pathname.split('/')[2] ?? '';
    // The invitation shows as such and is not counted.
    await sune.getByText('Leds av Magnetbolaget AB · 1 bekräftade, 1 inbjudna').waitFor();
    const members = sune.getByRole('list', { name: 'Medlemmar' });
    expect(await members.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^Magnetbolaget AB \(ledare\) · Bekräftad · Bara för köparen/),
      expect.stringMatching(/^Acceleratorinstitutet · Inbjuden, inte bekräftad/),
    ]);
    await expectAccessible(sune, 'consortium with an invitation');
  });

  it('lets the invited institute’s admin confirm, after which both count', async () => {
    await rita.goto(`${app.url}/consortia`);
    const invitations = rita.getByRole('list', { name: 'Inbjudningar' });
    await invitations.getByRole('link', { name: 'Magnetkonsortiet' }).click();
    await rita.getByText('Acceleratorinstitutet är inbjuden. Bekräfta för att räknas som medlem.').waitFor();
    await expectAccessible(rita, 'consortium invitation');
    await rita.getByRole('radio', { name: 'Offentligt' }).check();
    await rita.getByRole('button', { name: 'Bekräfta medlemskapet' }).click();
    await rita.getByText('Leds av Magnetbolaget AB · 2 bekräftade, 0 inbjudna').waitFor();
    // The lead still keeps it to the buyer: one member's choice is enough.
    await rita.getByText('Synlighet: Bara för köparen').waitFor();
    await rita.getByRole('button', { name: 'Lämna konsortiet' }).waitFor();
  });

  it('shows a third supplier nothing of it while it is kept to the buyer, and the arena lists it once both choose public', async () => {
    await tor.goto(`${app.url}/consortium/${ids.consortium}`);
    await tor.getByRole('heading', { level: 1, name: 'Finns inte' }).waitFor();
    await tor.goto(`${app.url}/consortia/opportunities/${ids.opportunity}`);
    await tor.getByText('Inga konsortier som du kan se än.').waitFor();
    expect(await tor.getByText('Magnetkonsortiet').count()).toBe(0);

    await sune.goto(`${app.url}/consortium/${ids.consortium}`);
    const choice = sune.getByRole('radiogroup', { name: 'Er organisations val' });
    await choice.getByRole('radio', { name: 'Offentligt' }).check();
    await sune.getByRole('button', { name: 'Spara valet' }).click();
    await sune.getByText(/· Synlighet: Offentligt$/).waitFor();

    await tor.goto(`${app.url}/arenas/big-science`);
    const listed = tor.getByRole('list', { name: 'Offentliga konsortier' });
    await listed.getByRole('link', { name: 'Magnetkonsortiet' }).click();
    await tor.getByRole('heading', { level: 1, name: 'Magnetkonsortiet' }).waitFor();
    const history = tor.getByRole('list', { name: 'Historik' });
    expect(await history.getByRole('listitem').count()).toBe(4);
    expect(await tor.getByRole('button', { name: 'Bekräfta medlemskapet' }).count()).toBe(0);
    await expectAccessible(tor, 'public consortium read by an outsider');
  });

  it('makes any dialogue an opportunity from its page', async () => {
    await tor.goto(`${app.url}/dialogues/${ids.dialogue}`);
    await tor.getByRole('button', { name: 'Hitta partner och bilda konsortium' }).click();
    await tor.getByRole('heading', { level: 1, name: 'Detektorer för neutronspridning' }).waitFor();
    await tor.getByRole('link', { name: 'Gå till dialogen' }).waitFor();
    await tor.getByRole('button', { name: 'Anmäl intresse för Tredje leverantören AB' }).waitFor();
    await expectAccessible(tor, 'a dialogue as an opportunity');
  });
});
