// The header's link to the notifications page with the unread count: a badge for the eye, and the
// same count in words for screen readers (the badge itself is hidden from them).
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';
import { useUnreadNotifications } from './use-notifications.ts';

export function NotificationsLink({ current }: { current: boolean }) {
  const { t, plural } = useI18n();
  const unread = useUnreadNotifications();
  return (
    <Link to="/notifications" className="notifications-link" aria-current={current ? 'page' : undefined}>
      {t('nav.notifications')}
      {unread !== null && unread > 0 && (
        <span className="count-badge" aria-hidden="true" data-testid="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
      {unread !== null && <span className="visually-hidden"> ({plural('notifications.unread', unread)})</span>}
    </Link>
  );
}
