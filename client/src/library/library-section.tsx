// An arena's library: current items newest first, filtered by kind, audience and language (the
// filters live in the URL, so a filtered list can be linked), with the withdrawn ones a click away.
import { useInfiniteQuery } from '@tanstack/react-query';
import { AUDIENCES, LANGUAGES, LIBRARY_KINDS, type ArenaId, type Audience, type Language, type LibraryKind } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { LibraryCard } from './library-card.tsx';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((candidate) => candidate === value);

export function LibrarySection({ arenaId, canPublish }: { arenaId: ArenaId; canPublish: boolean }) {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const kind = oneOf<LibraryKind>(LIBRARY_KINDS, search.get('kind'));
  const audience = oneOf<Audience>(AUDIENCES, search.get('audience'));
  const language = oneOf<Language>(LANGUAGES, search.get('language'));
  const withdrawn = search.get('withdrawn') === '1';
  const filters = { arenaId, withdrawn, ...(kind ? { kind } : {}), ...(audience ? { audience } : {}), ...(language ? { language } : {}) };
  const items = useInfiniteQuery(
    trpc.library.list.infiniteQueryOptions(filters, { getNextPageParam: (page) => page.next }),
  );
  const choose = (name: string, value: string) => {
    const params = new URLSearchParams(search);
    if (value) params.set(name, value);
    else params.delete(name);
    const query = params.toString();
    navigate(`${pathname}${query ? `?${query}` : ''}#library-heading`, { replace: true });
  };
  const all = items.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="library-heading" className="page-section">
      <h2 id="library-heading">{t('library.title')}</h2>
      <p>{t('library.intro')}</p>
      {canPublish && (
        <p>
          <Link to={`/library/new?arena=${encodeURIComponent(arenaId)}`} className="button">
            {t('library.publish')}
          </Link>
        </p>
      )}
      <div className="toolbar" role="group" aria-label={t('library.filters')}>
        <Filter id="library-kind" label={t('library.kind')} value={kind ?? ''} onChange={(value) => choose('kind', value)}
          options={LIBRARY_KINDS.map((value) => [value, t(`library.kind.${value}`)])} />
        <Filter id="library-audience" label={t('library.audience')} value={audience ?? ''} onChange={(value) => choose('audience', value)}
          options={AUDIENCES.map((value) => [value, t(`library.audience.${value}`)])} />
        <Filter id="library-language" label={t('library.language')} value={language ?? ''} onChange={(value) => choose('language', value)}
          options={LANGUAGES.map((value) => [value, t(`library.language.${value}`)])} />
        <Link to={`${pathname}?${withdrawnToggle(search, !withdrawn)}#library-heading`}>{withdrawn ? t('library.showCurrent') : t('library.showWithdrawn')}</Link>
      </div>
      {items.isPending ? (
        <Loading />
      ) : items.isError ? (
        <ErrorNotice title={t('library.loadError')} error={items.error} onRetry={() => void items.refetch()} />
      ) : all.length === 0 ? (
        <p className="empty-state" role="status">
          {withdrawn ? t('library.noneWithdrawn') : kind || audience || language ? t('library.noneMatching') : t('library.empty')}
        </p>
      ) : (
        <>
          <ul className="card-list" aria-label={t('library.title')}>
            {all.map((item) => (
              <LibraryCard key={item.id} item={item} />
            ))}
          </ul>
          {items.hasNextPage && (
            <button type="button" className="button button-secondary" onClick={() => void items.fetchNextPage()} aria-disabled={items.isFetchingNextPage}>
              {items.isFetchingNextPage ? t('common.loading') : t('library.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function withdrawnToggle(search: URLSearchParams, withdrawn: boolean): string {
  const params = new URLSearchParams(search);
  if (withdrawn) params.set('withdrawn', '1');
  else params.delete('withdrawn');
  return params.toString();
}

function Filter({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: [string, string][]; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('library.any')}</option>
        {options.map(([option, name]) => (
          <option key={option} value={option}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
