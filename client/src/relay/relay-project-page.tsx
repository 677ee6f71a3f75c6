// "/relay/:id" — one relay project: its buyer and dialogues, the baton it handed over (or an
// earlier version of it, `?version=n`), where it stands in its relay (whom it took the baton from,
// who took it from here), its contacts, its relay thread and its relay meetings.
import { useQuery } from '@tanstack/react-query';
import type { RelayProjectView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { arenaName } from '../arena-names.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { Link, useLocation } from '../router.tsx';
import { HandoverView } from './handover-view.tsx';
import { RelayMeetings, TakeBatonFromArena, TakeThisBaton } from './relay-baton.tsx';
import { RelayContacts } from './relay-contacts.tsx';
import { RelayChainList } from './relay-section.tsx';
import { useRelayText } from './relay-text.ts';
import { RelayThread } from './relay-thread.tsx';

export function RelayProjectPage({ params }: { params: Record<string, string> }) {
  const { r } = useRelayText();
  const { search } = useLocation();
  const projectId = params.id ?? '';
  const asked = Number(search.get('version'));
  const version = Number.isInteger(asked) && asked >= 1 ? asked : undefined;
  const project = useQuery(trpc.relay.get.queryOptions({ projectId, ...(version ? { version } : {}) }));
  if (project.isPending) return <Loading />;
  if (project.isError) {
    const missing = appErrorCode(project.error) === 'NOT_FOUND' || appErrorCode(project.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{r(missing ? 'notFound' : 'loadError')}</PageHeading>
        {missing ? <p>{r('notFoundText')}</p> : <ErrorNotice title={r('loadError')} error={project.error} onRetry={() => void project.refetch()} />}
      </>
    );
  }
  return <RelayProjectContent project={project.data} />;
}

function RelayProjectContent({ project }: { project: RelayProjectView }) {
  const { r, lang } = useRelayText();
  const chain = [...project.earlier, project, ...project.later];
  return (
    <article aria-labelledby="relay-project-title" className="relay-project">
      <p className="breadcrumb">
        <Link to={`/arenas/${project.arenaId}#relay-heading`}>{arenaName(project.arenaId, lang)}</Link>
      </p>
      <PageHeading id="relay-project-title" title={project.title}>
        {project.title}
      </PageHeading>
      <p>
        {r('by', { organisation: project.organisation.name })} · {r('started', { date: formatDate(project.createdAt, lang) })}
      </p>
      <h2 id="relay-dialogues-heading">{r('dialogues')}</h2>
      <ul className="plain-list" aria-labelledby="relay-dialogues-heading">
        {project.dialogues.map((dialogue) => (
          <li key={dialogue.id}>
            <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
          </li>
        ))}
      </ul>
      {project.viewer.canPublish && (
        <p>
          <Link to={`/relay/${encodeURIComponent(project.id)}/handover`} className="button">
            {r('give')}
          </Link>
        </p>
      )}
      <HandoverView project={project} />
      <section aria-labelledby="relay-chain-heading" className="page-section">
        <h2 id="relay-chain-heading">{r('chainHeading')}</h2>
        {chain.length === 1 ? <p className="empty-state">{r('noLinks')}</p> : <RelayChainList projects={chain} labelledBy="relay-chain-heading" />}
        {project.viewer.canManage && <TakeBatonFromArena project={project} />}
      </section>
      {project.viewer.canTakeBaton && <TakeThisBaton project={project} />}
      <RelayContacts project={project} />
      <RelayThread project={project} />
      <RelayMeetings project={project} />
    </article>
  );
}
