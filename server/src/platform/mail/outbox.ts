// Mail is sent after the transaction that decided to send it has committed, never inside a request:
// the command queues a message and its event together, and the mail processor delivers it.
import { appendEvent } from '../events/event-log.ts';
import { newId } from '../ids.ts';
import type { DocumentStore, TransactionScope } from '../store/document-store.ts';
import type { MailMessage } from './mailer.ts';

export type OutboxDocument = {
  _id: string;
  to: string;
  subject: string;
  /** Emptied once sent: a message may carry a single-use link that should not linger at rest. */
  text: string;
  /** The HTML part, when there is one; emptied once sent, like `text`. */
  html?: string;
  unsubscribeUrl?: string;
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
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.unsubscribeUrl === undefined ? {} : { unsubscribeUrl: message.unsubscribeUrl }),
    queuedAt: now.toISOString(),
    sentAt: null,
  });
  await appendEvent(scope, 'mail.queued', null, { mailId }, now.toISOString());
}

/** Sent mail is kept this long (its text is already blanked), then pruned. */
export const SENT_MAIL_KEPT_MS = 60 * 60 * 1000;

/** Deletes outbox mail sent more than SENT_MAIL_KEPT_MS before `now`; resolves with how many. */
export function pruneSentMail(store: DocumentStore, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SENT_MAIL_KEPT_MS).toISOString();
  return store.collection<OutboxDocument>(MAIL_OUTBOX).deleteMany({ sentAt: { $ne: null, $lt: before } });
}
