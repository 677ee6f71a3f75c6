// "/consortia/opportunities/:id" — an opportunity: what is to be procured, who has declared
// interest, finding partners by capability, the consortia the reader may see, and forming one.
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { OpportunityView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { arenaName } from '../arena-names.ts';
import { FormAlert, TextField } from '../ui/form-fields.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { ConsortiumList } from './consortia-lists.tsx';
import { useOpportunityRoom } from './consortia-rooms.ts';
import { useConsortiaText } from './consortia-text.ts';
import { PageStates } from './page-states.tsx';
import { OpportunityManage } from './opportunity-manage.tsx';
import { OpportunityRevisions } from './opportunity-revisions.tsx';
import { PartnerFinder } from './partner-finder.tsx';

export function OpportunityPage({ params }: { params: Record<string, string> }) {
  const opportunity = useQuery(trpc.consortia.opportunity.queryOptions({ opportunityId: params.id ?? '' }));
  useOpportunityRoom(params.id ?? '', opportunity.isSuccess);
  return <PageStates query={opportunity}>{(data) => <OpportunityContent opportunity={data} />}</PageStates>;
}

function OpportunityContent({ opportunity }: { opportunity: OpportunityView }) {
  const { c, lang } = useConsortiaText();
  return (
    <article aria-labelledby="opportunity-title">
      <p className="breadcrumb">
        <Link to={`/arenas/${opportunity.arenaId}#consortia-heading`}>{arenaName(opportunity.arenaId, lang)}</Link>
      </p>
      <PageHeading id="opportunity-title" title={opportunity.title}>
        {opportunity.title}
      </PageHeading>
      <p>
        {opportunity.facility ? c('facility', { facility: opportunity.facility }) : <Link to={`/dialogues/${encodeURIComponent(opportunity.dialogueId ?? '')}`}>{c('dialogueLink')}</Link>}
        {opportunity.expectedAt ? ` · ${c('expected', { date: formatDate(opportunity.expectedAt, lang) })}` : ''}
      </p>
      {opportunity.withdrawal && (
        <div className="notice notice-warning" role="note" aria-labelledby="opportunity-withdrawn-heading">
          <h2 id="opportunity-withdrawn-heading" className="notice-heading">
            {c('withdrawnTitle', { date: formatDate(opportunity.withdrawal.at, lang) })}
          </h2>
          <p>{opportunity.withdrawal.reason}</p>
        </div>
      )}
      {opportunity.version > 1 && (
        <p>
          <a href="#opportunity-revisions-heading">{c('revised', { version: opportunity.version })}</a>
        </p>
      )}
      <OpportunityManage opportunity={opportunity} />
      <SafeMarkdown source={opportunity.description} />
      <Interest opportunity={opportunity} />
      <PartnerFinder opportunity={opportunity} />
      <section aria-labelledby="opportunity-consortia-heading" className="page-section">
        <h2 id="opportunity-consortia-heading">{c('consortia')}</h2>
        <ConsortiumList consortia={opportunity.consortia} labelledBy="opportunity-consortia-heading" empty={c('consortiaNone')} />
      </section>
      <OpportunityRevisions opportunity={opportunity} />
    </article>
  );
}

function Interest({ opportunity }: { opportunity: OpportunityView }) {
  const { c, ...i18n } = useConsortiaText();
  const [note, setNote] = useState('');
  const actsAs = opportunity.viewer.actsAs;
  const declare = useMutation(
    trpc.consortia.declareInterest.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() }) }),
  );
  return (
    <section aria-labelledby="interest-heading" className="page-section">
      <h2 id="interest-heading">{c('interest')}</h2>
      {opportunity.interested.length === 0 ? (
        <p className="empty-state">{c('interestNone')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby="interest-heading">
          {opportunity.interested.map((entry) => (
            <li key={entry.organisation.id}>
              <Link to={`/consortia/profiles/${encodeURIComponent(entry.organisation.id)}`}>{entry.organisation.name}</Link>
              {entry.note ? ` · ${entry.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      <FormAlert message={declare.error ? describeError(declare.error, i18n) : null} />
      {!actsAs ? (
        <p className="notice notice-info">{c('actAsAdmin')}</p>
      ) : opportunity.viewer.interested ? (
        <p>
          {c('youAreInterested', { organisation: actsAs.name })}{' '}
          <button type="button" className="button button-secondary" disabled={declare.isPending}
            onClick={() => declare.mutate({ opportunityId: opportunity.id, interested: false })}>
            {c('undeclare')}
          </button>
        </p>
      ) : !opportunity.viewer.canDeclareInterest ? null : (
        <form className="form" id="interest-form" noValidate
          onSubmit={(event) => {
            event.preventDefault();
            declare.mutate({ opportunityId: opportunity.id, interested: true, note: note.trim() });
          }}>
          <TextField formId="interest-form" name="note" label={c('interestNote')} value={note} maxLength={300} onChange={(event) => setNote(event.target.value)} />
          <button type="submit" className="button" disabled={declare.isPending}>
            {c('declare', { organisation: actsAs.name })}
          </button>
        </form>
      )}
    </section>
  );
}
