// "/search?q=…" — search over everything the reader may see, with filters and their counts, sort
// and pages. The whole search lives in the URL (search-url.ts), so results can be linked and
// back/forward work. The count of results is announced politely to screen readers.
import { useEffect, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchInput } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { SaveSearch } from '../saved-searches/save-search-form.tsx';
import { SearchFilters } from './search-filters.tsx';
import { SearchResult } from './search-result.tsx';
import { SEARCH_PAGE_SIZE, searchFromUrl, searchUrl } from './search-url.ts';

export function SearchPage() {
  const { t, plural } = useI18n();
  const { search: params } = useLocation();
  const search = searchFromUrl(params);
  const { q } = search;
  const [draft, setDraft] = useState(q);
  // Back/forward change the terms in the URL: show them in the box too.
  useEffect(() => setDraft(q), [q]);
  const results = useQuery({
    ...trpc.search.query.queryOptions({ ...search, limit: SEARCH_PAGE_SIZE, facets: true }),
    enabled: q.length > 0,
    // Changing a filter keeps the old results on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const filtered = Object.keys(search).some((key) => !['q', 'sort', 'page'].includes(key));
  // What a saved search keeps: the words and filters, not the order or the page.
  const { sort: _sort, page: _page, ...query } = search;
  const change = (next: SearchInput) => navigate(searchUrl(next));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const terms = draft.trim();
    navigate(terms ? searchUrl({ ...search, q: terms, page: 1 }) : '/search');
  };

  let body;
  if (!q) body = <p className="empty-state">{t('search.prompt')}</p>;
  else if (results.isPending) body = <Loading />;
  else if (results.isError) {
    body = <ErrorNotice title={t('search.loadError')} error={results.error} onRetry={() => void results.refetch()} />;
  } else {
    const { hits, total, page, pageCount, facets } = results.data;
    body = (
      <div className="search-layout">
        {facets && <SearchFilters search={search} facets={facets} onChange={change} />}
        <section aria-labelledby="search-results-heading" className="search-results-section">
          <div role="status" aria-live="polite">
            <h2 id="search-results-heading">{total === 0 ? t('search.noResults', { q }) : plural('search.results', total, { q })}</h2>
          </div>
          {total === 0 && (
            <p className="empty-state">
              {filtered ? (
                <>
                  {t('search.noResultsFiltered')} <Link to={searchUrl({ q })}>{t('search.clearFilters')}</Link>
                </>
              ) : (
                t('search.noResultsHelp')
              )}
            </p>
          )}
          {total > 0 && (
            <label className="search-sort">
              {t('search.sort')}{' '}
              <select value={search.sort ?? 'relevance'} onChange={(event) => change({ ...search, sort: event.target.value as 'relevance' | 'newest', page: 1 })}>
                <option value="relevance">{t('search.sort.relevance')}</option>
                <option value="newest">{t('search.sort.newest')}</option>
              </select>
            </label>
          )}
          <ol className="card-list search-results" aria-label={t('search.resultsLabel')}>
            {hits.map((hit) => (
              <li key={hit.id}>
                <SearchResult hit={hit} />
              </li>
            ))}
          </ol>
          {pageCount > 1 && (
            <nav className="pagination" aria-label={t('search.pages')}>
              {page > 1 && <Link to={searchUrl({ ...search, page: page - 1 })}>{t('search.previous')}</Link>}
              <span>{t('search.pageOf', { page, pages: pageCount })}</span>
              {page < pageCount && page < 100 && <Link to={searchUrl({ ...search, page: page + 1 })}>{t('search.next')}</Link>}
            </nav>
          )}
        </section>
      </div>
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
          <input id="search-q" type="search" name="q" value={draft} onChange={(event) => setDraft(event.target.value)} maxLength={200} />
          <button type="submit" className="button">
            {t('search.submit')}
          </button>
        </div>
      </form>
      {q && <SaveSearch key={params.toString()} query={query} returnTo={searchUrl(search)} />}
      {body}
    </>
  );
}
