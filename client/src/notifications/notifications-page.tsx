// "/notifications" — the signed-in person's notifications, newest first: what happened, a link to
// it, when, and whether it is read; mark one or all as read; older ones on request.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { NotificationPage, NotificationView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { LoginNotice } from '../ui/login-notice.tsx';
import { useOutcome } from '../ui/outcome.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useMe } from '../session.ts';
import { notificationText } from './notification-text.ts';
import { setUnreadCount } from './use-notifications.ts';

export function NotificationsPage() {
  const { t } = useI18n();
  const me = useMe();
  let content;
  if (me.isPending) content = <Loading />;
  else if (!me.data) content = <LoginNotice message={t('notifications.needsLogin')} returnTo="/notifications" />;
  else content = <NotificationList />;
  return (
    <>
      <PageHeading>{t('notifications.title')}</PageHeading>
      {content}
    </>
  );
}

function NotificationList() {
  const i18n = useI18n();
  const { t } = i18n;
  const first = useQuery(trpc.notifications.list.queryOptions({}));
  const [older, setOlder] = useState<NotificationPage[]>([]);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const outcome = useOutcome();
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({
      onSuccess: ({ unread }) => {
        setUnreadCount(unread);
        setOlder((pages) => pages.map((page) => ({ ...page, items: page.items.map((item) => ({ ...item, read: true })) })));
        outcome.show(t('notifications.markedAllRead'));
      },
    }),
  );

  if (first.isPending) return <Loading />;
  if (first.isError) return <ErrorNotice title={t('notifications.loadError')} error={first.error} onRetry={() => void first.refetch()} />;
  const items = [...first.data.items, ...older.flatMap((page) => page.items)];
  const next = older.length > 0 ? older[older.length - 1]!.next : first.data.next;

  const loadOlder = async () => {
    if (next === null) return;
    setLoadingOlder(true);
    try {
      const page = await queryClient.fetchQuery(trpc.notifications.list.queryOptions({ before: next }));
      setOlder((pages) => [...pages, page]);
    } finally {
      setLoadingOlder(false);
    }
  };

  return (
    <section aria-labelledby="notifications-list-heading" className="notifications">
      <h2 id="notifications-list-heading" className="visually-hidden">
        {t('notifications.list')}
      </h2>
      <p className="section-intro">
        {t('notifications.intro')} <Link to="/account#notifications">{t('notifications.settingsLink')}</Link>.
      </p>
      {items.length === 0 ? (
        <p className="empty-state">{t('notifications.empty')}</p>
      ) : (
        <>
          <div className="notifications-actions">
            {/* Never disabled: a button that disables itself drops the keyboard focus. */}
            <button type="button" className="button button-secondary" onClick={() => !markAll.isPending && markAll.mutate()} aria-disabled={markAll.isPending}>
              {t('notifications.markAllRead')}
            </button>
            {outcome.node}
            {markAll.isError && (
              <p className="notice notice-error" role="alert">
                {describeError(markAll.error, i18n)}
              </p>
            )}
          </div>
          <ol className="notification-list" aria-labelledby="notifications-list-heading">
            {items.map((item) => (
              <NotificationItem key={item.id} item={item} onRead={() => setOlder((pages) => pages.map((page) => ({ ...page, items: page.items.map((other) => (other.id === item.id ? { ...other, read: true } : other)) })))} />
            ))}
          </ol>
          {next !== null && (
            <button type="button" className="button button-secondary" onClick={() => void loadOlder()} disabled={loadingOlder}>
              {loadingOlder ? t('common.loading') : t('notifications.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function NotificationItem({ item, onRead }: { item: NotificationView; onRead: () => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const text = notificationText(item, i18n);
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: ({ unread }) => {
        setUnreadCount(unread);
        onRead();
      },
    }),
  );
  // Following the link reads it.
  const read = () => {
    if (!item.read) markRead.mutate({ ids: [item.id] });
  };
  return (
    <li className={`notification${item.read ? '' : ' notification-unread'}`}>
      <p className="notification-headline">
        {!item.read && <span className="badge badge-new">{t('notifications.unreadBadge')}</span>} <strong>{text.headline}</strong>
      </p>
      {text.about && <p>{text.href ? <Link to={text.href} onClick={read}>{text.about}</Link> : text.about}</p>}
      {text.details.map((line) => (
        <p key={line} className="notification-detail">
          {line}
        </p>
      ))}
      <p className="notification-meta">
        <time dateTime={item.at}>{formatDateTime(item.at, lang)}</time>
        {!item.read && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={read} disabled={markRead.isPending}>
              {t('notifications.markRead')}
            </button>
          </>
        )}
      </p>
    </li>
  );
}
