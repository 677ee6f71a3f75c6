import type { AuditEntryView, AuditQueryInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { mayReadAuditLog } from '../../platform/policy/policy.ts';
import type { DocumentStore } from '../../platform/store/document-store.ts';
import { USERS, type UserDocument } from '../accounts/documents.ts';
import { AUDIT_LOG, type AuditEntryDocument } from './documents.ts';

/** Newest first, filtered; for moderators and admins only. */
export async function listAuditEntries(store: DocumentStore, actor: Actor | null, input: AuditQueryInput): Promise<AuditEntryView[]> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  if (!mayReadAuditLog(actor)) throw new AppError('FORBIDDEN', 'Only moderators and admins read the audit log');
  // Every value below is a validated string or number placed by us: no caller-supplied operator.
  const filter: Record<string, unknown> = {};
  if (input.action) filter.action = input.action;
  if (input.actorId) filter.actorId = input.actorId;
  if (input.userId) filter['subject.userId'] = input.userId;
  // Entries written before `organisations` was kept are still found by their one organisation.
  if (input.organisationId) filter.$or = [{ 'subject.organisationId': input.organisationId }, { organisations: input.organisationId }];
  if (input.before !== undefined) filter.seq = { $lt: input.before };
  if (input.from || input.to) {
    filter.at = { ...(input.from ? { $gte: new Date(input.from).toISOString() } : {}), ...(input.to ? { $lt: new Date(input.to).toISOString() } : {}) };
  }
  const entries = await store.collection<AuditEntryDocument>(AUDIT_LOG).find(filter, { sort: { seq: -1 }, limit: input.limit });
  // Who acted and whom it was about, by name: a failed sign-in, say, names the account it tried
  // (the address typed is in no event).
  const userIds = [...new Set(entries.flatMap((entry) => [entry.actorId, entry.subject.userId].filter((id): id is string => Boolean(id))))];
  const users = userIds.length ? await store.collection<UserDocument>(USERS).find({ _id: { $in: userIds } }) : [];
  const names = new Map(users.map((user) => [user._id, user.name]));
  const person = (id: string | null | undefined) => (id ? { id, name: names.get(id) ?? id } : null);
  return entries.map((entry) => ({
    seq: entry.seq,
    at: entry.at,
    action: entry.action,
    actor: person(entry.actorId),
    subject: entry.subject,
    subjectUser: person(entry.subject.userId),
  }));
}
