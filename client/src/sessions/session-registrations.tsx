// For the hosts: who is coming and who is waiting, in the order they registered.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { Cell, DataTable, Row } from '../ui/data-table.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function SessionRegistrations({ sessionId }: { sessionId: string }) {
  const { t, lang } = useI18n();
  const registrations = useQuery(trpc.sessions.registrations.queryOptions({ sessionId }));
  const columns = { name: t('registrations.name'), organisation: t('registrations.organisation'), state: t('registrations.state'), at: t('registrations.at') };
  if (registrations.isPending) return <Loading />;
  if (registrations.isError) return <ErrorNotice title={t('registrations.loadError')} error={registrations.error} onRetry={() => void registrations.refetch()} />;
  if (registrations.data.length === 0) return <p className="empty-state">{t('registrations.empty')}</p>;
  return (
    <DataTable caption={t('registrations.caption', { count: registrations.data.length })} columns={Object.values(columns)}>
      {registrations.data.map((registration, index) => (
        <Row key={`${registration.at}-${index}`}>
          <Cell label={columns.name} rowHeader>
            {registration.name}
          </Cell>
          <Cell label={columns.organisation}>{registration.organisationName}</Cell>
          <Cell label={columns.state}>{t(`registrations.state.${registration.state}`)}</Cell>
          <Cell label={columns.at}>{formatDateTime(registration.at, lang)}</Cell>
        </Row>
      ))}
    </DataTable>
  );
}
