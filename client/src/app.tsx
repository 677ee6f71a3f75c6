// The page frame (skip link, banner, main, footer) and the route table.
import { Suspense, type ReactNode } from 'react';
import { useI18n } from './i18n/i18n.tsx';
import { matchPath, useLocation } from './router.tsx';
import { SiteHeader } from './ui/site-header.tsx';
import { UnverifiedEmailBanner } from './accounts/email-verification.tsx';
import { NoOrganisationBanner } from './organisations/no-organisation-banner.tsx';
import { PageLoadBoundary, PageLoading } from './ui/page-loading.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { SiteFooter } from './public-service/site-footer.tsx';
import { ROUTES } from './routes.ts';

function route(pathname: string): ReactNode {
  for (const { path, page: Page } of ROUTES) {
    const params = matchPath(path, pathname);
    if (params) return <Page params={params} />;
  }
  return <NotFoundPage />;
}

export function App() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1} className="site-main">
        {/* Outside the keyed page: it stays put across navigations instead of reappearing. */}
        <UnverifiedEmailBanner />
        <NoOrganisationBanner />
        {/* Keyed by path: a new page starts with fresh state and its heading takes focus. */}
        <div key={pathname}>
          <PageLoadBoundary>
            <Suspense fallback={<PageLoading />}>{route(pathname)}</Suspense>
          </PageLoadBoundary>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
