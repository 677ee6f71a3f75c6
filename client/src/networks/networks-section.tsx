// The arena page's buyers' networks: only those the viewer may see (a verified buyer sees the open
// ones and their own; everyone else sees none, and the section says only what networks are).
import { useQuery } from '@tanstack/react-query';
import type { ArenaId } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { Link } from '../router.tsx';
import { NetworkList } from './network-list.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworksSection({ arenaId }: { arenaId: ArenaId }) {
  const { n } = useNetworksText();
  const networks = useQuery(trpc.networks.inArena.queryOptions({ arenaId }));
  return (
    <section aria-labelledby="networks-heading" className="page-section">
      <h2 id="networks-heading">{n('title')}</h2>
      <p>{n('intro')}</p>
      {networks.isPending ? (
        <Loading />
      ) : networks.isError ? (
        <ErrorNotice title={n('listError')} error={networks.error} onRetry={() => void networks.refetch()} />
      ) : !networks.data.viewer.canCreate ? (
        <p className="empty-state">{n('onlyBuyers')}</p>
      ) : (
        <>
          <p>
            <Link to={`/networks?arena=${arenaId}`} className="button button-secondary">
              {n('create')}
            </Link>
          </p>
          <h3 id="networks-in-arena-heading">{n('inArena')}</h3>
          {networks.data.networks.length === 0 ? (
            <p className="empty-state">{n('noneInArena')}</p>
          ) : (
            <NetworkList networks={networks.data.networks} labelledBy="networks-in-arena-heading" />
          )}
        </>
      )}
    </section>
  );
}
