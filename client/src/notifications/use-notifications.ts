// The signed-in person's notifications, live: the unread count for the header's badge, kept
// current by what the server pushes to this person's sockets, and announced politely (never
// taking focus). After a reconnection the count and list are fetched again, since pushes made
// while the socket was down are not sent twice.
import { useQuery } from '@tanstack/react-query';
import { queryClient, trpc } from '../api.ts';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useNotificationPushes } from '../realtime.ts';
import { useMe } from '../session.ts';
import { notificationText } from './notification-text.ts';

export function useUnreadNotifications(): number | null {
  const i18n = useI18n();
  const announce = useAnnounce();
  const me = useMe();
  const signedIn = Boolean(me.data);
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), enabled: signedIn });
  useNotificationPushes(signedIn, {
    created: ({ notification, unread: count }) => {
      queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), { unread: count });
      void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
      // Asking, answering or commenting follows the thread: the dialogue page's buttons may have changed.
      void queryClient.invalidateQueries({ queryKey: trpc.notifications.followState.queryKey() });
      const text = notificationText(notification, i18n);
      announce(i18n.t('notifications.announce', { text: [text.headline, text.about].filter(Boolean).join(': ') }));
    },
    reconnected: () => {
      // What came while the socket was down (or still connecting after the page loaded) is not
      // pushed again: the count is asked for, and a rise is announced like a push would have been.
      const before = queryClient.getQueryData(trpc.notifications.unreadCount.queryKey())?.unread;
      void queryClient.fetchQuery({ ...trpc.notifications.unreadCount.queryOptions(), staleTime: 0 }).then(({ unread: count }) => {
        if (before !== undefined && count > before) announce(i18n.plural('notifications.unread', count));
      }, () => {});
      void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
    },
  });
  return signedIn ? (unread.data?.unread ?? null) : null;
}

/** After marking read here, the badge shows the count the server answered with. */
export function setUnreadCount(unread: number): void {
  queryClient.setQueryData(trpc.notifications.unreadCount.queryKey(), { unread });
  void queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() });
}
