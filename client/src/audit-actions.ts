// The actions the audit log records, for the moderation page's filter and its labels. The server
// owns the list (modules/audit/audit-processor.ts); the types below fail the client's type check
// when an action is added there and not here, or listed here and not audited there.
import type { AUDITED_ACTIONS } from '@dialogforum/server/src/modules/audit/audit-processor.ts';

export type AuditedAction = (typeof AUDITED_ACTIONS)[number];

/** In the order the filter lists them: accounts, organisations, dialogues. */
export const AUDIT_ACTIONS = [
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
] as const satisfies readonly AuditedAction[];

type Unlisted = Exclude<AuditedAction, (typeof AUDIT_ACTIONS)[number]>;
// Fails to compile while some audited action is missing above.
const everyActionListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyActionListed;

export function isAuditAction(value: string | null | undefined): value is AuditedAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value ?? '');
}

/** Subject fields with a name in the interface; others are shown by their key. */
export const AUDIT_SUBJECT_FIELDS = [
  'organisationId',
  'userId',
  'requestId',
  'dialogueId',
  'threadId',
  'postId',
  'role',
  'from',
  'to',
  'email',
  'address',
] as const;
export type AuditSubjectField = (typeof AUDIT_SUBJECT_FIELDS)[number];

export function isAuditSubjectField(value: string): value is AuditSubjectField {
  return (AUDIT_SUBJECT_FIELDS as readonly string[]).includes(value);
}
