// One library item in a list: its title (a link), what kind of material it is, for whom, in which
// language, who published it and when.
import type { LibraryItemSummary } from '@dialogforum/contracts';
import { formatDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

export function LibraryCard({ item }: { item: LibraryItemSummary }) {
  const { t, lang } = useI18n();
  const headingId = `library-${item.id}-title`;
  return (
    <li>
      <article className="card" aria-labelledby={headingId}>
        <h3 id={headingId} className="card-title" lang={item.language === lang ? undefined : item.language}>
          <Link to={`/library/${encodeURIComponent(item.id)}`}>{item.title}</Link>
        </h3>
        {item.summary && <p lang={item.language === lang ? undefined : item.language}>{item.summary}</p>}
        <LibraryFacts item={item} />
      </article>
    </li>
  );
}

export function LibraryFacts({ item }: { item: LibraryItemSummary }) {
  const { t, lang } = useI18n();
  return (
    <dl className="meta">
      <div>
        <dt>{t('library.kind')}</dt>
        <dd>{t(`library.kind.${item.kind}`)}</dd>
      </div>
      <div>
        <dt>{t('library.audience')}</dt>
        <dd>{item.audiences.map((audience) => t(`library.audience.${audience}`)).join(', ')}</dd>
      </div>
      <div>
        <dt>{t('library.language')}</dt>
        <dd>{t(`library.language.${item.language}`)}</dd>
      </div>
      <div>
        <dt>{t('library.publisher')}</dt>
        <dd>{item.publisher ? <Link to={`/organisations/${encodeURIComponent(item.publisher.id)}`}>{item.publisher.name}</Link> : t('library.platform')}</dd>
      </div>
      <div>
        <dt>{t('library.updated')}</dt>
        <dd>
          <time dateTime={item.updatedAt}>{formatDate(item.updatedAt, lang)}</time> ({t('library.versionNumber', { version: item.version })})
        </dd>
      </div>
      {item.withdrawal && (
        <div>
          <dt>{t('library.withdrawnAt')}</dt>
          <dd>
            <time dateTime={item.withdrawal.at}>{formatDate(item.withdrawal.at, lang)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}
