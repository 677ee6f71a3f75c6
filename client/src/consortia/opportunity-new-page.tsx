// "/consortia/opportunities/new" — a verified buyer or a moderator publishes a research facility's
// upcoming procurement (`?arena=` picks the arena beforehand; Big Science otherwise).
import { useState } from 'react';
import { publishOpportunityInput, type ArenaId } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { arenaOptions, isArenaId } from '../arena-names.ts';
import { FormAlert, SelectField, TextArea, TextField } from '../ui/form-fields.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { navigate, useLocation } from '../router.tsx';
import { useMe } from '../session.ts';
import { useConsortiaText } from './consortia-text.ts';

export function OpportunityNewPage() {
  const { c } = useConsortiaText();
  const me = useMe();
  const mayPublish = me.data && me.data.emailVerified && ((me.data.organisation?.kind === 'buyer' && me.data.organisation.verified) || me.data.platformRole === 'moderator' || me.data.platformRole === 'admin');
  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={c('onlyBuyers')} returnTo="/consortia/opportunities/new" />;
  else if (!mayPublish) content = <p className="notice notice-info">{c('onlyBuyers')}</p>;
  else content = <OpportunityForm />;
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

const FORM_ID = 'opportunity';

function OpportunityForm() {
  const { c, t, lang } = useConsortiaText();
  const { search } = useLocation();
  const preset = search.get('arena');
  const [values, setValues] = useState({ title: '', facility: '', description: '', expectedAt: '' });
  const [arenaId, setArenaId] = useState<ArenaId>(isArenaId(preset) ? preset : 'big-science');
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [name]: event.target.value }));
  const form = useFormSubmission({
    formId: FORM_ID,
    fields: ['title', 'facility', 'arenaId', 'expectedAt', 'description'],
    schema: publishOpportunityInput,
    mutation: trpc.consortia.publishOpportunity.mutationOptions({
      onSuccess: ({ opportunityId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });
        navigate(`/consortia/opportunities/${encodeURIComponent(opportunityId)}`);
      },
    }),
  });
  return (
    <form className="form" id={FORM_ID} noValidate aria-label={c('newTitle')}
      onSubmit={(event) => form.submit(event, { ...values, arenaId, expectedAt: values.expectedAt || null })}>
      <FormAlert message={form.formError} />
      <TextField formId={FORM_ID} name="title" label={c('oppTitle')} issue={form.errors.title} value={values.title} maxLength={200} autoComplete="off" onChange={set('title')} />
      <TextField formId={FORM_ID} name="facility" label={c('oppFacility')} issue={form.errors.facility} value={values.facility} maxLength={120} onChange={set('facility')} />
      <SelectField formId={FORM_ID} name="arenaId" label={c('arena')} issue={form.errors.arenaId} value={arenaId} onChange={(event) => setArenaId(event.target.value as ArenaId)}>
        {arenaOptions(lang).map((arena) => (
          <option key={arena.id} value={arena.id}>
            {arena.name}
          </option>
        ))}
      </SelectField>
      <TextField formId={FORM_ID} name="expectedAt" type="date" label={c('oppExpected')} issue={form.errors.expectedAt} value={values.expectedAt} onChange={set('expectedAt')} />
      <TextArea formId={FORM_ID} name="description" label={c('oppDescription')} issue={form.errors.description} value={values.description} maxLength={20000} onChange={set('description')} />
      <button type="submit" className="button" disabled={form.isPending}>
        {form.isPending ? t('common.sending') : c('oppSubmit')}
      </button>
    </form>
  );
}
