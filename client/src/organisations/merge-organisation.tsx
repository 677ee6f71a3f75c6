// A moderator merges a duplicate into the organisation it duplicates: searched by name or number,
// only organisations of the same kind offered, and asked once more in place. Afterwards the page
// of the organisation it was merged into opens, where its members and dialogues now are.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { OrganisationView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { OrgNumber } from './organisation-badges.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';

export function MergeOrganisation({ organisation }: { organisation: OrganisationView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [q, setQ] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const found = useQuery({ ...trpc.organisations.find.queryOptions({ q: searched ?? '' }), enabled: searched !== null });
  const candidates = (found.data ?? []).filter((candidate) => candidate.id !== organisation.id && candidate.kind === organisation.kind);
  const merge = useMutation(
    trpc.organisations.merge.mutationOptions({
      onSuccess: async (_result, { intoOrganisationId }) => {
        const into = candidates.find((candidate) => candidate.id === intoOrganisationId);
        await queryClient.invalidateQueries({ queryKey: trpc.organisations.pathKey() });
        announce(t('organisation.merged', { duplicate: organisation.name, name: into?.name ?? '' }));
        navigate(`/organisations/${encodeURIComponent(intoOrganisationId)}`);
      },
    }),
  );
  const search = (event: FormEvent) => {
    event.preventDefault();
    setSearched(q.trim());
  };
  return (
    <section aria-labelledby="merge-heading" className="page-section moderator-panel">
      <h2 id="merge-heading">{t('organisation.mergeTitle')}</h2>
      <p className="section-intro">{t('organisation.mergeIntro')}</p>
      <form className="form form-inline" role="search" onSubmit={search}>
        <div className="field">
          <label htmlFor="merge-q">{t('organisation.mergeSearch')}</label>
          <input id="merge-q" type="search" value={q} onChange={(event) => setQ(event.target.value)} maxLength={100} />
        </div>
        <button type="submit" className="button button-secondary">
          {t('organisation.mergeSearchSubmit')}
        </button>
      </form>
      {searched !== null && found.isSuccess && (
        candidates.length === 0 ? (
          <p role="status">{t('organisation.mergeNoResults')}</p>
        ) : (
          <ul className="candidate-list" aria-label={t('organisation.mergeCandidates')}>
            {candidates.map((candidate) => (
              <li key={candidate.id}>
                <span>
                  {candidate.name} <OrgNumber digits={candidate.orgNumber} />
                </span>
                <ConfirmAction
                  label={t('organisation.mergeInto', { name: candidate.name })}
                  question={t('organisation.mergeConfirm', { duplicate: organisation.name, name: candidate.name })}
                  confirmLabel={t('organisation.mergeYes')}
                  onConfirm={() => merge.mutate({ organisationId: organisation.id, intoOrganisationId: candidate.id })}
                  pending={merge.isPending}
                />
              </li>
            ))}
          </ul>
        )
      )}
      <InlineError error={merge.error} />
    </section>
  );
}
