// Banner with the product name, main navigation (organisations for signed-in people, moderation for
// moderators and admins only), the signed-in user and the language switch.
import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { isModerator, useLogout, useMe } from '../session.ts';
import { OperatorMark } from '../public-service/operator-mark.tsx';
import { HeaderSearch } from '../search/header-search.tsx';
import { LanguageSwitch } from './language-switch.tsx';

// The live badge needs the socket client: fetched once someone is signed in, not on a first visit.
const NotificationsLink = lazy(() => import('../notifications/notifications-link.tsx').then((m) => ({ default: m.NotificationsLink })));

const ACCOUNT_PAGES = ['/login', '/register', '/forgot-password', '/reset-password', '/verify-email'];

export function SiteHeader() {
  const { t } = useI18n();
  const location = useLocation();
  const me = useMe();
  const logout = useLogout();

  const current = (active: boolean) => (active ? ('page' as const) : undefined);
  const here = location.pathname + (location.search.size ? `?${location.search}` : '');
  // After logging in the reader comes back here; not to a page about accounts (nor its one-time token).
  const returnTo = ACCOUNT_PAGES.includes(location.pathname) ? '' : `?next=${encodeURIComponent(here)}`;

  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          {t('app.name')}
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <OperatorMark />
        {/* Menu and language switch together: when the menu is long they wrap as one group, at the right. */}
        <div className="header-tools">
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              <li>
                <Link to="/" aria-current={current(location.pathname === '/' || location.pathname.startsWith('/dialogues'))}>
                  {t('nav.dialogues')}
                </Link>
              </li>
              <li>
                <Link to="/search" aria-current={current(location.pathname === '/search')}>
                  {t('nav.search')}
                </Link>
              </li>
              <li>
                <Link to="/statistics" aria-current={current(location.pathname === '/statistics')}>
                  {t('nav.statistics')}
                </Link>
              </li>
              {me.data ? (
                <>
                  <li>
                    <Link to="/organisations" aria-current={current(location.pathname.startsWith('/organisations'))}>
                      {t('nav.organisations')}
                    </Link>
                  </li>
                  <li>
                    <Suspense fallback={<Link to="/notifications">{t('nav.notifications')}</Link>}>
                      <NotificationsLink current={location.pathname === '/notifications'} />
                    </Suspense>
                  </li>
                  {isModerator(me.data) && (
                    <li>
                      <Link to="/moderation" aria-current={current(location.pathname === '/moderation')}>
                        {t('nav.moderation')}
                      </Link>
                    </li>
                  )}
                  <li>
                    <Link to="/account" className="account-link" aria-current={current(location.pathname === '/account')}>
                      <span className="visually-hidden">{t('nav.accountPrefix')} </span>
                      {me.data.name}
                    </Link>
                  </li>
                  <li>
                    <button type="button" className="link-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
                      {t('nav.logout')}
                    </button>
                  </li>
                </>
              ) : me.isPending ? null : (
                <>
                  <li>
                    <Link to={`/login${returnTo}`} aria-current={current(location.pathname === '/login')}>
                      {t('nav.login')}
                    </Link>
                  </li>
                  <li>
                    <Link to={`/register${returnTo}`} aria-current={current(location.pathname === '/register')}>
                      {t('nav.register')}
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <HeaderSearch />
          <LanguageSwitch />
        </div>
      </div>
    </header>
  );
}
