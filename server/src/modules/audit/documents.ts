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
  /**
   * Every organisation the entry is about: `subject.organisationId` and each of a comma-separated
   * `subject.organisationIds` (those invited into a consortium), so filtering by organisation finds
   * an invitation by whom it invited. Absent on entries written before it was kept.
   */
  organisations?: string[];
};

export const AUDIT_LOG = 'auditLog';
