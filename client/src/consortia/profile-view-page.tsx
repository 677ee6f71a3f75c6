// "/consortia/profiles/:id" — an organisation's capability profile: what it does, its competences,
// references and arenas, at the current version or an earlier one (`?version=n`).
import { useQuery } from '@tanstack/react-query';
import type { CapabilityProfileView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { arenaName } from '../arena-names.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { Link, useLocation } from '../router.tsx';
import { useConsortiaText } from './consortia-text.ts';
import { PageStates } from './page-states.tsx';

export function ProfilePage({ params }: { params: Record<string, string> }) {
  const { search } = useLocation();
  const asked = Number(search.get('version'));
  const version = Number.isInteger(asked) && asked >= 1 ? asked : undefined;
  const profile = useQuery(trpc.consortia.profile.queryOptions({ organisationId: params.id ?? '', ...(version ? { version } : {}) }));
  return <PageStates query={profile}>{(data) => <ProfileContent profile={data} />}</PageStates>;
}

function ProfileContent({ profile }: { profile: CapabilityProfileView }) {
  const { c, lang } = useConsortiaText();
  const id = encodeURIComponent(profile.organisation.id);
  return (
    <article aria-labelledby="profile-title">
      <p className="breadcrumb">
        <Link to={`/organisations/${id}`}>{profile.organisation.name}</Link>
      </p>
      <PageHeading id="profile-title" title={c('profileOf', { organisation: profile.organisation.name })}>
        {c('profileOf', { organisation: profile.organisation.name })}
      </PageHeading>
      <p>{c('version', { version: profile.shown.version, date: formatDate(profile.shown.at, lang) })}</p>
      {profile.shown.version !== profile.version && <p className="notice notice-info">{c('olderVersion', { version: profile.shown.version })}</p>}
      {profile.supersededBy && (
        <p className="notice notice-info">
          <Link to={`/consortia/profiles/${encodeURIComponent(profile.supersededBy.id)}`}>{c('profileSuperseded', { organisation: profile.supersededBy.name })}</Link>
        </p>
      )}
      {profile.viewer.canEdit && (
        <p>
          <Link to="/consortia/profile" className="button button-secondary">
            {c('editProfile')}
          </Link>
        </p>
      )}
      <SafeMarkdown source={profile.summary} />
      <h2 id="competences-heading">{c('competences')}</h2>
      <ul aria-labelledby="competences-heading">
        {profile.competences.map((competence) => (
          <li key={competence}>{competence}</li>
        ))}
      </ul>
      <h2 id="arenas-heading">{c('arenas')}</h2>
      <ul aria-labelledby="arenas-heading">
        {profile.arenaIds.map((arenaId) => (
          <li key={arenaId}>
            <Link to={`/arenas/${arenaId}`}>{arenaName(arenaId, lang)}</Link>
          </li>
        ))}
      </ul>
      <h2 id="references-heading">{c('references')}</h2>
      {profile.references.length === 0 ? (
        <p className="empty-state">{c('noReferences')}</p>
      ) : (
        <ul aria-labelledby="references-heading">
          {profile.references.map((reference, index) => (
            <li key={index}>
              {[reference.title, reference.customer, reference.year].filter(Boolean).join(' · ')}
              {reference.description ? <p>{reference.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {profile.mergedProfiles.length > 0 && (
        <>
          <h2 id="merged-heading">{c('mergedProfiles')}</h2>
          <ul className="plain-list" aria-labelledby="merged-heading">
            {profile.mergedProfiles.map((merged) => (
              <li key={merged.id}>
                <Link to={`/consortia/profiles/${encodeURIComponent(merged.id)}`}>{merged.name}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 id="versions-heading">{c('versions')}</h2>
      <ul className="plain-list" aria-labelledby="versions-heading">
        {profile.versions.map((entry) => (
          <li key={entry.version}>
            <Link to={`/consortia/profiles/${id}?version=${entry.version}`} aria-current={entry.version === profile.shown.version ? 'page' : undefined}>
              {c('version', { version: entry.version, date: formatDate(entry.at, lang) })}
            </Link>
          </li>
        ))}
      </ul>
    </article>
  );
}
