// "/consortia/profile" — the admin of a supplier or research organisation keeps its capability
// profile: each save is a new version. Competences are typed one per line, references as
// "assignment; customer; year". Checked with the server's own schema before sending.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { saveCapabilityProfileInput, type ArenaId, type CapabilityProfileView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { arenaOptions } from '../arena-names.ts';
import { CheckboxGroup } from '../ui/checkbox-group.tsx';
import { FormAlert, SendButton, TextArea } from '../ui/form-fields.tsx';
import { LoginNotice } from '../ui/login-notice.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { navigate } from '../router.tsx';
import { useConsortiaText } from './consortia-text.ts';

export function ProfileEditPage() {
  const { c } = useConsortiaText();
  const mine = useQuery(trpc.consortia.mine.queryOptions());
  const organisationId = mine.data?.actsAs?.id ?? '';
  const current = useQuery({ ...trpc.consortia.profile.queryOptions({ organisationId }), enabled: Boolean(mine.data?.profile), retry: false });
  let content;
  if (mine.isPending || (mine.data?.profile && current.isPending)) content = <Loading />;
  else if (!mine.data?.actsAs) content = <LoginNotice message={c('actAsAdmin')} returnTo="/consortia/profile" />;
  else if (!mine.data.canAct) content = <p className="notice notice-info">{c('actAsAdmin')}</p>;
  else content = <ProfileForm organisationId={organisationId} current={current.data ?? null} />;
  return (
    <>
      <PageHeading>{mine.data?.actsAs ? c('profileOf', { organisation: mine.data.actsAs.name }) : c('profile')}</PageHeading>
      {content}
    </>
  );
}

const FORM_ID = 'capability-profile';

/** "Magneter; ESS; 2022" → a reference; a year that is not a number is left out. */
function parseReference(line: string) {
  const [title = '', customer = '', year = ''] = line.split(';').map((part) => part.trim());
  const asNumber = Number(year);
  return { title, customer, year: year && Number.isInteger(asNumber) ? asNumber : null, description: '' };
}

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

function ProfileForm({ organisationId, current }: { organisationId: string; current: CapabilityProfileView | null }) {
  const { c, t, lang } = useConsortiaText();
  const [summary, setSummary] = useState(current?.summary ?? '');
  const [competences, setCompetences] = useState(current?.competences.join('\n') ?? '');
  const [references, setReferences] = useState(current?.references.map((reference) => [reference.title, reference.customer, reference.year ?? ''].join('; ')).join('\n') ?? '');
  const [arenaIds, setArenaIds] = useState<ArenaId[]>(current?.arenaIds ?? []);
  const form = useFormSubmission({
    formId: FORM_ID,
    fields: ['summary', 'competences', 'references', 'arenaIds'],
    schema: saveCapabilityProfileInput,
    mutation: trpc.consortia.saveProfile.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });
        navigate(`/consortia/profiles/${encodeURIComponent(organisationId)}`);
      },
    }),
  });
  return (
    <form className="form" id={FORM_ID} noValidate aria-label={c('profile')}
      onSubmit={(event) => form.submit(event, { summary, competences: lines(competences), references: lines(references).map(parseReference), arenaIds })}>
      <FormAlert message={form.formError} />
      <TextArea formId={FORM_ID} name="summary" label={c('summary')} issue={form.errors.summary} value={summary} maxLength={8000} onChange={(event) => setSummary(event.target.value)} />
      <TextArea formId={FORM_ID} name="competences" label={c('competences')} hint={c('competencesHint')} issue={form.errors.competences} value={competences} rows={5} onChange={(event) => setCompetences(event.target.value)} />
      <TextArea formId={FORM_ID} name="references" label={c('references')} hint={c('referencesHint')} issue={form.errors.references} value={references} rows={4} onChange={(event) => setReferences(event.target.value)} />
      <CheckboxGroup<ArenaId> formId={FORM_ID} name="arenaIds" label={c('arenas')} issue={form.errors.arenaIds} values={arenaIds} onChange={setArenaIds}
        options={arenaOptions(lang).map((arena) => ({ value: arena.id, label: arena.name }))} />
      <SendButton pending={form.isPending} label={c('save')} />
    </form>
  );
}
