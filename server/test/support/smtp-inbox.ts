// A real SMTP server on 127.0.0.1 (smtp-server) for tests of the mail the product sends: every
// message it receives is parsed by an independent MIME parser and kept, to be read as its recipient would.
import type { AddressInfo } from 'node:net';
import PostalMime, { type Email } from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export type SmtpInbox = {
  /** SMTP_URL for the server under test. */
  url: string;
  received: Email[];
  /** Waits (up to `timeoutMs`) until `count` mails to `address` with a matching subject have come, and returns those that have. */
  mailTo(address: string, subject: RegExp, count?: number, timeoutMs?: number): Promise<Email[]>;
  close(): Promise<void>;
};

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const received: Email[] = [];
  const smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void PostalMime.parse(Buffer.concat(chunks)).then((email) => received.push(email));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    received,
    async mailTo(address, subject, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.filter((mail) => mail.to?.some((to) => to.address === address) && subject.test(mail.subject ?? ''));
        if (found.length >= count || Date.now() > deadline) return found;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
