import { z } from 'zod';
import { idSchema } from './inputs.ts';

/** The actions the audit log records (accounts, organisations, dialogues, operations), in the order filters list them. */
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
  'organisation.updated',
  'organisation.verification_requested',
  'organisation.verification_rejected',
  'organisation.merged',
  'dialogue.created',
  'dialogue.deadline_changed',
  'dialogue.owner_added',
  'dialogue.qa_mode_changed',
  'dialogue.details_changed',
  'dialogue.phase_changed',
  'dialogue.tender_deadline_changed',
  'dialogue.visibility_changed',
  'dialogue.archived',
  'dialogue.restored',
  'dialogue.outcome_recorded',
  'dialogue.attachment_added',
  'dialogue.attachment_removed',
  'post.published',
  'dead_letter.retried',
  'dead_letter.dismissed',
  'thread.published',
  'thread.answered_privately',
  'question.redacted',
  'answer.corrected',
  'answer.attachment_added',
  'answer.attachment_removed',
  'post.hidden',
  'post.flag_dismissed',
  'thread.locked',
  'library.item_published',
  'library.item_revised',
  'library.item_withdrawn',
  'relay.handover_published',
  'relay.handover_revised',
  'relay.handover_withdrawn',
  'relay.baton_taken',
  'relay.post_hidden',
  'thread.unlocked',
  'session.scheduled',
  'session.rescheduled',
  'session.cancelled',
  'session.started',
  'session.ended',
  'meeting.round_opened',
  'meeting.booked',
  'meeting.booking_cancelled',
  'meeting.minutes_recorded',
  'meeting.round_closed',
  'session.minutes_published',
  'live.question_hidden',
  'live.question_answered',
  'dialogue.archive_package_exported',
  'consortium.formed',
  'consortium.member_invited',
  'consortium.member_confirmed',
  'consortium.member_declined',
  'consortium.member_left',
  'consortium.member_removed',
  'consortium.visibility_chosen',
] as const;
export type AuditedAction = (typeof AUDITED_ACTIONS)[number];

export const auditQueryInput = z.strictObject({
  action: z.enum(AUDITED_ACTIONS).optional(),
  actorId: idSchema.optional(),
  /** Entries about this person (subject), e.g. their sign-ins or memberships. */
  userId: idSchema.optional(),
  organisationId: idSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Page backwards: entries older than this sequence number. */
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditQueryInput = z.infer<typeof auditQueryInput>;

export type AuditEntryView = {
  seq: number;
  at: string;
  action: string;
  actor: { id: string; name: string } | null;
  subject: Record<string, string>;
  /** The person the entry is about (`subject.userId`), by name. */
  subjectUser: { id: string; name: string } | null;
};
