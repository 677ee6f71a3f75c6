// Errors from the API as the reader should see them: the server's `appCode` and zod field issues
// become sentences in the reader's language. Client-side validation produces the same FieldIssue
// shape from the same zod schemas, so both say exactly the same thing.
import type { AppErrorCode, FieldIssue } from '@dialogforum/contracts';
import { APP_ERROR_CODES } from '@dialogforum/contracts';
import { TRPCClientError } from '@trpc/client';
import type { Translate } from './i18n/i18n.tsx';

/** An app error code, or NETWORK when the server could not be reached or answered without one. */
export type ClientErrorCode = AppErrorCode | 'NETWORK';

function errorData(error: unknown): { appCode?: unknown; fieldIssues?: unknown } | undefined {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    if (data && typeof data === 'object') return data as { appCode?: unknown; fieldIssues?: unknown };
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

export function describeError(error: unknown, t: Translate): string {
  return t(`error.${appErrorCode(error)}`);
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
    default:
      return t('field.invalid');
  }
}
