// A live room page whose network drops and comes back, in Chromium against the built app. Each page
// under test reaches the app through a line the test cuts (support/cuttable-line.ts): the socket and
// every request through it close, as a dropped Wi-Fi would. What happened in the room meanwhile
// must show once the line is back — without loading the page again, and nothing twice — and a right
// lost while the page was offline must not come back with the reconnect: a host logged out on another
// device gets nothing of the hosts' view (questions waiting for approval, who asked), and a session
// that ended meanwhile shows as ended and no longer takes questions.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPerson, signedUpPerson, type ApiPerson } from './support/api-person.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { scheduledSession } from './support/live-session.ts';
import { cuttableLine, type CuttableLine } from './support/cuttable-line.ts';
import { MODERATOR_EMAIL, signUpModerator } from './support/moderator.ts';
import { PASSWORD, signInThroughForm } from './support/newcomer.ts';

let app: BuiltApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let bobLine: CuttableLine;
let hostLine: CuttableLine;
let host: ApiPerson;
let alice: ApiPerson;
let sessionId: string;

async function signedUp(name: string, email: string, organisation: string, buyer: boolean, verify: (name: string) => Promise<void>): Promise<ApiPerson> {
  const person = await signedUpPerson(app, { name, email, password: PASSWORD, representation: buyer ? 'buyer' : 'supplier' });
  await person.api.organisations.create.mutate({ name: organisation, kind: buyer ? 'buyer' : 'supplier' });
  if (buyer) await verify(organisation);
  return person;
}

/** A page signed in through the login form, reaching the app through `line`. */
async function pageOn(line: CuttableLine, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  const page = await context.newPage();
  await signInThroughForm(page, { ...app, url: line.url }, email);
  await page.goto(`${line.url}/sessions/${sessionId}/live`);
  await page.getByText('Pågår nu', { exact: true }).waitFor();
  await waitForStatus(page, 'live');
  return page;
}

const waitForStatus = (page: Page, status: 'live' | 'reconnecting') => page.locator(`.connection-status[data-status="${status}"]`).first().waitFor({ timeout: 15_000 });
const questionItems = (page: Page, text: string) => page.locator('.live-questions > li').filter({ hasText: text });

beforeAll(async () => {
  bobLine = await cuttableLine();
  hostLine = await cuttableLine();
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, ALLOWED_ORIGINS: `${bobLine.url},${hostLine.url}` });
  const port = Number(new URL(app.url).port);
  bobLine.connectTo(port);
  hostLine.connectTo(port);
  browser = await launchChromium();
  const moderator = await signUpModerator(app);
  host = await signedUp('Hanna Värd', 'hanna@kommun.example', 'Vattenkommunen', true, moderator.verifyOrganisation);
  alice = await signedUp('Alice Leverantör', 'alice@matare.example', 'Mätare AB', false, moderator.verifyOrganisation);
  await signedUp('Bob Leverantör', 'bob@sensor.example', 'Sensor AB', false, moderator.verifyOrganisation);
  ({ sessionId } = await scheduledSession(host.api));
  await host.api.sessions.start.mutate({ sessionId });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await app?.stop();
  await bobLine?.close();
  await hostLine?.close();
});

