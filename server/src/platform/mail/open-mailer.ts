// Chooses the mail engine from configuration (DESIGN.md §4): SMTP when a URL is set, otherwise
// .eml files under DATA_DIR/mail.

import { openEmlMailer } from './eml-mailer.ts';
import type { Mailer } from './mailer.ts';
import { openSmtpMailer } from './smtp-mailer.ts';

export type MailConfig = { smtpUrl?: string; dataDir: string; from: string };

export function openMailer(config: MailConfig): Promise<Mailer> {
  if (config.smtpUrl) return openSmtpMailer({ smtpUrl: config.smtpUrl, from: config.from });
  return openEmlMailer({ dataDir: config.dataDir, from: config.from });
}
