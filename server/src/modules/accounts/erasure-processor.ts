// What an erasure leaves behind outside the documents it rewrites (issue 7 §4). The erasing
// transaction pseudonymises the user and records the old address in a pending erasure; after it
// commits, this processor deletes the person's mail (outbox documents and, on the files engine,
// the .eml files), drops the pending record, and compacts the store, so the old name and address
// leave the embedded log too (earlier frames held the user document as it was). Search documents
// never carry a person (search-documents.ts), so the search snapshot has nothing of them.
//
// Delivery is at least once: after a crash the event is handled again and the pending record, if
// still there, is used again. Compaction goes through the store port, so platform/ learns nothing
// of accounts.
import type { DomainEvent } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { MAIL_OUTBOX, type OutboxDocument } from '../../platform/mail/outbox.ts';
import type { DocumentStore, TransactionScope } from '../../platform/store/document-store.ts';
import { USERS, type UserDocument } from './documents.ts';

/** Between the erasing commit and this processor: the address whose mail is still to be deleted. */
export type PendingErasureDocument = { _id: string; email: string; erasedAt: string };
export const PENDING_ERASURES = 'pendingErasures';

export async function recordPendingErasure(scope: TransactionScope, userId: string, email: string, erasedAt: string): Promise<void> {
  await scope.collection<PendingErasureDocument>(PENDING_ERASURES).updateOne({ _id: userId }, { $set: { email, erasedAt } }, { upsert: true });
}

export function erasureProcessor(store: DocumentStore, mailer: Mailer): EventProcessor {
  return {
    name: 'erasure',
    async handle(event: DomainEvent) {
      if (event.type !== 'account.erased' || !event.subject.userId) return;
      const pending = await store.collection<PendingErasureDocument>(PENDING_ERASURES).findOne({ _id: event.subject.userId });
      if (pending) {
        // The address is free again once erased: mail to someone who registered it since is theirs.
        const newHolder = await store.collection<UserDocument>(USERS).findOne({ email: pending.email });
        const before = newHolder?.createdAt ?? new Date().toISOString();
        await store.collection<OutboxDocument>(MAIL_OUTBOX).deleteMany({ to: pending.email, queuedAt: { $lt: before } });
        await mailer.forgetRecipient(pending.email, new Date(before));
        await store.collection<PendingErasureDocument>(PENDING_ERASURES).deleteMany({ _id: pending._id });
      }
      await store.compact();
    },
  };
}
