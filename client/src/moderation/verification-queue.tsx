// Buyer organisations waiting for a moderator to verify them, oldest first; verifying one takes it
// off the list and says so where focus was.
import { useMutation, useQuery } from '@tanstack/react-query';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode, describeError } from '../app-error.ts';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { FormAlert } from '../ui/form-fields.tsx';
import { OrgNumber } from '../organisations/organisation-badges.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RejectVerification } from '../organisations/reject-verification.tsx';
import { Link } from '../router.tsx';
import { AUDIT_LOG_KEY } from './audit-log.tsx';
import { NotAllowed } from './not-allowed.tsx';

export function VerificationQueue() {
  const i18n = useI18n();
  const { t, plural, lang } = i18n;
  const queue = useQuery({ ...trpc.organisations.verificationQueue.queryOptions(), staleTime: 0 });
  const outcome = useOutcome();
  const verify = useMutation(
    trpc.organisations.verify.mutationOptions({
      onSuccess: async (_result, { organisationId }) => {
        const name = queue.data?.find((organisation) => organisation.id === organisationId)?.name ?? '';
        await queryClient.invalidateQueries({ queryKey: trpc.organisations.pathKey() });
        void queryClient.invalidateQueries({ queryKey: AUDIT_LOG_KEY });
        // The row, and the button that had focus, are gone: the outcome takes focus.
        outcome.show(t('moderation.verified', { name }), { focus: true });
      },
    }),
  );
  const columns = {
    name: t('moderation.column.organisation'),
    number: t('organisations.column.number'),
    requestedBy: t('moderation.column.requestedBy'),
    requestedAt: t('moderation.column.requestedAt'),
    action: t('moderation.column.action'),
  };

  let content;
  if (queue.isPending) content = <Loading />;
  else if (queue.isError) {
    if (appErrorCode(queue.error) === 'FORBIDDEN') content = <NotAllowed />;
    else content = <ErrorNotice title={t('moderation.queueLoadError')} error={queue.error} onRetry={() => void queue.refetch()} />;
  } else if (queue.data.length === 0) {
    content = <p className="empty-state">{t('moderation.queueEmpty')}</p>;
  } else {
    content = (
      <DataTable caption={plural('moderation.queueCaption', queue.data.length)} columns={Object.values(columns)}>
        {queue.data.map((organisation) => (
          <Row key={organisation.id}>
            <Cell label={columns.name} rowHeader>
              <Link to={`/organisations/${encodeURIComponent(organisation.id)}`}>{organisation.name}</Link>
              {organisation.verifiedAs && (
                <span className="field-hint">{t('moderation.verifiedAs', { name: organisation.verifiedAs.name })}</span>
              )}
            </Cell>
            <Cell label={columns.number}>
              <OrgNumber digits={organisation.orgNumber} short />
            </Cell>
            <Cell label={columns.requestedBy}>
              {organisation.requestedBy ? `${organisation.requestedBy.name} (@${organisation.requestedBy.emailDomain})` : t('moderation.requestedByUnknown')}
            </Cell>
            <Cell label={columns.requestedAt}>
              <time dateTime={organisation.requestedAt}>{formatDate(organisation.requestedAt, lang)}</time>
            </Cell>
            <Cell label={columns.action} className="actions-cell">
              <button
                type="button"
                className="button button-small"
                aria-label={`${t('moderation.verify')}: ${organisation.name}`}
                onClick={() => verify.mutate({ organisationId: organisation.id })}
                disabled={verify.isPending}
              >
                {t('moderation.verify')}
              </button>
              <RejectVerification
                organisation={organisation}
                withdraw={organisation.verified}
                onRejected={() => outcome.show(t('moderation.rejected', { name: organisation.name }), { focus: true })}
              />
            </Cell>
          </Row>
        ))}
      </DataTable>
    );
  }

  return (
    <section aria-labelledby="queue-heading" className="page-section">
      <h2 id="queue-heading">{t('moderation.queueTitle')}</h2>
      <p className="section-intro">{t('moderation.queueIntro')}</p>
      <FormAlert message={verify.isError ? describeError(verify.error, i18n) : null} />
      {content}
      {outcome.node}
    </section>
  );
}
