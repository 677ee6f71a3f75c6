// An action that cannot simply be undone (removing a member, leaving an organisation) asks once
// more in place: the button gives way to a question with "yes" and "cancel". Focus moves to "yes",
// and back to the first button on cancel, so keyboard and screen-reader users keep their place.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function ConfirmAction({
  label,
  ariaLabel,
  question,
  confirmLabel,
  onConfirm,
  pending,
  className = 'button button-secondary',
}: {
  /** The first button's text. */
  label: ReactNode;
  /** Its accessible name when the text alone is ambiguous (it must start with the text). */
  ariaLabel?: string;
  question: string;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  pending: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) confirm.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      first.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <button ref={first} type="button" className={className} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="inline-confirm">
      <span className="inline-confirm-question">{question}</span>
      <span className="inline-confirm-actions">
        {/* aria-disabled, not disabled: if the action is refused, focus is still here. */}
        <button
          ref={confirm}
          type="button"
          className="button button-danger button-small"
          onClick={() => {
            if (!pending) onConfirm();
          }}
          aria-disabled={pending}
        >
          {pending ? t('common.sending') : confirmLabel}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            returnFocus.current = true;
            setAsking(false);
          }}
        >
          {t('common.cancel')}
        </button>
      </span>
    </span>
  );
}
