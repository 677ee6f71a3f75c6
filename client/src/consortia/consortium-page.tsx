// "/consortium/:id" — a consortium: its lead and members, each with where it stands (an invitation
// not yet confirmed says so and is not counted), what the reader's organisation may do here
// (confirm or decline, choose the visibility, leave; as lead invite and remove) and its history,
// which keeps every change.
import { useQuery } from '@tanstack/react-query';
import type { ConsortiumView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { formatDate, formatDateTime } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { ConsortiumActions, MemberRemoval } from './consortium-actions.tsx';
import { InviteMore } from './consortium-invite.tsx';
import { useConsortiumRoom } from './consortia-rooms.ts';
import { useConsortiaText } from './consortia-text.ts';
import { PageStates } from './page-states.tsx';

export function ConsortiumPage({ params }: { params: Record<string, string> }) {
  const consortium = useQuery(trpc.consortia.consortium.queryOptions({ consortiumId: params.id ?? '' }));
  useConsortiumRoom(params.id ?? '', consortium.isSuccess);
  return <PageStates query={consortium}>{(data) => <ConsortiumContent consortium={data} />}</PageStates>;
}

function ConsortiumContent({ consortium }: { consortium: ConsortiumView }) {
  const { c, lang } = useConsortiaText();
  return (
    <article aria-labelledby="consortium-title">
      <p className="breadcrumb">
        <Link to={`/consortia/opportunities/${encodeURIComponent(consortium.opportunity.id)}`}>{c('consortium', { opportunity: consortium.opportunity.title })}</Link>
      </p>
      <PageHeading id="consortium-title" title={consortium.name}>
        {consortium.name}
      </PageHeading>
      <p>
        {c('lead', { organisation: consortium.lead.name })} · {c('counts', { confirmed: consortium.confirmedCount, invited: consortium.invitedCount })} · {c('visibility')}:{' '}
        <strong>{c(`visibility.${consortium.visibility}`)}</strong>
      </p>
      <ConsortiumActions consortium={consortium} />
      <section aria-labelledby="members-heading" className="page-section">
        <h2 id="members-heading">{c('members')}</h2>
        <ul className="plain-list consortium-members" aria-labelledby="members-heading">
          {consortium.members.map((member) => (
            <li key={member.organisation.id}>
              <Link to={`/consortia/profiles/${encodeURIComponent(member.organisation.id)}`}>{member.organisation.name}</Link>
              {member.role === 'lead' ? ` (${c('leadRole')})` : ''}
              {' · '}
              <span className={`badge ${member.status === 'confirmed' ? 'badge-confirmed' : member.status === 'invited' ? 'badge-pending' : ''}`}>{c(`status.${member.status}`)}</span>
              {member.choice ? ` · ${c(`visibility.${member.choice}`)}` : ''}
              {' · '}
              {formatDate(member.decidedAt ?? member.invitedAt, lang)}
              {consortium.viewer.canRemove && member.role !== 'lead' && (member.status === 'invited' || member.status === 'confirmed') && (
                <MemberRemoval consortiumId={consortium.id} organisation={member.organisation} />
              )}
            </li>
          ))}
        </ul>
        {consortium.viewer.canInvite && <InviteMore consortium={consortium} />}
      </section>
      <section aria-labelledby="history-heading" className="page-section">
        <h2 id="history-heading">{c('history')}</h2>
        <ol className="consortium-history" aria-labelledby="history-heading">
          {consortium.history.map((entry, index) => (
            <li key={index}>
              {formatDateTime(entry.at, lang)} · {entry.organisation.name} {c(`action.${entry.action}`)}
              {entry.action === 'visibility-chosen' || entry.action === 'formed' || entry.action === 'confirmed'
                ? `: ${c(entry.detail === 'public' ? 'visibility.public' : 'visibility.buyer')}`
                : entry.detail
                  ? `: ${entry.detail}`
                  : ''}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
