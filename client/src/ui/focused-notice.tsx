// A notice that takes the place of a form once it has done its work (a mail sent, an account
// removed). The form and the focus in it are gone, so the notice's heading takes focus: a screen
// reader reads what happened, and keyboard users go on from here rather than from the page top.
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function FocusedNotice({ title, className = '', children }: { title: string; className?: string; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className={`notice notice-success ${className}`.trim()}>
      <h2 ref={heading} tabIndex={-1} className="notice-heading">
        {title}
      </h2>
      {children}
    </div>
  );
}

/**
 * "Check your e-mail": the same words whether or not the address has an account, with a way back to
 * the form to try another address.
 */
export function MailSentNotice({ title, onTryAgain, children }: { title: string; onTryAgain: () => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <FocusedNotice title={title}>
      {children}
      <p>
        {t('mailSent.noMail')}{' '}
        <button type="button" className="link-button" onClick={onTryAgain}>
          {t('mailSent.tryAgain')}
        </button>
        .
      </p>
    </FocusedNotice>
  );
}
