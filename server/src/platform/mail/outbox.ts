// Mail is sent after the transaction that decided to send it has committed, never inside a request:
// the command queues a message and its event together, and the mail processor delivers it.
import { appendEvent } from '../events/event-log.ts';
import { newId } from '../ids.ts';
import type { TransactionScope } from '../store/document-store.ts';
import type { MailMessage } from './mailer.ts';

export type OutboxDocument = {
  _id: string;
  to: string;
  subject: string;
  /** Emptied once sent: a message may carry a single-use link that should not linger at rest. */
  text: string;
  queuedAt: string;
  sentAt: string | null;
};

export const MAIL_OUTBOX = 'mailOutbox';

export async function queueMail(scope: TransactionScope, message: MailMessage, now: Date): Promise<void> {
  const mailId = newId();
  await scope.collection<OutboxDocument>(MAIL_OUTBOX).insertOne({
    _id: mailId,
    to: message.to,
    subject: message.subject,
    text: message.text,
    queuedAt: now.toISOString(),
    sentAt: null,
  });
  await appendEvent(scope, 'mail.queued', null, { mailId }, now.toISOString());
}
