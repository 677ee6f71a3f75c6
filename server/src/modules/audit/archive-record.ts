// The audit log's part of a dialogue's archive package (modules/archive-package): every audit entry
// about the dialogue (the audit processor stamps each event's dialogue on its entry), oldest first.
// The entry recording this very export comes from an event appended as the package is made, and
// the audit processor writes it a moment later: the next package holds it.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { AUDIT_LOG, type AuditEntryDocument } from './documents.ts';

export async function auditArchiveRecord(store: Pick<DocumentStore, 'collection'>, dialogueId: string) {
  const entries = await store.collection<AuditEntryDocument>(AUDIT_LOG).find({ 'subject.dialogueId': dialogueId }, { sort: { seq: 1 } });
  return {
    auditEntries: entries.map((entry) => ({ seq: entry.seq, at: entry.at, action: entry.action, actorId: entry.actorId, subject: entry.subject })),
    people: entries.flatMap((entry) => [entry.actorId, entry.subject.userId].filter((id): id is string => Boolean(id))),
    organisations: entries.flatMap((entry) => (entry.subject.organisationId ? [entry.subject.organisationId] : [])),
  };
}
