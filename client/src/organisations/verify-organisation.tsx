// A moderator verifies an organisation from its page, or rejects (or withdraws) its verification.
import { useMutation } from '@tanstack/react-query';
import { type OrganisationView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RejectVerification } from './reject-verification.tsx';
import { refreshOrganisation } from './refresh-organisation.ts';
import { SendButton } from '../ui/form-fields.tsx';
import { InlineError } from '../ui/query-states.tsx';

export function VerifySection({
  organisation,
  onVerified,
  onRejected,
}: {
  organisation: OrganisationView;
  onVerified: () => void;
  onRejected: () => void;
}) {
  const { t } = useI18n();
  const verify = useMutation(
    trpc.organisations.verify.mutationOptions({
      onSuccess: () => {
        refreshOrganisation(organisation.id);
        void queryClient.invalidateQueries({ queryKey: trpc.organisations.verificationQueue.queryKey() });
        onVerified();
      },
    }),
  );
  return (
    <section aria-labelledby="verify-heading" className="page-section notice notice-info moderator-panel">
      <h2 id="verify-heading">{t('organisation.verifyTitle')}</h2>
      <p>{t('organisation.verifyIntro')}</p>
      <div className="form-actions">
        <SendButton pending={verify.isPending} label={t('organisation.verify')} onClick={() => verify.mutate({ organisationId: organisation.id })} />
        <RejectVerification organisation={organisation} withdraw={organisation.verified} onRejected={onRejected} className="button button-secondary" />
      </div>
      <InlineError error={verify.error} />
    </section>
  );
}
