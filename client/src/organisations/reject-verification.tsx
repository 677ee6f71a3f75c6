// A moderator refuses to verify a buyer organisation, or withdraws a verification, with a reason the
// owners are told in the app and by mail. The same form serves the organisation's page and the queue.
import { useState } from 'react';
import { rejectVerificationInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { FormAlert, SendButton, TextArea } from '../ui/form-fields.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function RejectVerification({
  organisation,
  withdraw,
  onRejected,
  className,
}: {
  organisation: { id: string; name: string };
  /** A verified organisation: the act is withdrawing its verification. */
  withdraw: boolean;
  onRejected: () => void;
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <DisclosureAction
      label={t(withdraw ? 'organisation.withdrawToggle' : 'organisation.rejectToggle')}
      context={organisation.name}
      regionId={`reject-${organisation.id}`}
      {...(className ? { className } : {})}
    >
      {(close) => (
        <RejectForm
          organisationId={organisation.id}
          onCancel={close}
          onRejected={() => {
            close();
            onRejected();
          }}
        />
      )}
    </DisclosureAction>
  );
}

function RejectForm({ organisationId, onCancel, onRejected }: { organisationId: string; onCancel: () => void; onRejected: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const formId = `reject-${organisationId}`;
  const reject = useFormSubmission({
    formId,
    fields: ['reason'],
    schema: rejectVerificationInput,
    mutation: trpc.organisations.rejectVerification.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.organisations.pathKey() });
        onRejected();
      },
    }),
  });
  return (
    <form className="form" noValidate onSubmit={(event) => reject.submit(event, { organisationId, reason })}>
      <FormAlert message={reject.formError} />
      <TextArea
        formId={formId}
        name="reason"
        label={t('organisation.rejectReason')}
        hint={t('organisation.rejectReasonHint')}
        issue={reject.errors.reason}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={3}
        autoFocus
      />
      <div className="form-actions">
        <SendButton pending={reject.isPending} label={t('organisation.rejectSubmit')} />
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
