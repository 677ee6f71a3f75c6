// The actions the audit log records, for the moderation page's filter and its labels; the list is
// shared with the server (packages/contracts/src/audit.ts).
import { AUDITED_ACTIONS, type AuditedAction } from '@dialogforum/contracts';

export type { AuditedAction };

/** In the order the filter lists them: accounts, organisations, dialogues. */
export const AUDIT_ACTIONS = AUDITED_ACTIONS;

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
  'emailHash',
  'address',
  'deadLetterId',
  'processor',
  'eventSeq',
  'fields',
  'accelerated',
  'entryId',
  'intoOrganisationId',
  'networkId',
  'discussionId',
  'itemId',
  'consortiumId',
  'opportunityId',
  'organisationIds',
  'version',
  'sessionId',
] as const;
export type AuditSubjectField = (typeof AUDIT_SUBJECT_FIELDS)[number];

export function isAuditSubjectField(value: string): value is AuditSubjectField {
  return (AUDIT_SUBJECT_FIELDS as readonly string[]).includes(value);
}
