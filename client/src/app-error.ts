// Errors from the API as the reader should see them: the server's `appCode` and zod field issues
// become sentences in the reader's language. Client-side validation produces the same FieldIssue
// shape from the same zod schemas, so both say exactly the same thing.
import type { AppErrorCode, FieldIssue } from '@dialogforum/contracts';
import { APP_ERROR_CODES } from '@dialogforum/contracts';
import { TRPCClientError } from '@trpc/client';
import type { I18n, Translate } from './i18n/i18n.tsx';

/** An app error code, or NETWORK when the server could not be reached or answered without one. */
export type ClientErrorCode = AppErrorCode | 'NETWORK';

type ErrorData = { appCode?: unknown; fieldIssues?: unknown; retryAfterSeconds?: unknown };

function errorData(error: unknown): ErrorData | undefined {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    if (data && typeof data === 'object') return data as ErrorData;
  }
  return undefined;
}

export function appErrorCode(error: unknown): ClientErrorCode {
  const code = errorData(error)?.appCode;
  if (typeof code === 'string' && (APP_ERROR_CODES as readonly string[]).includes(code)) {
    return code as AppErrorCode;
  }
  return 'NETWORK';
}

export function fieldIssuesOf(error: unknown): FieldIssue[] {
  const issues = errorData(error)?.fieldIssues;
  return Array.isArray(issues) ? (issues as FieldIssue[]) : [];
}

/** With RATE_LIMITED: how long the server asks us to wait, when it says. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  const seconds = errorData(error)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

/** A wait as the reader would say it: seconds below a minute, whole minutes (rounded up) above. */
export function describeWait(seconds: number, { plural }: Pick<I18n, 'plural'>): string {
  return seconds < 60 ? plural('duration.seconds', seconds) : plural('duration.minutes', Math.ceil(seconds / 60));
}

export function describeError(error: unknown, i18n: Pick<I18n, 't' | 'plural'>): string {
  const code = appErrorCode(error);
  const wait = code === 'RATE_LIMITED' ? retryAfterSecondsOf(error) : undefined;
  if (wait !== undefined) return i18n.t('error.rateLimitedWait', { wait: describeWait(wait, i18n) });
  return i18n.t(`error.${code}`);
}

export function describeFieldIssue(issue: FieldIssue, t: Translate): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.minimum === undefined) return t('field.invalid');
      return issue.minimum <= 1 ? t('field.required') : t('field.tooShort', { minimum: issue.minimum });
    case 'too_big':
      if (issue.maximum === undefined) return t('field.invalid');
      return t('field.tooLong', { maximum: issue.maximum });
    case 'invalid_format':
      if (issue.format === 'email') return t('field.invalidEmail');
      if (issue.format === 'datetime' || issue.format === 'date') return t('field.invalidDate');
      return t('field.invalidFormat');
    case 'invalid_value':
      return t('field.invalidChoice');
    case 'invalid_type':
      return t('field.required');
    // The server's password policy: the password is in a list of breached passwords.
    case 'common_password':
      return t('field.commonPassword');
    // Set by the client when the server refuses the current password (INVALID_CREDENTIALS).
    case 'wrong_password':
      return t('field.wrongPassword');
    // A Swedish organisation number: ten digits (NNNNNN-NNNN) whose last digit is a Luhn check digit.
    case 'org_number_format':
      return t('field.orgNumberFormat');
    case 'org_number_check_digit':
      return t('field.orgNumberCheckDigit');
    // Set by the client when the server answers ORGANISATION_EXISTS.
    case 'org_number_taken':
      return t('field.orgNumberTaken');
    // Set by the client when a period ends before it starts.
    case 'date_order':
      return t('field.dateOrder');
    case 'invalid_characters':
      return t('field.invalidCharacters');
    // The feedback form's page: a path of this service (contracts/public-service.ts).
    case 'page_path':
      return t('field.pagePath');
    // The server's dialogue rules (dialogue-facts.ts) and the shared dialogue schemas.
    case 'deadline_in_past':
      return t('field.deadlineInPast');
    case 'tender_deadline_required':
      return t('field.tenderDeadlineRequired');
    case 'question_deadline_after_tender':
      return t('field.questionDeadlineAfterTender');
    case 'cpv_format':
      return t('field.cpvFormat');
    case 'cpv_check_digit':
      return t('field.cpvCheckDigit');
    case 'cpv_duplicate':
      return t('field.cpvDuplicate');
    case 'phone_format':
      return t('field.phoneFormat');
    case 'merge_other_kind':
      return t('field.mergeOtherKind');
    case 'merge_into_itself':
      return t('field.mergeIntoItself');
    // Sessions (server/src/modules/sessions/session-times.ts and the contracts' schema).
    case 'invalid_date':
      return t('field.invalidDate');
    case 'time_in_past':
      return t('field.timeInPast');
    case 'time_nonexistent':
      return t('field.timeNonexistent');
    case 'session_overlap':
      return t('field.sessionOverlap');
    case 'registration_after_start':
      return t('field.registrationAfterStart');
    case 'meeting_link_required':
      return t('field.meetingLinkRequired');
    case 'invalid_meeting_link':
      return t('field.invalidMeetingLink');
    case 'address_required':
      return t('field.addressRequired');
    case 'invalid_time_zone':
      return t('field.invalidTimeZone');
    case 'capacity_below_registered':
      return t('field.capacityBelowRegistered', { minimum: issue.minimum ?? 1 });
    case 'slot_not_booked':
      return t('field.slotNotBooked');
    default:
      return t('field.invalid');
  }
}
