// The files mail engine (no SMTP_URL): each message is a complete RFC 5322 message in
// DATA_DIR/mail/<timestamp>-<random>.eml. nodemailer composes it exactly as it would for SMTP
// (RFC 2047 subjects, quoted-printable or base64 bodies, Message-ID, Date), so what a developer
// opens is what a recipient would get.

import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
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
    async close(): Promise<void> {
      composer.close();
    },
  };
}

/** Written under a hidden temporary name and renamed, so a reader never sees half a message. */
async function writeMessageFile(directory: string, content: Buffer): Promise<void> {
  // Sortable by time; the random part keeps messages of the same millisecond apart.
  const timestamp = new Date().toISOString().replace(/[-:.]/g, '');
  const name = `${timestamp}-${randomBytes(4).toString('hex')}.eml`;
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
