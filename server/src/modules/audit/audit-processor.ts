// Projects the security- and procurement-relevant events into the audit log. Deriving it from the
// event log makes it append-only by construction and complete: an action that happened has an event.
import { AUDITED_ACTIONS } from '@dialogforum/contracts';
import type { DomainEvent, EventType } from '../../platform/events/event-log.ts';
import type { EventProcessor } from '../../platform/events/processor.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { AUDIT_LOG, type AuditEntryDocument } from './documents.ts';

// Every audited action must be an event the log can hold: this fails to compile otherwise.
const AUDITED_EVENT_TYPES: readonly EventType[] = AUDITED_ACTIONS;

const AUDITED = new Set<string>(AUDITED_EVENT_TYPES);

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
            organisations: organisationsOf(subject),
          },
        },
        { upsert: true },
      );
    },
  };
}

/** The organisations an entry is about, as its subject names them (one, or a comma-separated list). */
function organisationsOf(subject: Record<string, string>): string[] {
  const listed = (subject.organisationIds ?? '').split(',').filter((id) => id !== '');
  return [...new Set([...(subject.organisationId ? [subject.organisationId] : []), ...listed])];
}

export async function ensureAuditIndexes(store: DocumentStore): Promise<void> {
  await store.ensureIndexes(AUDIT_LOG, [
    { keys: { seq: -1 }, name: 'seq' },
    { keys: { action: 1, seq: -1 }, name: 'action' },
    { keys: { actorId: 1, seq: -1 }, name: 'actor' },
    // A dialogue's archive package reads every entry about the dialogue.
    { keys: { 'subject.dialogueId': 1, seq: 1 }, name: 'dialogue' },
    { keys: { organisations: 1, seq: -1 }, name: 'organisation' },
  ]);
}
