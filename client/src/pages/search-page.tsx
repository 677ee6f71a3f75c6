// "/search?q=" — full-text search over dialogues, questions and answers. The terms live in the URL,
// so results can be linked and back/forward work. Snippets are shown as plain text.
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { HighlightedText, SearchResultView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { PageHeading } from '../components/page-heading.tsx';
import { ErrorNotice, Loading } from '../components/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';

const LIMIT = 20;

export function SearchPage() {
  const { t, plural } = useI18n();
  const { search } = useLocation();
  const q = (search.get('q') ?? '').trim().slice(0, 200);
  const [draft, setDraft] = useState(q);
  // Back/forward change the terms in the URL: show them in the box too.
  useEffect(() => setDraft(q), [q]);
  const results = useQuery({ ...trpc.search.query.queryOptions({ q, limit: LIMIT }), enabled: q.length > 0 });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const terms = draft.trim();
    navigate(terms ? `/search?q=${encodeURIComponent(terms)}` : '/search');
  };

  let body;
  if (!q) body = <p className="empty-state">{t('search.prompt')}</p>;
  else if (results.isPending) body = <Loading />;
  else if (results.isError) {
    body = <ErrorNotice title={t('search.loadError')} error={results.error} onRetry={() => void results.refetch()} />;
  } else if (results.data.hits.length === 0) {
    body = (
      <p className="empty-state" role="status">
        {t('search.noResults', { q })}
      </p>
    );
  } else {
    const { hits, total } = results.data;
    body = (
      <section aria-labelledby="search-results-heading">
        <div role="status">
          <h2 id="search-results-heading">{plural('search.results', total, { q })}</h2>
        </div>
        {total > hits.length && <p>{t('search.showing', { shown: hits.length })}</p>}
        <ol className="card-list search-results" aria-label={t('search.resultsLabel')}>
          {hits.map((hit) => (
            <li key={`${hit.kind}-${hit.id}`}>
              <SearchHit hit={hit} />
            </li>
          ))}
        </ol>
      </section>
    );
  }

  return (
    <>
      <div className="page-intro">
        <PageHeading title={q ? `${t('search.title')}: ${q}` : t('search.title')}>{t('search.title')}</PageHeading>
        <p>{t('search.intro')}</p>
      </div>
      <form role="search" className="search-form" onSubmit={submit}>
        <label htmlFor="search-q">{t('search.field')}</label>
        <div className="search-row">
          <input
            id="search-q"
            type="search"
            name="q"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            maxLength={200}
          />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
      </form>
      {body}
    </>
  );
}

function Highlighted({ text }: { text: HighlightedText }) {
  return (
    <>
      {text.map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : piece.text))}
    </>
  );
}

function SearchHit({ hit }: { hit: SearchResultView }) {
  const { t } = useI18n();
  const href = `/dialogues/${encodeURIComponent(hit.dialogueId)}${hit.threadId ? `#thread-${hit.threadId}` : ''}`;
  return (
    <article className="card search-hit">
      <p className="badge">{t(`search.kind.${hit.kind}`)}</p>
      <h3 className="card-title">
        <Link to={href}>
          <Highlighted text={hit.title} />
        </Link>
      </h3>
      {hit.snippet.length > 0 && (
        <p className="snippet">
          <Highlighted text={hit.snippet} />
        </p>
      )}
    </article>
  );
}
