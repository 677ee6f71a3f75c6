// The audit entries about a person or made by them (sign-ins with the address they came from, role
// and membership changes), for the person's own data export.
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { AUDIT_LOG, type AuditEntryDocument } from './documents.ts';

export async function auditPersonalData(store: DocumentStore, userId: string) {
  const entries = await store
    .collection<AuditEntryDocument>(AUDIT_LOG)
    .find({ $or: [{ actorId: userId }, { 'subject.userId': userId }] }, { sort: { seq: 1 } });
  return { auditLog: entries.map((entry) => ({ at: entry.at, action: entry.action, subject: entry.subject })) };
}
