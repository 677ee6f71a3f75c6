// Loading and error states shared by every page: a polite status while waiting, an alert with the
// reason in the reader's language and a retry button when something failed, and the one line that
// says why an action on the page failed, next to the action.
import { describeError } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </p>
  );
}

export function ErrorNotice({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{describeError(error, i18n)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Why an action failed, in the reader's language, where the action is; nothing while it has not failed. */
export function InlineError({ error }: { error: unknown }) {
  const i18n = useI18n();
  if (!error) return null;
  return (
    <p className="inline-error" role="alert">
      {describeError(error, i18n)}
    </p>
  );
}
