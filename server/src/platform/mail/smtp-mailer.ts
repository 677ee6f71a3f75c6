// The SMTP mail engine (SMTP_URL, e.g. smtps://user:password@smtp.example.se:465 or
// smtp://localhost:1025). nodemailer does all the work; this only fixes the sender.

import { createTransport } from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.ts';
import { nodemailerMessage } from './nodemailer-message.ts';

export async function openSmtpMailer(config: { smtpUrl: string; from: string }): Promise<Mailer> {
  // No connection is made here: an SMTP server that is down at start-up must not keep the forum
  // from starting; sending fails and the notifier retries.
  const transport = createTransport(config.smtpUrl);
  return {
    engine: 'smtp',
    async send(message: MailMessage): Promise<void> {
      await transport.sendMail(nodemailerMessage(config.from, message));
    },
    async forgetRecipient(): Promise<number> {
      return 0;
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
