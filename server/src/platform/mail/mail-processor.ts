import type { DomainEvent } from '../events/event-log.ts';
import type { EventProcessor } from '../events/processor.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { Mailer } from './mailer.ts';
import { MAIL_OUTBOX, type OutboxDocument } from './outbox.ts';

/** Ends every mail (the operating agency's name and contact, given by app.ts): plain text and HTML. */
export type MailFooter = { text: string; html: string };

/**
 * Delivers queued mail. A failed delivery is retried by the dispatcher with backoff; a crash between
 * sending and marking sent may send a message twice, which is better than never.
 */
export function mailProcessor(store: DocumentStore, mailer: Mailer, footer?: MailFooter): EventProcessor {
  return {
    name: 'mail',
    async handle(event: DomainEvent) {
      if (event.type !== 'mail.queued' || !event.subject.mailId) return;
      const outbox = store.collection<OutboxDocument>(MAIL_OUTBOX);
      const mail = await outbox.findOne({ _id: event.subject.mailId, sentAt: null });
      if (!mail) return;
      await mailer.send({
        to: mail.to,
        subject: mail.subject,
        text: footer ? `${mail.text}${footer.text}` : mail.text,
        ...(mail.html === undefined ? {} : { html: footer ? withHtmlFooter(mail.html, footer.html) : mail.html }),
        ...(mail.unsubscribeUrl === undefined ? {} : { unsubscribeUrl: mail.unsubscribeUrl }),
      });
      await outbox.updateOne({ _id: mail._id }, { $set: { sentAt: new Date().toISOString(), text: '', ...(mail.html === undefined ? {} : { html: '' }) } });
    },
  };
}

/** The footer goes inside the body when the HTML has one, else at the end. */
function withHtmlFooter(html: string, footer: string): string {
  const end = html.lastIndexOf('</body>');
  return end === -1 ? `${html}${footer}` : `${html.slice(0, end)}${footer}${html.slice(end)}`;
}
