// Finding partners for an opportunity by capability: profiles filtered by competence words and
// arena (optionally only those that declared interest), each a link to its profile. The reader's
// organisation chooses among them whom to invite, and forms a consortium it leads.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { formConsortiumInput, type ArenaId, type ConsortiumVisibility, type FindProfilesInput, type OpportunityView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { arenaName, arenaOptions } from '../arena-names.ts';
import { FormAlert, RadioGroup, SelectField, SendButton, TextField } from '../ui/form-fields.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useFormSubmission } from '../ui/use-form-submission.ts';
import { Link, navigate } from '../router.tsx';
import { useConsortiaText } from './consortia-text.ts';

type Chosen = Map<string, string>; // organisation id → name

export function PartnerFinder({ opportunity }: { opportunity: OpportunityView }) {
  const { c, lang } = useConsortiaText();
  const [competence, setCompetence] = useState('');
  const [arenaId, setArenaId] = useState<ArenaId | ''>(opportunity.arenaId);
  const [interestedOnly, setInterestedOnly] = useState(false);
  const [filter, setFilter] = useState<FindProfilesInput>({ competence: '', arenaId: opportunity.arenaId, opportunityId: opportunity.id, interestedOnly: false });
  const [chosen, setChosen] = useState<Chosen>(new Map());
  const profiles = useQuery(trpc.consortia.profiles.queryOptions(filter));
  const own = opportunity.viewer.actsAs?.id;
  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ competence: competence.trim(), ...(arenaId ? { arenaId } : {}), opportunityId: opportunity.id, interestedOnly });
  };
  const toggle = (id: string, name: string, on: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      if (on) next.set(id, name);
      else next.delete(id);
      return next;
    });
  return (
    <>
      <section aria-labelledby="partners-heading" className="page-section">
        <h2 id="partners-heading">{c('findPartners')}</h2>
        <form className="form form-inline" id="partner-search" role="search" aria-labelledby="partners-heading" noValidate onSubmit={search}>
          <TextField formId="partner-search" name="competence" label={c('competence')} hint={c('competenceHint')} value={competence} maxLength={80} onChange={(event) => setCompetence(event.target.value)} />
          <SelectField formId="partner-search" name="arenaId" label={c('arena')} value={arenaId} onChange={(event) => setArenaId(event.target.value as ArenaId | '')}>
            <option value="">{c('anyArena')}</option>
            {arenaOptions(lang).map((arena) => (
              <option key={arena.id} value={arena.id}>
                {arena.name}
              </option>
            ))}
          </SelectField>
          <div className="field checkbox">
            <input type="checkbox" id="partner-search-interested" checked={interestedOnly} onChange={(event) => setInterestedOnly(event.target.checked)} />
            <label htmlFor="partner-search-interested">{c('interestedOnly')}</label>
          </div>
          <button type="submit" className="button button-secondary">
            {c('search')}
          </button>
        </form>
        {profiles.isPending ? (
          <Loading />
        ) : profiles.isError ? (
          <ErrorNotice title={c('loadError')} error={profiles.error} onRetry={() => void profiles.refetch()} />
        ) : profiles.data.length === 0 ? (
          <p className="empty-state" role="status">{c('noPartners')}</p>
        ) : (
          <ul className="plain-list partner-list" aria-label={c('findPartners')}>
            {profiles.data.map((profile) => (
              <li key={profile.organisation.id}>
                <Link to={`/consortia/profiles/${encodeURIComponent(profile.organisation.id)}`}>{profile.organisation.name}</Link>
                {profile.interested ? <span className="badge">{c('interestedTag')}</span> : null}
                <span className="consortia-facts">
                  {' · '}
                  {profile.competences.join(', ')}
                  {' · '}
                  {profile.arenaIds.map((id) => arenaName(id, lang)).join(', ')}
                </span>
                {opportunity.viewer.canFormConsortium && profile.organisation.id !== own && (
                  <span className="checkbox">
                    <input type="checkbox" id={`choose-${profile.organisation.id}`} checked={chosen.has(profile.organisation.id)}
                      onChange={(event) => toggle(profile.organisation.id, profile.organisation.name, event.target.checked)} />
                    <label htmlFor={`choose-${profile.organisation.id}`}>{`${c('invite')} ${profile.organisation.name}`}</label>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {opportunity.viewer.canFormConsortium && <FormConsortium opportunity={opportunity} chosen={chosen} />}
    </>
  );
}

const FORM_ID = 'form-consortium';

function FormConsortium({ opportunity, chosen }: { opportunity: OpportunityView; chosen: Chosen }) {
  const { c, t } = useConsortiaText();
  const [name, setName] = useState('');
  const [visibility, setVisibility] = useState<ConsortiumVisibility>('buyer');
  const form = useFormSubmission({
    formId: FORM_ID,
    fields: ['name', 'visibility', 'invite'],
    schema: formConsortiumInput,
    mutation: trpc.consortia.form.mutationOptions({
      onSuccess: ({ consortiumId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() });
        navigate(`/consortium/${encodeURIComponent(consortiumId)}`);
      },
    }),
  });
  return (
    <section aria-labelledby="form-consortium-heading" className="page-section">
      <h2 id="form-consortium-heading">{c('form')}</h2>
      <form className="form" id={FORM_ID} noValidate aria-labelledby="form-consortium-heading"
        onSubmit={(event) => form.submit(event, { opportunityId: opportunity.id, name, visibility, invite: [...chosen.keys()] })}>
        <FormAlert message={form.formError} />
        <TextField formId={FORM_ID} name="name" label={c('name')} issue={form.errors.name} value={name} maxLength={120} autoComplete="off" onChange={(event) => setName(event.target.value)} />
        <RadioGroup<ConsortiumVisibility> formId={FORM_ID} name="visibility" label={c('visibility')} hint={c('visibilityHint')} issue={form.errors.visibility} value={visibility} onChange={setVisibility}
          options={[
            { value: 'buyer', label: c('visibility.buyer') },
            { value: 'public', label: c('visibility.public') },
          ]} />
        <h3 id="form-consortium-invite">{c('invite')}</h3>
        {chosen.size === 0 ? (
          <p className="field-hint">{c('noneChosen')}</p>
        ) : (
          <ul className="plain-list" aria-labelledby="form-consortium-invite">
            {[...chosen.values()].map((organisation) => (
              <li key={organisation}>{organisation}</li>
            ))}
          </ul>
        )}
        <SendButton pending={form.isPending} label={c('formSubmit')} />
      </form>
    </section>
  );
}