describe('a live room page that loses its connection', () => {
  it('shows what happened while it was offline once the line is back, once each, without loading the page again', async () => {
    const bob = await pageOn(bobLine, 'bob@sensor.example');
    const { questionId: before } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Fråga före avbrottet: vilken batteritid?' });
    await questionItems(bob, 'Fråga före avbrottet').waitFor();
    // Marks this page load: a page loaded again would not have it.
    await bob.evaluate(() => ((window as unknown as { pageLoadMark: string }).pageLoadMark = 'samma sidladdning'));

    bobLine.cut();
    await waitForStatus(bob, 'reconnecting');
    const { questionId: during } = await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Fråga under avbrottet: vem äger mätdatat?' });
    await host.api.liveRoom.pin.mutate({ questionId: during, pinned: true });
    await host.api.liveRoom.answer.mutate({ questionId: before, answer: 'Tio år med normal användning.' });
    await host.api.liveRoom.announce.mutate({ sessionId, body: 'Paus i fem minuter efter nästa fråga.' });
    // The page really was offline: none of it has reached it.
    expect(await questionItems(bob, 'Fråga under avbrottet').count()).toBe(0);
    expect(await bob.getByText('Paus i fem minuter efter nästa fråga.').count()).toBe(0);

    bobLine.restore();
    await waitForStatus(bob, 'live');
    await questionItems(bob, 'Fråga under avbrottet').getByText('Fäst', { exact: true }).waitFor();
    await questionItems(bob, 'Fråga före avbrottet').getByText('Tio år med normal användning.').waitFor();
    await bob.getByText('Paus i fem minuter efter nästa fråga.').waitFor();

    // And the room goes on live: a change after the reconnect arrives by push.
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Fråga efter avbrottet: hur sker uppdateringar?' });
    await questionItems(bob, 'Fråga efter avbrottet').waitFor();
    expect(await questionItems(bob, 'Fråga före avbrottet').count()).toBe(1);
    expect(await questionItems(bob, 'Fråga under avbrottet').count()).toBe(1);
    expect(await questionItems(bob, 'Fråga efter avbrottet').count()).toBe(1);
    expect(await bob.getByText('Paus i fem minuter efter nästa fråga.').count()).toBe(1);
    expect(await bob.evaluate(() => (window as unknown as { pageLoadMark?: string }).pageLoadMark)).toBe('samma sidladdning');
  });

  it('a host logged out on another device while the page was offline gets no hosts’ view back when it reconnects', async () => {
    const hostPage = await pageOn(hostLine, 'hanna@kommun.example');
    await host.api.liveRoom.setApproval.mutate({ sessionId, questionsNeedApproval: true });
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Väntande före avbrottet: ingår installationen?' });
    // While signed in, the page is the host's: it sees what waits for approval, and who asked.
    await questionItems(hostPage, 'Väntande före avbrottet').getByText('Väntar på godkännande').waitFor();
    await questionItems(hostPage, 'Väntande före avbrottet').getByText('Alice Leverantör', { exact: false }).waitFor();

    hostLine.cut();
    await waitForStatus(hostPage, 'reconnecting');
    // Logging out ends every sign-in of the person, this browser's too; the page cannot hear of it now.
    await host.api.accounts.logout.mutate();

    hostLine.restore();
    await waitForStatus(hostPage, 'live');
    // Signed in again elsewhere (a new sign-in), the host sees the next question wait, with its asker.
    const otherHost = await signedInAgain('hanna@kommun.example');
    await alice.api.liveRoom.ask.mutate({ sessionId, body: 'Väntande efter avbrottet: vilka garantier ges?' });
    const waiting = await otherHost.api.liveRoom.get.query({ sessionId });
    expect(waiting.questions.find((q) => q.body?.startsWith('Väntande efter avbrottet'))?.author).toMatchObject({ kind: 'person', name: 'Alice Leverantör' });
    // A change every viewer sees, after the waiting question: once it shows, the page has been sent
    // everything before it that it may see.
    await otherHost.api.liveRoom.announce.mutate({ sessionId, body: 'Vi fortsätter om en stund.' });
    await hostPage.getByText('Vi fortsätter om en stund.').waitFor();
    expect(await questionItems(hostPage, 'Väntande efter avbrottet').count()).toBe(0);
    // And the page knows it: it shows the room as anyone may see it, signed out, without the console.
    await hostPage.getByRole('link', { name: 'Logga in' }).first().waitFor();
    await expect.poll(() => hostPage.getByRole('heading', { level: 2, name: 'Värdpanel' }).count()).toBe(0);
    await hostPage.getByText('Vi fortsätter om en stund.').waitFor();
    expect(await questionItems(hostPage, 'Väntande').count()).toBe(0);
    expect(await hostPage.getByText('Alice Leverantör', { exact: false }).count()).toBe(0);
  });
  it('a session that ended while the page was offline shows as ended once the line is back, and the page no longer offers to ask', async () => {
    const bob = await pageOn(bobLine, 'bob@sensor.example');
    await bob.getByLabel('Din fråga').waitFor();

    bobLine.cut();
    await waitForStatus(bob, 'reconnecting');
    const hostAgain = await signedInAgain('hanna@kommun.example');
    await hostAgain.api.sessions.end.mutate({ sessionId });

    bobLine.restore();
    await waitForStatus(bob, 'live');
    await bob.getByText('Mötet har avslutats.', { exact: false }).waitFor();
    await bob.locator('.live-status').getByText('Avslutat', { exact: true }).waitFor();
    expect(await bob.getByLabel('Din fråga').count()).toBe(0);
    // The server refuses too: the right to ask ended with the session, not only the form.
    const bobApi = await signedInAgain('bob@sensor.example');
    await expect(bobApi.api.liveRoom.ask.mutate({ sessionId, body: 'En fråga efter mötet: går det ändå?' })).rejects.toThrow();
  });
});

/** The same person signing in again elsewhere: a new sign-in, not the ended one. */
async function signedInAgain(email: string): Promise<ApiPerson> {
  const person = apiPerson(app.url);
  await person.api.accounts.login.mutate({ email, password: PASSWORD });
  return person;
}
