// At the top of main for a confirmed person who acts for no organisation yet (a newcomer, or someone
// who left their last one): asking and answering happen for an organisation, so say where to find one.
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { useMe } from '../session.ts';

/** Pages that are the way out themselves. */
const PAGES_WITHOUT_BANNER = new Set(['/get-started', '/organisations', '/verify-email', '/invitations/accept']);

export function NoOrganisationBanner() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const me = useMe();
  if (!me.data || !me.data.emailVerified || me.data.organisation || PAGES_WITHOUT_BANNER.has(pathname)) return null;
  return (
    <section className="notice notice-info verification-banner" aria-labelledby="no-organisation-banner-title">
      <p id="no-organisation-banner-title" className="notice-title">
        {t('getStarted.bannerTitle')}
      </p>
      <p>
        <Link to="/get-started">{t('getStarted.cta')}</Link>
      </p>
    </section>
  );
}
