// The arena's opportunities and its public consortia. A consortium kept to the buyer is never
// listed here: the server leaves it out for every reader.
import { useQuery } from '@tanstack/react-query';
import type { ArenaId } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { Link } from '../router.tsx';
import { ConsortiumList, OpportunityList } from './consortia-lists.tsx';
import { useConsortiaText } from './consortia-text.ts';

export function ConsortiaSection({ arenaId }: { arenaId: ArenaId }) {
  const { c } = useConsortiaText();
  const view = useQuery(trpc.consortia.arena.queryOptions({ arenaId }));
  return (
    <section aria-labelledby="consortia-heading" className="page-section">
      <h2 id="consortia-heading">{c('title')}</h2>
      <p>{c('intro')}</p>
      {view.isPending ? (
        <Loading />
      ) : view.isError ? (
        <ErrorNotice title={c('loadError')} error={view.error} onRetry={() => void view.refetch()} />
      ) : (
        <>
          <p>
            {view.data.viewer.canPublishOpportunity && (
              <Link to={`/consortia/opportunities/new?arena=${arenaId}`} className="button button-secondary">
                {c('publish')}
              </Link>
            )}{' '}
            <Link to="/consortia">{c('mine')}</Link>
          </p>
          <h3 id="consortia-opportunities-heading">{c('opportunities')}</h3>
          <OpportunityList opportunities={view.data.opportunities} labelledBy="consortia-opportunities-heading" empty={c('noOpportunities')} />
          <h3 id="consortia-public-heading">{c('publicConsortia')}</h3>
          <ConsortiumList consortia={view.data.consortia} labelledBy="consortia-public-heading" empty={c('noConsortia')} />
        </>
      )}
    </section>
  );
}
