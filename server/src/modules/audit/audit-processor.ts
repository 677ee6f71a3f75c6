// Projects the security- and procurement-relevant events into the audit log. Deriving it from the
// event log makes it append-only by construction and complete: an action that happened has an event.
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { AUDIT_LOG, type AuditEntryDocument } from './documents.ts';

export const AUDITED_ACTIONS = [
  'account.registered',
  'account.email_verified',
  'account.signed_in',
  'account.sign_in_failed',
  'account.password_changed',
  'account.sessions_ended',
  'account.role_granted',
  'account.role_revoked',
  'account.blocked',
  'account.erased',
  'organisation.created',
  'organisation.join_requested',
  'organisation.join_declined',
  'organisation.member_invited',
  'organisation.member_added',
  'organisation.member_removed',
  'organisation.role_changed',
  'organisation.verified',
  'dialogue.created',
  'dialogue.deadline_changed',
  'dialogue.owner_added',
  'post.published',
] as const satisfies readonly EventType[];

const AUDITED = new Set<string>(AUDITED_ACTIONS);

export function auditProcessor(store: DocumentStore): EventProcessor {
  return {
    name: 'audit',
    async handle(event: DomainEvent) {
      if (!AUDITED.has(event.type)) return;
      const { by, ...subject } = event.subject;
      // Upsert by sequence: handling an event twice writes the same line once.
      await store.collection<AuditEntryDocument>(AUDIT_LOG).updateOne(
        { _id: `audit-${event.seq}` },
        {
          $setOnInsert: {
            seq: event.seq,
            at: event.at,
            action: event.type,
            actorId: by ?? null,
            subject: event.dialogueId ? { ...subject, dialogueId: event.dialogueId } : subject,
          },
        },
        { upsert: true },
      );
    },
  };
}

export async function ensureAuditIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(AUDIT_LOG, [
    { keys: { seq: -1 }, name: 'seq' },
    { keys: { action: 1, seq: -1 }, name: 'action' },
    { keys: { actorId: 1, seq: -1 }, name: 'actor' },
  ]);
}
