// Finding an organisation by name or number, to ask to join it (an owner decides): on the
// organisations page and on "find your organisation or create one".
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { OrganisationSummary } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { JoinRequestButton } from './join-request-button.tsx';
import { OrganisationFacts } from './organisation-badges.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';

/** Search by name or number, kept in the URL of `basePath` (so it survives back and forward). */
export function FindOrganisations({ signedIn, basePath = '/organisations' }: { signedIn: boolean; basePath?: string }) {
  const { t, plural } = useI18n();
  const { search } = useLocation();
  const q = (search.get('q') ?? '').trim().slice(0, 100);
  const [draft, setDraft] = useState(q);
  // Back/forward change the terms in the URL: show them in the box too.
  useEffect(() => setDraft(q), [q]);
  const found = useQuery({ ...trpc.organisations.find.queryOptions({ q }), enabled: q.length > 0 });
  const mine = useQuery({ ...trpc.organisations.mine.queryOptions(), enabled: signedIn });
  const roleIn = new Map((mine.data ?? []).map((organisation) => [organisation.id, organisation.role]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const terms = draft.trim();
    navigate(terms ? `${basePath}?q=${encodeURIComponent(terms)}` : basePath);
  };

  let results;
  if (!q) results = null;
  else if (found.isPending) results = <Loading />;
  else if (found.isError) {
    results = <ErrorNotice title={t('organisations.findError')} error={found.error} onRetry={() => void found.refetch()} />;
  } else {
    results = (
      <>
        <p role="status" className="result-count">
          {found.data.length === 0 ? t('organisations.findNone', { q }) : plural('organisations.findCount', found.data.length, { q })}
        </p>
        {found.data.length > 0 && (
          <ul className="card-list" aria-label={t('organisations.findResults')}>
            {found.data.map((organisation) => (
              <li key={organisation.id}>
                <FoundOrganisation organisation={organisation} role={roleIn.get(organisation.id) ?? null} signedIn={signedIn} />
              </li>
            ))}
          </ul>
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="find-organisations-heading" className="page-section">
      <h2 id="find-organisations-heading">{t('organisations.find')}</h2>
      <p className="section-intro">{t('organisations.findIntro')}</p>
      <form role="search" className="search-form" onSubmit={submit} aria-labelledby="find-organisations-heading">
        <label htmlFor="find-organisations-q">{t('organisations.findField')}</label>
        <div className="search-row">
          <input
            id="find-organisations-q"
            type="search"
            name="q"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            maxLength={100}
            autoComplete="off"
          />
          <button type="submit" className="button">
            {t('organisations.findSubmit')}
          </button>
        </div>
      </form>
      {results}
    </section>
  );
}

function FoundOrganisation({
  organisation,
  role,
  signedIn,
}: {
  organisation: OrganisationSummary;
  role: 'owner' | 'member' | null;
  signedIn: boolean;
}) {
  const { t } = useI18n();
  const headingId = `found-${organisation.id}`;
  return (
    <article className="card organisation-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <Link to={`/organisations/${encodeURIComponent(organisation.id)}`}>{organisation.name}</Link>
      </h3>
      <OrganisationFacts organisation={organisation} className="meta" />
      {role ? (
        <p className="card-note">{t(role === 'owner' ? 'organisations.youAreOwner' : 'organisations.youAreMember')}</p>
      ) : signedIn ? (
        <JoinRequestButton organisationId={organisation.id} name={organisation.name} />
      ) : null}
    </article>
  );
}

