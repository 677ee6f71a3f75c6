// "/" — all dialogues the viewer may see, newest first, filtered by arena (kept in the URL, so a
// filtered list can be linked and survives back/forward). Archived dialogues are listed apart
// ("/?archive=1").
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DialogueSummary } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { arenaName, arenaOptions, isArenaId } from '../arena-names.ts';
import { Deadline, isPast } from './deadline.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { isBuyer, useMe } from '../session.ts';

export function DialogueListPage() {
  const { t, lang, plural } = useI18n();
  const { search } = useLocation();
  const arenaParam = search.get('arena');
  const arenaId = isArenaId(arenaParam) ? arenaParam : undefined;
  const archived = search.get('archive') === '1';
  const me = useMe();
  const dialogues = useQuery(trpc.dialogues.list.queryOptions({ ...(arenaId ? { arenaId } : {}), archived }));
  const listPath = (arena: string | undefined, archive: boolean) => {
    const params = new URLSearchParams();
    if (arena) params.set('arena', arena);
    if (archive) params.set('archive', '1');
    const query = params.toString();
    return query ? `/?${query}` : '/';
  };

  const chooseArena = (value: string) => {
    navigate(listPath(value || undefined, archived), { replace: true });
  };

  return (
    <>
      <div className="page-intro">
        <PageHeading>{archived ? t('list.archiveTitle') : t('list.title')}</PageHeading>
        <p>{t('list.intro')}</p>
      </div>

      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="arena-filter">{t('list.filterArena')}</label>
          <select id="arena-filter" value={arenaId ?? ''} onChange={(event) => chooseArena(event.target.value)}>
            <option value="">{t('list.allArenas')}</option>
            {arenaOptions(lang).map((arena) => (
              <option key={arena.id} value={arena.id}>
                {arena.name}
              </option>
            ))}
          </select>
        </div>
        {arenaId && <Link to={`/arenas/${encodeURIComponent(arenaId)}`}>{t('list.toArena', { arena: arenaName(arenaId, lang) })}</Link>}
        <Link to={listPath(arenaId, !archived)}>{archived ? t('list.showCurrent') : t('list.showArchive')}</Link>
        {isBuyer(me.data) && !archived && (
          <Link to="/dialogues/new" className="button">
            {t('list.create')}
          </Link>
        )}
      </div>

      {dialogues.isPending ? (
        <Loading />
      ) : dialogues.isError ? (
        <ErrorNotice title={t('list.loadError')} error={dialogues.error} onRetry={() => void dialogues.refetch()} />
      ) : dialogues.data.length === 0 ? (
        <p className="empty-state" role="status">
          {archived ? t('list.archiveEmpty') : arenaId ? t('list.emptyArena', { arena: arenaName(arenaId, lang) }) : t('list.empty')}
        </p>
      ) : (
        <>
          <p className="result-count" role="status">
            {plural('list.count', dialogues.data.length)}
          </p>
          <ul className="card-list">
            {dialogues.data.map((dialogue) => (
              <DialogueCard key={dialogue.id} dialogue={dialogue} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** One dialogue in a list; an arena's page nests the lists deeper (`headingLevel`) and adds facts (`children`). */
export function DialogueCard({ dialogue, headingLevel = 2, children }: { dialogue: DialogueSummary; headingLevel?: 2 | 3 | 4; children?: ReactNode }) {
  const { t, lang, plural } = useI18n();
  const headingId = `dialogue-${dialogue.id}-title`;
  const Heading = `h${headingLevel}` as const;
  return (
    <li>
      <article className="card" aria-labelledby={headingId}>
        <Heading id={headingId} className="card-title">
          <Link to={`/dialogues/${encodeURIComponent(dialogue.id)}`}>{dialogue.title}</Link>
        </Heading>
        <dl className="meta">
          <div>
            <dt>{t('list.owners')}</dt>
            <dd>{dialogue.owners.map((owner) => owner.name).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('list.arena')}</dt>
            <dd>
              <Link to={`/arenas/${encodeURIComponent(dialogue.arenaId)}`}>{arenaName(dialogue.arenaId, lang)}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('list.phase')}</dt>
            <dd>{t(`phase.${dialogue.phase}`)}</dd>
          </div>
          <div>
            <dt>{t('list.deadline')}</dt>
            <dd>
              <Deadline iso={dialogue.questionDeadline} passed={isPast(dialogue.questionDeadline)} />
            </dd>
          </div>
          {dialogue.archivedAt && (
            <div>
              <dt>{t('list.archivedAt')}</dt>
              <dd>
                <time dateTime={dialogue.archivedAt}>{formatDate(dialogue.archivedAt, lang)}</time>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('list.questions')}</dt>
            <dd>{plural('list.questionCount', dialogue.threadCount)}</dd>
          </div>
          {children}
        </dl>
      </article>
    </li>
  );
}
