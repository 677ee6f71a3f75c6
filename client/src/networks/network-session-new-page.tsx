// "/networks/:id/sessions/new" — a member's person plans a session for the network. To anyone who is
// not a member the network does not exist, as on its own page.
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { Link, navigate } from '../router.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { NetworkSessionForm } from './network-session-form.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkSessionNewPage({ params }: { params: Record<string, string> }) {
  const { n } = useNetworksText();
  const networkId = params.id ?? '';
  const network = useQuery(trpc.networks.get.queryOptions({ networkId }));
  if (network.isPending) return <Loading />;
  const missing = network.isError ? appErrorCode(network.error) === 'NOT_FOUND' || appErrorCode(network.error) === 'VALIDATION' : !network.data.viewer.isMember;
  if (missing || network.isError) {
    return (
      <>
        <PageHeading>{n(missing ? 'notFound' : 'loadError')}</PageHeading>
        {missing ? <p>{n('notFoundText')}</p> : <ErrorNotice title={n('loadError')} error={network.error} onRetry={() => void network.refetch()} />}
      </>
    );
  }
  const { data } = network;
  return (
    <article aria-labelledby="network-session-new-title">
      <p className="breadcrumb">
        <Link to={`/networks/${encodeURIComponent(data.id)}`}>{data.name}</Link>
      </p>
      <PageHeading id="network-session-new-title" title={n('scheduleHeading', { network: data.name })}>
        {n('scheduleHeading', { network: data.name })}
      </PageHeading>
      {data.dissolved ? (
        <p className="notice notice-info">{n('dissolved')}</p>
      ) : (
        <>
          <p>{n('scheduleIntro')}</p>
          <NetworkSessionForm networkId={data.id} onSaved={(sessionId) => navigate(`/networks/sessions/${encodeURIComponent(sessionId)}`)} />
        </>
      )}
    </article>
  );
}
