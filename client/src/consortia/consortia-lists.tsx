// Opportunities and consortia as lists, shared by the arena section, an opportunity's page and the
// organisation's own overview. Each consortium says how many have confirmed and how many are only
// invited: an invitation is never counted as a member.
import type { ConsortiumSummary, OpportunitySummary } from '@dialogforum/contracts';
import { formatDate } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { useConsortiaText } from './consortia-text.ts';

export function OpportunityList({ opportunities, labelledBy, empty }: { opportunities: OpportunitySummary[]; labelledBy: string; empty: string }) {
  const { c, lang } = useConsortiaText();
  if (opportunities.length === 0) return <p className="empty-state">{empty}</p>;
  return (
    <ul className="plain-list" aria-labelledby={labelledBy}>
      {opportunities.map((opportunity) => (
        <li key={opportunity.id}>
          <Link to={`/consortia/opportunities/${encodeURIComponent(opportunity.id)}`}>{opportunity.title}</Link>
          <span className="consortia-facts">
            {' · '}
            {opportunity.facility ? c('facility', { facility: opportunity.facility }) : c('fromDialogue')}
            {opportunity.expectedAt ? ` · ${c('expected', { date: formatDate(opportunity.expectedAt, lang) })}` : ''}
            {' · '}
            {c('interestedCount', { count: opportunity.interestedCount })}
            {opportunity.withdrawal ? ` · ${c('withdrawnMark')}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ConsortiumList({ consortia, labelledBy, empty, status }: { consortia: ConsortiumSummary[]; labelledBy: string; empty: string; status?: (id: string) => string | null }) {
  const { c } = useConsortiaText();
  if (consortia.length === 0) return <p className="empty-state">{empty}</p>;
  return (
    <ul className="plain-list" aria-labelledby={labelledBy}>
      {consortia.map((consortium) => (
        <li key={consortium.id}>
          <Link to={`/consortium/${encodeURIComponent(consortium.id)}`}>{consortium.name}</Link>
          <span className="consortia-facts">
            {' · '}
            {c('lead', { organisation: consortium.lead.name })}
            {' · '}
            {c('counts', { confirmed: consortium.confirmedCount, invited: consortium.invitedCount })}
            {' · '}
            {c(`visibility.${consortium.visibility}`)}
            {status?.(consortium.id) ? ` · ${status(consortium.id)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
