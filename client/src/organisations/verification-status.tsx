// Where a buyer organisation's verification stands, for its owners: waiting since when, refused
// with the moderator's reason (and asking again once corrected), or verified under a name or number
// it has changed since. Verification is a buyer matter: other organisations have no such section.
import { useMutation } from '@tanstack/react-query';
import type { OrganisationView, VerificationStatus as Status } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SendButton } from '../ui/form-fields.tsx';
import { InlineError } from '../ui/query-states.tsx';

export function VerificationStatus({ organisation, status, isOwner }: { organisation: OrganisationView; status: Status; isOwner: boolean }) {
  const { t, lang } = useI18n();
  const announce = useAnnounce();
  const ask = useMutation(
    trpc.organisations.requestVerification.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.organisations.pathKey() });
        announce(t('verificationStatus.asked'));
      },
    }),
  );
  let content;
  if (organisation.verified) {
    if (!status.changedSinceVerification) return null;
    content = <p>{t('verificationStatus.changed')}</p>;
  } else if (status.rejection) {
    content = (
      <>
        <p>{t('verificationStatus.rejected', { date: formatDate(status.rejection.at, lang) })}</p>
        <blockquote className="rejection-reason">{status.rejection.reason}</blockquote>
        <p>{t('verificationStatus.rejectedHint')}</p>
      </>
    );
  } else if (status.requestedAt) {
    content = <p>{t('verificationStatus.waiting', { date: formatDate(status.requestedAt, lang) })}</p>;
  } else {
    content = <p>{t('verificationStatus.notRequested')}</p>;
  }
  const mayAsk = isOwner && !organisation.verified && (status.rejection !== null || status.requestedAt === null);
  return (
    <section aria-labelledby="verification-status-heading" className="page-section notice notice-info">
      <h2 id="verification-status-heading">{t('verificationStatus.title')}</h2>
      {content}
      {mayAsk && (
        <SendButton pending={ask.isPending} label={t('verificationStatus.ask')} onClick={() => ask.mutate({ organisationId: organisation.id })} />
      )}
      <InlineError error={ask.error} />
    </section>
  );
}
