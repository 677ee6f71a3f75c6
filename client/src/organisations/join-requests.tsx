// Requests to join an organisation, on its page: owners approve or decline each; members see them.
import { useMutation } from '@tanstack/react-query';
import { type JoinRequestView, type OrganisationView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { FormAlert } from '../ui/form-fields.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { refreshOrganisation } from './refresh-organisation.ts';

export function JoinRequestsSection({
  organisation,
  requests,
  canManage,
}: {
  organisation: OrganisationView;
  requests: JoinRequestView[];
  canManage: boolean;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const outcome = useOutcome();
  const decide = useMutation(
    trpc.organisations.decideJoinRequest.mutationOptions({
      onSuccess: (_result, { requestId, approve }) => {
        const name = requests.find((request) => request.id === requestId)?.name ?? '';
        refreshOrganisation(organisation.id);
        outcome.show(t(approve ? 'organisation.approved' : 'organisation.declined', { name }), { focus: true });
      },
    }),
  );
  const columns = {
    name: t('organisation.column.person'),
    email: t('organisation.column.email'),
    at: t('organisation.column.requestedAt'),
    decision: t('organisation.column.decision'),
  };

  return (
    <section aria-labelledby="join-requests-heading" className="page-section">
      <h2 id="join-requests-heading">
        {t('organisation.joinRequests')} <span className="count">({requests.length})</span>
      </h2>
      {requests.length === 0 ? (
        <p className="empty-state">{t('organisation.noJoinRequests')}</p>
      ) : (
        <>
          <FormAlert message={decide.isError ? describeError(decide.error, i18n) : null} />
          <DataTable
            caption={t('organisation.joinRequestsCaption', { name: organisation.name })}
            captionHidden
            columns={canManage ? Object.values(columns) : [columns.name, columns.email, columns.at]}
          >
            {requests.map((request) => (
              <Row key={request.id}>
                <Cell label={columns.name} rowHeader>
                  {request.name}
                </Cell>
                <Cell label={columns.email}>{request.email}</Cell>
                <Cell label={columns.at}>
                  <time dateTime={request.requestedAt}>{formatDateTime(request.requestedAt, lang)}</time>
                </Cell>
                {canManage && (
                  <Cell label={columns.decision} className="actions-cell">
                    <span className="table-actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={decide.isPending}
                        aria-label={`${t('organisation.approve')}: ${request.name}`}
                        onClick={() => decide.mutate({ requestId: request.id, approve: true })}
                      >
                        {t('organisation.approve')}
                      </button>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        disabled={decide.isPending}
                        aria-label={`${t('organisation.decline')}: ${request.name}`}
                        onClick={() => decide.mutate({ requestId: request.id, approve: false })}
                      >
                        {t('organisation.decline')}
                      </button>
                    </span>
                  </Cell>
                )}
              </Row>
            ))}
          </DataTable>
        </>
      )}
      {outcome.node}
    </section>
  );
}
