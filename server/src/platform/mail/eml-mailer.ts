// The files mail engine (no SMTP_URL): each message is a complete RFC 5322 message in
// DATA_DIR/mail/<timestamp>-<random>.eml. nodemailer composes it exactly as it would for SMTP
// (RFC 2047 subjects, quoted-printable or base64 bodies, Message-ID, Date), so what a developer
// opens is what a recipient would get.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.ts';
import { nodemailerMessage } from './nodemailer-message.ts';

export async function openEmlMailer(config: { dataDir: string; from: string }): Promise<Mailer> {
  const directory = join(config.dataDir, 'mail');
  await mkdir(directory, { recursive: true });
  // CRLF line endings, as RFC 5322 requires of a message at rest.
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    engine: 'files',
    async send(message: MailMessage): Promise<void> {
      const composed = await composer.sendMail(nodemailerMessage(config.from, message));
      if (!Buffer.isBuffer(composed.message)) throw new Error('nodemailer returned a stream where a buffer was asked for');
      await writeMessageFile(directory, composed.message);
    },
    async forgetRecipient(address: string, before: Date): Promise<number> {
      // Headers and bodies are ASCII on disk (RFC 2047, quoted-printable, base64), and an address
      // is ASCII: a case-insensitive byte search finds it wherever the message names it. File
      // names begin with the time they were written (messageFileName), which says what is older.
      const wanted = address.toLowerCase();
      const cutoff = messageTimestamp(before);
      let deleted = 0;
      for (const name of await readdir(directory)) {
        if (!name.endsWith('.eml') || name.slice(0, cutoff.length) > cutoff) continue;
        const file = join(directory, name);
        const content = await readFile(file, 'latin1').catch(() => '');
        if (!content.toLowerCase().includes(wanted)) continue;
        await unlink(file).catch(() => undefined);
        deleted += 1;
      }
      return deleted;
    },
    async close(): Promise<void> {
      composer.close();
    },
  };
}

/** Written under a hidden temporary name and renamed, so a reader never sees half a message. */
async function writeMessageFile(directory: string, content: Buffer): Promise<void> {
  // Sortable by time; the random part keeps messages of the same millisecond apart.
  const name = `${messageTimestamp(new Date())}-${randomBytes(4).toString('hex')}.eml`;
  const temporary = join(directory, `.${name}.tmp`);
  try {
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, join(directory, name));
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** `20261126T024753498Z`: the start of a message file's name, in time order. */
function messageTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}
