// Cancelling a session with a reason, which everyone registered is told: a dialogue's session and a
// buyers' network's own alike. It opens in place; the session stays, shown as cancelled. The caller
// gives its own procedure and says what to read again once it is done.
import type { UseMutationOptions } from '@tanstack/react-query';
import type { SafeParsable } from '../form-validation.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';

type CancelInput = { sessionId: string; reason: string };

export function CancelSessionAction<TData, TError>({
  sessionId,
  schema,
  mutation,
}: {
  sessionId: string;
  schema: SafeParsable<CancelInput>;
  /** The procedure's mutation options, given what to do once it succeeded. */
  mutation: (onSuccess: () => void) => UseMutationOptions<TData, TError, CancelInput, unknown>;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  return (
    <DisclosureAction label={t('session.cancel')} regionId={`cancel-${sessionId}`}>
      {(close) => (
        <ActionForm
          formId={`cancel-${sessionId}`}
          fields={[{ name: 'reason', kind: 'reason', label: t('session.cancelReason'), hint: t('session.cancelReasonHint') }]}
          schema={schema}
          mutation={mutation(() => {
            announce(t('session.cancelledNow'));
            close();
          })}
          input={(values) => ({ sessionId, reason: values.reason })}
          submitLabel={t('session.cancelSubmit')}
          intro={t('session.cancelIntro')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
