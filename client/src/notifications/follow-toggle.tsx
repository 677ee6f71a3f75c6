// The follow button itself, for a dialogue, a question or an arena: it says what pressing it does,
// what happened is said in a polite status next to it (`outcome`), and a refusal in an alert.
import type { ReactNode } from 'react';
import { describeError } from '../app-error.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function FollowToggle({ className, following, pending, label, onToggle, outcome, error }: {
  className: string;
  following: boolean;
  pending: boolean;
  label: string;
  onToggle: () => void;
  outcome: ReactNode;
  error: unknown;
}) {
  const i18n = useI18n();
  return (
    <div className={`follow ${className}`}>
      {/* aria-disabled, not disabled: a disabled button loses the keyboard focus while the call runs. */}
      <button type="button" className="button button-secondary button-small" onClick={onToggle} aria-disabled={pending}>
        <span aria-hidden="true">{following ? '★ ' : '☆ '}</span>
        {label}
      </button>
      {outcome}
      {error ? (
        <p className="notice notice-error" role="alert">
          {describeError(error, i18n)}
        </p>
      ) : null}
    </div>
  );
}
