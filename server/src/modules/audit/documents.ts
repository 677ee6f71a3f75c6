/**
 * One line of the audit log: who did what, when. Written only by the audit processor from the
 * immutable event log, never updated or deleted. Subjects hold ids, roles, dates, and for sign-ins
 * the e-mail given and the address — never a password, token or cookie (events never carry them).
 */
export type AuditEntryDocument = {
  _id: string;
  seq: number;
  at: string;
  action: string;
  actorId: string | null;
  subject: Record<string, string>;
};

export const AUDIT_LOG = 'auditLog';
