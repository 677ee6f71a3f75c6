// The arena's pioneer relays: each relay is a chain of projects, oldest first, as an ordered list
// (a screen reader hears "list, 3 items" and the order is the time line). Verified buyers start a
// project from here.
import { useQuery } from '@tanstack/react-query';
import type { ArenaId, RelayProjectSummary } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { useRelayText } from './relay-text.ts';

export function RelaySection({ arenaId }: { arenaId: ArenaId }) {
  const { r } = useRelayText();
  const chains = useQuery(trpc.relay.chains.queryOptions({ arenaId }));
  return (
    <section aria-labelledby="relay-heading" className="page-section">
      <h2 id="relay-heading">{r('title')}</h2>
      <p>{r('intro')}</p>
      {chains.isPending ? (
        <Loading />
      ) : chains.isError ? (
        <ErrorNotice title={r('loadError')} error={chains.error} onRetry={() => void chains.refetch()} />
      ) : (
        <>
          {chains.data.viewer.canStart && (
            <p>
              <Link to={`/relay/new?arena=${arenaId}`} className="button button-secondary">
                {r('start')}
              </Link>
            </p>
          )}
          {chains.data.chains.length === 0 ? (
            <p className="empty-state">{r('none')}</p>
          ) : (
            <ul className="plain-list relay-chains" aria-label={r('chains')}>
              {chains.data.chains.map((chain, index) => (
                <li key={chain.projects[0]?.id ?? index}>
                  <h3 id={`relay-chain-${index}`}>{r('chain', { n: index + 1 })}</h3>
                  <RelayChainList projects={chain.projects} labelledBy={`relay-chain-${index}`} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Projects in the order they took the baton, each with when it started and what it handed over. */
export function RelayChainList({ projects, labelledBy }: { projects: RelayProjectSummary[]; labelledBy?: string }) {
  const { r, lang } = useRelayText();
  return (
    <ol className="relay-chain" aria-labelledby={labelledBy}>
      {projects.map((project) => (
        <li key={project.id}>
          <Link to={`/relay/${encodeURIComponent(project.id)}`}>{project.title}</Link>
          <span className="relay-chain-facts">
            {' · '}
            {project.organisation.name}
            {' · '}
            {r('started', { date: formatDate(project.createdAt, lang) })}
            {' · '}
            {project.handover
              ? `${r('handedOver', { stage: project.handover.stage, date: formatDate(project.handover.publishedAt, lang) })}${project.handover.withdrawn ? ` (${r('withdrawn')})` : ''}`
              : r('notYet')}
          </span>
        </li>
      ))}
    </ol>
  );
}
