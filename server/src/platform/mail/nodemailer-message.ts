// The one place a port message becomes nodemailer's message options. Fields are copied one by one
// on purpose: nodemailer acts on many more keys (headers, attachments, envelope), and an object
// that happens to carry one must not reach it.

import type { SendMailOptions } from 'nodemailer';
import type { MailMessage } from './mailer.ts';

export function nodemailerMessage(from: string, message: MailMessage): SendMailOptions {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.unsubscribeUrl === undefined
      ? {}
      : { list: { unsubscribe: message.unsubscribeUrl }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }),
  };
}
