// "/networks/:id" — one buyers' network as the viewer may see it: for its members everything (its
// members, discussions, joint dialogues and the record of who came and went), for a verified buyer
// outside an open network its name and members to ask to join, for an invited organisation its
// name to answer; for everyone else it does not exist.
import { useQuery } from '@tanstack/react-query';
import type { NetworkView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { arenaName } from '../arena-names.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { AdminActions, JoinActions, LeaveOrDissolve, RemoveMember } from './network-actions.tsx';
import { NetworkDialogues } from './network-dialogues.tsx';
import { NetworkDiscussions } from './network-discussions.tsx';
import { NetworkLibrary } from './network-library.tsx';
import { useNetworkRoom } from './network-room.ts';
import { NetworkSessions } from './network-sessions.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkPage({ params }: { params: Record<string, string> }) {
  const { n } = useNetworksText();
  const networkId = params.id ?? '';
  const network = useQuery(trpc.networks.get.queryOptions({ networkId }));
  useNetworkRoom(networkId, network.data?.viewer.isMember === true);
  if (network.isPending) return <Loading />;
  if (network.isError) {
    const missing = appErrorCode(network.error) === 'NOT_FOUND' || appErrorCode(network.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{n(missing ? 'notFound' : 'loadError')}</PageHeading>
        {missing ? <p>{n('notFoundText')}</p> : <ErrorNotice title={n('loadError')} error={network.error} onRetry={() => void network.refetch()} />}
      </>
    );
  }
  return <NetworkContent network={network.data} />;
}

function NetworkContent({ network }: { network: NetworkView }) {
  const { n, lang } = useNetworksText();
  return (
    <article aria-labelledby="network-title" className="network">
      <p className="breadcrumb">
        <Link to={`/arenas/${network.arenaId}#networks-heading`}>{arenaName(network.arenaId, lang)}</Link>
        {' · '}
        <Link to="/networks">{n('title')}</Link>
      </p>
      <PageHeading id="network-title" title={network.name}>
        {network.name}
      </PageHeading>
      <p>
        {n(`joining.${network.joining}`)} · {n('members', { count: network.memberCount })}
        {network.standing && ` · ${n(`standing.${network.standing}`)}`}
      </p>
      {network.dissolution && (
        <p className="notice notice-info">{n('dissolvedNotice', { date: formatDate(network.dissolution.at, lang), reason: network.dissolution.reason })}</p>
      )}
      {network.purpose && <SafeMarkdown source={network.purpose} />}
      <JoinActions network={network} />
      {network.members.length > 0 && (
        <section aria-labelledby="network-members-heading" className="page-section">
          <h2 id="network-members-heading">{n('memberList')}</h2>
          <ul className="plain-list" aria-labelledby="network-members-heading">
            {network.members.map((member) => (
              <li key={member.organisationId}>
                {member.name} · {n(`standing.${member.role}`)} · {n('since', { date: formatDate(member.since, lang) })}
                {network.viewer.isAdmin && member.role !== 'admin' && <RemoveMember networkId={network.id} organisationId={member.organisationId} name={member.name} />}
              </li>
            ))}
          </ul>
        </section>
      )}
      {network.viewer.isMember && (
        <>
          <NetworkDiscussions network={network} />
          <NetworkSessions network={network} />
          <NetworkLibrary network={network} />
          <NetworkDialogues network={network} />
          {network.viewer.isAdmin && <AdminActions network={network} />}
          {!network.dissolved && <LeaveOrDissolve network={network} />}
          <NetworkRecord network={network} />
        </>
      )}
    </article>
  );
}

function NetworkRecord({ network }: { network: NetworkView }) {
  const { n, lang } = useNetworksText();
  return (
    <section aria-labelledby="network-record-heading" className="page-section">
      <h2 id="network-record-heading">{n('record')}</h2>
      <ol className="plain-list" aria-labelledby="network-record-heading">
        {network.record.map((entry, index) => (
          <li key={`${entry.organisationId}-${entry.at}-${index}`}>
            <time dateTime={entry.at}>{formatDate(entry.at, lang)}</time> · {n(`what.${entry.what}`, { name: entry.name })}
            {entry.reason && `: ${entry.reason}`}
          </li>
        ))}
      </ol>
    </section>
  );
}
