// Contract suite of the mail port. Both engines run here, with no server outside the test: the
// files engine writes .eml files, and the SMTP engine talks to a real SMTP server (smtp-server)
// on 127.0.0.1. Every message is read back with an independent MIME parser (postal-mime).

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openMailer } from '../../src/platform/mail/open-mailer.ts';
import type { MailMessage, Mailer } from '../../src/platform/mail/mailer.ts';

const FROM = 'Dialogforum <noreply@dialogforum.se>';
const SUBJECT = 'Påminnelse: dialogen om skärgårdens färjor börjar snart';
const TEXT = 'Hej Åsa!\n\nDialogen "Skärgårdens färjor" börjar i morgon kl. 18.00. Välkommen att öppna tråden.\n\n– Dialogforum';
const HTML = '<p>Hej Åsa!</p><p>Dialogen <strong>Skärgårdens färjor</strong> börjar i morgon kl. 18.00.</p>';

type Delivered = { raw: Buffer; envelopeTo: string[] };

type Engine = {
  name: 'files' | 'smtp';
  open(): Promise<Mailer>;
  /** Every message the engine has delivered so far, in order. */
  delivered(): Promise<Delivered[]>;
  dispose(): Promise<void>;
};

function filesEngine(): Engine {
  let dataDir = '';
  return {
    name: 'files',
    async open() {
      dataDir = await mkdtemp(join(tmpdir(), 'dialogforum-mail-'));
      return openMailer({ dataDir, from: FROM });
    },
    async delivered() {
      const names = (await readdir(join(dataDir, 'mail'))).sort();
      return Promise.all(names.map(async (name) => ({ raw: await readFile(join(dataDir, 'mail', name)), envelopeTo: [] })));
    },
    async dispose() {
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function smtpEngine(): Engine {
  const received: Delivered[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback, with a password, as a relay behind a firewall would be configured.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'forum' && auth.password === 'hemligt') callback(null, { user: 'forum' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ raw: Buffer.concat(chunks), envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
        callback();
      });
    },
  });
  let url = '';
  return {
    name: 'smtp',
    async open() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `smtp://forum:hemligt@127.0.0.1:${(server.server.address() as AddressInfo).port}`;
      return openMailer({ smtpUrl: url, dataDir: '/nonexistent-never-written', from: FROM });
    },
    async delivered() {
      return received;
    },
    async dispose() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function header(email: Email, name: string): string | undefined {
  return email.headers.find((h) => h.key === name.toLowerCase())?.value;
}

function rawHeaders(raw: Buffer): string {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe.each([filesEngine(), smtpEngine()])('mailer contract: $name', (engine) => {
  let mailer: Mailer;

  beforeAll(async () => {
    mailer = await engine.open();
  });

  afterAll(async () => {
    await mailer?.close();
    await engine.dispose();
  });

  async function sendAndReadBack(message: MailMessage): Promise<{ email: Email; delivered: Delivered }> {
    const before = (await engine.delivered()).length;
    await mailer.send(message);
    const all = await engine.delivered();
    expect(all).toHaveLength(before + 1);
    const delivered = all[all.length - 1]!;
    return { email: await PostalMime.parse(delivered.raw), delivered };
  }

  it('names its engine', () => {
    expect(mailer.engine).toBe(engine.name);
  });

  it('delivers a plain-text message with Swedish subject and body intact', async () => {
    const { email, delivered } = await sendAndReadBack({ to: 'Åsa Lindqvist <asa@example.se>', subject: SUBJECT, text: TEXT });
    expect(email.from).toMatchObject({ name: 'Dialogforum', address: 'noreply@dialogforum.se' });
    expect(email.to).toEqual([expect.objectContaining({ name: 'Åsa Lindqvist', address: 'asa@example.se' })]);
    expect(email.subject).toBe(SUBJECT);
    expect(email.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(TEXT);
    expect(email.html).toBeUndefined();
    expect(email.messageId).toMatch(/^<[^<>@\s]+@dialogforum\.se>$/);
    expect(Number.isNaN(Date.parse(header(email, 'Date') ?? ''))).toBe(false);
    expect(header(email, 'MIME-Version')).toBe('1.0');
    expect(header(email, 'Content-Type')).toMatch(/^text\/plain; charset=utf-8$/i);
    expect(header(email, 'Content-Transfer-Encoding')).toMatch(/^(quoted-printable|base64)$/);
    if (engine.name === 'smtp') expect(delivered.envelopeTo).toEqual(['asa@example.se']);
  });

  it('keeps the message 7-bit: non-ASCII only in encoded words and encoded bodies', async () => {
    const { delivered } = await sendAndReadBack({ to: 'asa@example.se', subject: SUBJECT, text: TEXT });
    expect(delivered.raw.every((byte) => byte < 0x80)).toBe(true);
    expect(rawHeaders(delivered.raw)).toMatch(/^Subject: =\?UTF-8\?[QB]\?/im);
  });

  it('sends text and html as multipart/alternative', async () => {
    const { email } = await sendAndReadBack({ to: 'asa@example.se', subject: SUBJECT, text: TEXT, html: HTML });
    expect(header(email, 'Content-Type')).toMatch(/^multipart\/alternative;/i);
    expect(email.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(TEXT);
    expect(email.html?.trim()).toBe(HTML);
  });
});

describe('files mailer', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dialogforum-mail-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes one complete .eml file per message under DATA_DIR/mail, with CRLF line endings', async () => {
    const mailer = await openMailer({ dataDir, from: FROM });
    await Promise.all(Array.from({ length: 5 }, (_, i) => mailer.send({ to: `person${i}@example.se`, subject: `Nr ${i}`, text: 'Hej.' })));
    await mailer.close();
    const names = await readdir(join(dataDir, 'mail'));
    expect(names).toHaveLength(5);
    for (const name of names) {
      expect(name).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}\.eml$/);
      const raw = await readFile(join(dataDir, 'mail', name), 'latin1');
      expect(raw).toContain('\r\n\r\n');
      expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    }
  });
});

describe('smtp mailer', () => {
  it('rejects send when the SMTP server refuses the credentials', async () => {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (_auth, _session, callback) => callback(new Error('Invalid username or password')),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    const mailer = await openMailer({ smtpUrl: `smtp://forum:fel@127.0.0.1:${port}`, dataDir: '/nonexistent', from: FROM });
    try {
      await expect(mailer.send({ to: 'asa@example.se', subject: 'Hej', text: 'Hej.' })).rejects.toThrow(/Invalid username or password/);
    } finally {
      await mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
