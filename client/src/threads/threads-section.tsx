// The dialogue's published questions and answers: in the order and with the filter the reader
// chooses, live, loaded a page at a time, with what is new since the last visit said first.
import { THREAD_FILTERS, THREAD_SORTS, type ThreadFilter, type ThreadSort } from '@dialogforum/contracts';
import { ConnectionStatus } from '../ui/connection-status.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ThreadItem } from './thread-item.tsx';
import { useThreads } from './threads-context.tsx';

export function ThreadsSection({
  order,
  onOrder,
}: {
  order: { sort: ThreadSort; filter: ThreadFilter };
  onOrder: (order: { sort: ThreadSort; filter: ThreadFilter }) => void;
}) {
  const { t, plural } = useI18n();
  const { snapshot, store, me, newSinceLastVisit } = useThreads();
  const filters = THREAD_FILTERS.filter((filter) => filter !== 'mine' || me);

  return (
    <section aria-labelledby="threads-heading" className="threads">
      <div className="section-header">
        <h2 id="threads-heading">
          {t('threads.title')}
          {snapshot.status === 'ready' ? <span className="count"> ({snapshot.total})</span> : null}
        </h2>
        <ConnectionStatus />
      </div>
      <div className="toolbar thread-toolbar" role="group" aria-label={t('threads.orderAndFilter')}>
        <label>
          {t('threads.sort')}{' '}
          <select value={order.sort} onChange={(event) => onOrder({ ...order, sort: event.target.value as ThreadSort })}>
            {THREAD_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`threads.sort.${sort}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('threads.filter')}{' '}
          <select value={order.filter} onChange={(event) => onOrder({ ...order, filter: event.target.value as ThreadFilter })}>
            {filters.map((filter) => (
              <option key={filter} value={filter}>
                {t(`threads.filter.${filter}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {newSinceLastVisit.size > 0 && <p className="notice notice-info">{plural('threads.newSinceLastVisit', newSinceLastVisit.size)}</p>}
      {snapshot.status === 'loading' ? (
        <Loading label={t('threads.loading')} />
      ) : snapshot.status === 'error' ? (
        <ErrorNotice title={t('threads.loadError')} error={snapshot.error} onRetry={() => void store.load()} />
      ) : snapshot.list.length === 0 ? (
        <p className="empty-state">{t(order.filter === 'all' ? 'threads.empty' : 'threads.emptyFiltered')}</p>
      ) : (
        <>
          <ol className="thread-list">
            {snapshot.list.map((thread) => (
              <li key={thread.id}>
                <ThreadItem thread={thread} />
              </li>
            ))}
          </ol>
          {snapshot.hasMore && (
            <button type="button" className="button button-secondary" aria-disabled={snapshot.loadingMore} onClick={() => void store.loadMore()}>
              {snapshot.loadingMore ? t('common.loading') : t('threads.loadMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
