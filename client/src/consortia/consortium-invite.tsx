// The lead invites more organisations: found by competence among the capability profiles, each
// invited with its own button. Those already in the consortium (invited or confirmed) are not offered.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ConsortiumView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { FormAlert, TextField } from '../ui/form-fields.tsx';
import { Loading } from '../ui/query-states.tsx';
import { useConsortiaText } from './consortia-text.ts';

export function InviteMore({ consortium }: { consortium: ConsortiumView }) {
  const { c, ...i18n } = useConsortiaText();
  const [competence, setCompetence] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const profiles = useQuery({ ...trpc.consortia.profiles.queryOptions({ competence: asked ?? '', opportunityId: consortium.opportunity.id }), enabled: asked !== null });
  const invite = useMutation(trpc.consortia.invite.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.consortia.pathKey() }) }));
  const inside = new Set(consortium.members.filter((member) => member.status === 'invited' || member.status === 'confirmed').map((member) => member.organisation.id));
  const search = (event: FormEvent) => {
    event.preventDefault();
    setAsked(competence.trim());
  };
  const offered = (profiles.data ?? []).filter((profile) => !inside.has(profile.organisation.id));
  return (
    <div className="consortium-invite">
      <h3 id="invite-more-heading">{c('inviteMore')}</h3>
      <form className="form form-inline" id="invite-more" role="search" aria-labelledby="invite-more-heading" noValidate onSubmit={search}>
        <TextField formId="invite-more" name="competence" label={c('competence')} hint={c('competenceHint')} value={competence} maxLength={80} onChange={(event) => setCompetence(event.target.value)} />
        <button type="submit" className="button button-secondary">
          {c('search')}
        </button>
      </form>
      <FormAlert message={invite.error ? describeError(invite.error, i18n) : null} />
      {asked !== null &&
        (profiles.isPending ? (
          <Loading />
        ) : offered.length === 0 ? (
          <p className="empty-state" role="status">{c('noPartners')}</p>
        ) : (
          <ul className="plain-list" aria-labelledby="invite-more-heading">
            {offered.map((profile) => (
              <li key={profile.organisation.id}>
                {profile.organisation.name} · {profile.competences.join(', ')}{' '}
                <button type="button" className="button button-secondary button-small" disabled={invite.isPending}
                  onClick={() => invite.mutate({ consortiumId: consortium.id, organisationIds: [profile.organisation.id] })}>
                  {`${c('invite')} ${profile.organisation.name}`}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
