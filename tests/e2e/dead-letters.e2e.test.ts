// Dead letters in Chromium against the built app. The app sends mail over SMTP to a real SMTP server
// in this process that refuses two recipients for good; every message it accepts is written to the
// app's DATA_DIR/mail as an .eml file, so the usual mailbox helpers read it. The mail processor gives
// up on the two after EVENT_MAX_ATTEMPTS; the admin finds them on /moderation with the reason (the
// address masked), retries one after the cause is fixed (by keyboard) and dismisses the other; the
// audit log shows both. The page is scanned with axe-core.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityScans } from './support/axe.ts';
import { startBuiltApp, type BuiltApp } from './support/built-app.ts';
import { launchChromium } from './support/chromium.ts';
import { MODERATOR_EMAIL, MODERATOR_PASSWORD, signUpModerator } from './support/moderator.ts';

/** The parts of smtp-server (a dev dependency of the server package) this file uses. */
type SmtpServer = { listen(port: number, host: string, done: () => void): void; close(done: () => void): void; server: { address(): AddressInfo } };
type SmtpServerClass = new (options: {
  disabledCommands: string[];
  logger: boolean;
  onRcptTo(address: { address: string }, session: unknown, callback: (error?: Error) => void): void;
  onData(stream: Readable, session: unknown, callback: () => void): void;
}) => SmtpServer;
const root = path.resolve(import.meta.dirname, '../..');
const { SMTPServer } = createRequire(path.join(root, 'server/package.json'))('smtp-server') as { SMTPServer: SmtpServerClass };

const REFUSED = 'stangd@brevlada.example';
const BOUNCING = 'studsar@brevlada.example';
const rejected = new Set([REFUSED, BOUNCING]);
const accepted: string[] = [];
let mailDirectory = '';

const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (rejected.has(address.address)) callback(Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }));
    else {
      accepted.push(address.address);
      callback();
    }
  },
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const name = `${new Date().toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}.eml`;
      void mkdir(mailDirectory, { recursive: true })
        .then(() => writeFile(path.join(mailDirectory, name), Buffer.concat(chunks)))
        .then(() => callback());
    });
  },
});

let app: BuiltApp;
let browser: Browser;
let admin: Page;
const { scanned, expectAccessible } = accessibilityScans();

/** Someone registers with `email`; the confirmation mail is queued for it. */
async function registerThroughApi(email: string): Promise<void> {
  const response = await fetch(`${app.url}/trpc/accounts.register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Stängd Brevlåda', email, password: 'ett långt och säkert lösenord', representation: 'supplier' }),
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  app = await startBuiltApp({ ADMIN_EMAILS: MODERATOR_EMAIL, SMTP_URL: `smtp://127.0.0.1:${smtp.server.address().port}`, EVENT_MAX_ATTEMPTS: '2' });
  mailDirectory = path.join(app.dataDir, 'mail');
  await signUpModerator(app);
  await registerThroughApi(REFUSED);
  await registerThroughApi(BOUNCING);
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  context.setDefaultTimeout(8000);
  admin = await context.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('dead letters on the moderation page', () => {
  it('shows the admin the mail that could not be sent, with the reason and no address', async () => {
    await admin.goto(`${app.url}/login`);
    await admin.getByLabel('E-post').fill(MODERATOR_EMAIL);
    await admin.getByLabel('Lösenord').fill(MODERATOR_PASSWORD);
    await admin.getByRole('button', { name: 'Logga in' }).click();
    await admin.getByRole('link', { name: 'Moderering' }).click();
    const section = admin.getByRole('region', { name: 'Bakgrundsarbete som misslyckades' });
    // The processor gives up a moment after the registrations: reload until both are there.
    const answered = section.getByRole('table').or(section.getByText('Inga händelser väntar. Allt har hanterats.'));
    await expect
      .poll(async () => {
        await admin.reload();
        await answered.waitFor();
        return section.getByRole('table', { name: '2 händelser som plattformen gav upp' }).count();
      }, { timeout: 15_000, interval: 500 })
      .toBe(1);
    const table = section.getByRole('table');
    const rows = table.getByRole('row', { name: /^E-post mail\.queued #\d+/ });
    expect(await rows.count()).toBe(2);
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('550');
    expect(text).not.toContain('brevlada.example');
    await expectAccessible(admin, 'moderation with dead letters');
  }, 40_000);

  it('retries one by keyboard once the cause is fixed: the mail goes and the admin is told', async () => {
    rejected.delete(REFUSED);
    const section = admin.getByRole('region', { name: 'Bakgrundsarbete som misslyckades' });
    // The older dead letter is the first registration's (REFUSED): the list is newest first.
    const retry = section.getByRole('button', { name: /^Försök igen: mail\.queued #\d+$/ }).last();
    await retry.focus();
    await admin.keyboard.press('Enter');
    await section.getByText(/mail\.queued #\d+ har nu hanterats\./).waitFor({ timeout: 10_000 });
    expect(await admin.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/har nu hanterats/);
    await expect.poll(() => accepted.includes(REFUSED)).toBe(true);
    expect(await section.getByRole('table', { name: '1 händelse som plattformen gav upp' }).count()).toBe(1);
  });

  it('dismisses the other after asking once more, leaving an empty list and two audit entries', async () => {
    const section = admin.getByRole('region', { name: 'Bakgrundsarbete som misslyckades' });
    await section.getByRole('button', { name: /^Avfärda: mail\.queued #\d+$/ }).click();
    await section.getByText('Avfärda händelsen? Den försöks inte igen.').waitFor();
    await section.getByRole('button', { name: 'Ja, avfärda' }).click();
    await section.getByText(/mail\.queued #\d+ är avfärdad\./).waitFor();
    await section.getByText('Inga händelser väntar. Allt har hanterats.').waitFor();
    expect(accepted).not.toContain(BOUNCING);

    const audit = admin.getByRole('region', { name: 'Granskningslogg' });
    await audit.getByRole('button', { name: 'Hämta nya händelser' }).click();
    await audit.getByRole('row', { name: /Ohanterad händelse försökt igen/ }).waitFor();
    await audit.getByRole('row', { name: /Ohanterad händelse avfärdad/ }).waitFor();
    await expectAccessible(admin, 'moderation after dismissing');
    expect(scanned).toEqual(['moderation with dead letters', 'moderation after dismissing']);
  });
});
