// "/library/:id" — one library item: its current version (or an earlier one, `?version=n`), what it
// is and for whom, its files, every version with what changed, and for those who may: revise,
// withdraw or attach a file.
// A withdrawn item stays readable with the reason; nothing is deleted.
import { useQuery } from '@tanstack/react-query';
import { withdrawLibraryItemInput, type LibraryItemView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { arenaName } from '../arena-names.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDate, formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { LibraryFacts } from './library-card.tsx';
import { LibraryItemFiles } from './library-item-files.tsx';
import { useLibraryItemRoom } from './library-item-room.ts';

export function LibraryItemPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { search } = useLocation();
  const itemId = params.id ?? '';
  const asked = Number(search.get('version'));
  const version = Number.isInteger(asked) && asked >= 1 ? asked : undefined;
  const item = useQuery(trpc.library.get.queryOptions({ itemId, ...(version ? { version } : {}) }));
  // Other readers see a new file, version or withdrawal without reloading.
  useLibraryItemRoom(itemId, item.isSuccess);
  if (item.isPending) return <Loading />;
  if (item.isError) {
    const missing = appErrorCode(item.error) === 'NOT_FOUND' || appErrorCode(item.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{t(missing ? 'library.notFound' : 'library.loadError')}</PageHeading>
        {missing ? <p>{t('library.notFoundText')}</p> : <ErrorNotice title={t('library.loadError')} error={item.error} onRetry={() => void item.refetch()} />}
      </>
    );
  }
  return <LibraryItemContent item={item.data} />;
}

function LibraryItemContent({ item }: { item: LibraryItemView }) {
  const { t, lang } = useI18n();
  const current = item.shown.version === item.version;
  const foreign = item.language === lang ? undefined : item.language;
  return (
    <article aria-labelledby="library-item-title" className="library-item">
      <p className="breadcrumb">
        {item.arenaIds.map((arenaId, index) => (
          <span key={arenaId}>
            {index > 0 && ', '}
            <Link to={`/arenas/${arenaId}#library-heading`}>{arenaName(arenaId, lang)}</Link>
          </span>
        ))}
      </p>
      <PageHeading id="library-item-title" title={item.shown.title}>
        <span lang={foreign}>{item.shown.title}</span>
      </PageHeading>
      {item.withdrawal && (
        <p className="notice notice-warning" role="status">
          {t('library.withdrawnNotice', { date: formatDate(item.withdrawal.at, lang), reason: item.withdrawal.reason })}
        </p>
      )}
      {!current && (
        <p className="notice notice-info" role="status">
          {t('library.olderVersion', { version: item.shown.version, date: formatDateTime(item.shown.at, lang) })}{' '}
          <Link to={`/library/${encodeURIComponent(item.id)}`}>{t('library.toCurrent')}</Link>
        </p>
      )}
      <LibraryFacts item={item} />
      {item.shown.summary && (
        <p className="lead" lang={foreign}>
          {item.shown.summary}
        </p>
      )}
      <div lang={foreign}>
        <SafeMarkdown source={item.shown.body} />
      </div>
      {!item.withdrawal && <LibraryItemFiles item={item} />}
      {(item.viewer.canRevise || item.viewer.canWithdraw) && (
        <section aria-labelledby="library-actions-heading" className="page-section">
          <h2 id="library-actions-heading">{t('library.actions')}</h2>
          <div className="owner-actions">
            {item.viewer.canRevise && (
              <Link to={`/library/${encodeURIComponent(item.id)}/edit`} className="button button-secondary">
                {t('library.revise')}
              </Link>
            )}
            {item.viewer.canWithdraw && <WithdrawItem item={item} />}
          </div>
        </section>
      )}
      <section aria-labelledby="library-versions-heading" className="page-section">
        <h2 id="library-versions-heading">{t('library.versions')}</h2>
        <ol className="plain-list" reversed>
          {item.versions.map((entry) => (
            <li key={entry.version}>
              {entry.version === item.shown.version ? (
                <strong aria-current="page">{t('library.versionNumber', { version: entry.version })}</strong>
              ) : (
                <Link to={`/library/${encodeURIComponent(item.id)}${entry.version === item.version ? '' : `?version=${entry.version}`}`}>
                  {t('library.versionNumber', { version: entry.version })}
                </Link>
              )}{' '}
              <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
              {' – '}
              {entry.note ?? t('library.firstVersion')}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function WithdrawItem({ item }: { item: LibraryItemView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  return (
    <DisclosureAction label={t('library.withdraw')} regionId={`withdraw-${item.id}`}>
      {(close) => (
        <ActionForm
          formId={`withdraw-${item.id}`}
          fields={[{ name: 'reason', kind: 'reason', label: t('library.withdrawReason'), hint: t('library.withdrawReasonHint') }]}
          schema={withdrawLibraryItemInput}
          mutation={trpc.library.withdraw.mutationOptions({
            onSuccess: () => {
              announce(t('library.withdrawnNow'));
              void queryClient.invalidateQueries({ queryKey: trpc.library.pathKey() });
              void queryClient.invalidateQueries({ queryKey: trpc.arenas.pathKey() });
              close();
            },
          })}
          input={(values) => ({ itemId: item.id, reason: values.reason })}
          submitLabel={t('library.withdrawSubmit')}
          intro={t('library.withdrawIntro')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
