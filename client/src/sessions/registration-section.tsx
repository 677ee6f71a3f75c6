// The registration section of a session's page, a dialogue's session and a network's own alike: its
// state or button (the caller's), giving the place back behind a confirmation, and a refusal said
// where the button was.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { InlineError } from '../ui/query-states.tsx';

export function RegistrationSection({
  headingId,
  children,
  unregister,
  error,
}: {
  headingId: string;
  children: ReactNode;
  /** Given while the viewer holds a place they may still give back. */
  unregister: { confirm: () => void; pending: boolean } | null;
  error: unknown;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={headingId} className="page-section">
      <h2 id={headingId}>{t('registration.title')}</h2>
      {children}
      {unregister && (
        <ConfirmAction
          label={t('registration.unregister')}
          question={t('registration.unregisterQuestion')}
          confirmLabel={t('registration.unregister')}
          onConfirm={unregister.confirm}
          pending={unregister.pending}
        />
      )}
      <InlineError error={error} />
    </section>
  );
}
