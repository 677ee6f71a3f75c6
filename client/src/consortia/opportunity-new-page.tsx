// "/consortia/opportunities/new" — a verified buyer or a moderator publishes a research facility's
// upcoming procurement (`?arena=` picks the arena beforehand; Big Science otherwise).
import { publishOpportunityInput } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { isArenaId } from '../arena-names.ts';
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { navigate, useLocation } from '../router.tsx';
import { useMe } from '../session.ts';
import { useConsortiaText } from './consortia-text.ts';
import { OpportunityForm } from './opportunity-form.tsx';

export function OpportunityNewPage() {
  const { c } = useConsortiaText();
  const me = useMe();
  const mayPublish = me.data && me.data.emailVerified && ((me.data.organisation?.kind === 'buyer' && me.data.organisation.verified) || me.data.platformRole === 'moderator' || me.data.platformRole === 'admin');
  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={c('onlyBuyers')} returnTo="/consortia/opportunities/new" />;
  else if (!mayPublish) content = <p className="notice notice-info">{c('onlyBuyers')}</p>;
  else content = <NewOpportunityForm />;
  return (
    <>
      <div className="page-intro">
        <PageHeading>{c('newTitle')}</PageHeading>
        <p>{c('newIntro')}</p>
      </div>
      {content}
    </>
  );
}

function NewOpportunityForm() {
  const { c } = useConsortiaText();
  const preset = useLocation().search.get('arena');
  return (
    <OpportunityForm
      formId="opportunity"
      initial={{ title: '', facility: '', description: '', expectedAt: '', arenaId: isArenaId(preset) ? preset : 'big-science', note: '' }}
      withNote={false}
      schema={publishOpportunityInput}
      mutation={trpc.consortia.publishOpportunity.mutationOptions({
        onSuccess: ({ opportunityId }) => {
          void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });
          navigate(`/consortia/opportunities/${encodeURIComponent(opportunityId)}`);
        },
      })}
      toInput={(fields) => fields}
      submitLabel={c('oppSubmit')}
    />
  );
}
