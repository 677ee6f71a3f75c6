import type { DomainEvent } from '../events/event-log.ts';
import type { EventProcessor } from '../events/processor.ts';
import type { DocumentStore } from '../store/document-store.ts';
import type { Mailer } from './mailer.ts';
import { MAIL_OUTBOX, type OutboxDocument } from './outbox.ts';

/**
 * Delivers queued mail. A failed delivery is retried by the dispatcher with backoff; a crash between
 * sending and marking sent may send a message twice, which is better than never.
 */
export function mailProcessor(store: DocumentStore, mailer: Mailer): EventProcessor {
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
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        ...(mail.unsubscribeUrl === undefined ? {} : { unsubscribeUrl: mail.unsubscribeUrl }),
      });
      await outbox.updateOne({ _id: mail._id }, { $set: { sentAt: new Date().toISOString(), text: '', ...(mail.html === undefined ? {} : { html: '' }) } });
    },
  };
}
