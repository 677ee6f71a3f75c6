// One search result: what it is, where it was said (dialogue, buyers, arena, phase, date — or, for a
// library item or a relay handover, its arenas, publisher and for whom), whether the question is
// answered, and the words found. A question found with its answer shows both.
import type { SearchResultView } from '@dialogforum/contracts';
import { arenaName } from '../arena-names.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { Highlighted } from './highlighted-text.tsx';
import { resultHref } from './search-url.ts';

export function SearchResult({ hit }: { hit: SearchResultView }) {
  const { t, lang } = useI18n();
  const date = new Date(hit.createdAt).toLocaleDateString(lang === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' });
  const buyers = (hit.dialogue?.buyers ?? (hit.publisher ? [hit.publisher] : [])).map((buyer) => buyer.name).filter(Boolean).join(', ');
  return (
    <article className="card search-hit">
      <p className="search-hit-badges">
        <span className="badge">{t(`search.kind.${hit.kind}`)}</span>
        {hit.answered !== null && (
          <span className={hit.answered ? 'badge badge-success' : 'badge badge-muted'}>{t(hit.answered ? 'search.answered.true' : 'search.answered.false')}</span>
        )}
      </p>
      <h3 className="card-title">
        <Link to={resultHref(hit)}>
          <Highlighted text={hit.title} />
        </Link>
      </h3>
      <p className="search-hit-context">
        {hit.dialogue && hit.kind !== 'dialogue' && <span>{hit.dialogue.title}</span>}
        {buyers && <span>{buyers}</span>}
        <span>{hit.arenaIds.map((arenaId) => arenaName(arenaId, lang)).join(', ')}</span>
        {hit.dialogue && <span>{t(`phase.${hit.dialogue.phase}`)}</span>}
        {hit.library && (
          <span>
            {t('search.forAudiences', { audiences: hit.library.audiences.map((audience) => t(`library.audience.${audience}`)).join(', ') })} ·{' '}
            <span lang={hit.library.language}>{t(`library.language.${hit.library.language}`)}</span>
          </span>
        )}
        <time dateTime={hit.createdAt}>{date}</time>
      </p>
      {hit.snippet.length > 0 && (
        <p className="snippet">
          <Highlighted text={hit.snippet} />
        </p>
      )}
      {hit.answer && (
        <p className="snippet search-hit-answer">
          <strong>{t(hit.kind === 'live-question' ? 'search.hostAnswer' : 'search.officialAnswer')} </strong>
          <Highlighted text={hit.answer.snippet} />
        </p>
      )}
    </article>
  );
}
