// Every page's footer: who runs the service and how to reach them, and the pages a public service
// must link from everywhere (accessibility statement, privacy notice, terms, about, reporting a barrier).
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../router.tsx';
import { useOperator } from './use-operator.ts';

export function SiteFooter() {
  const { t } = useI18n();
  const operator = useOperator().data;
  const { pathname } = useLocation();
  // The form learns which page the reader was on when they followed "report a barrier".
  const reportFrom = pathname === '/accessibility' ? '' : `?page=${encodeURIComponent(pathname)}`;
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        <div className="footer-operator">
          <p>{t('footer.text')}</p>
          {operator && (
            <p>
              {t('footer.operatedBy', { operator: operator.name })}
              {operator.organisationNumber && <> · {t('footer.orgNumber', { number: operator.organisationNumber })}</>}
              {operator.postalAddress && <> · {operator.postalAddress}</>}
              {operator.email && (
                <>
                  {' · '}
                  <a href={`mailto:${operator.email}`}>{operator.email}</a>
                </>
              )}
              {operator.phone && <> · {operator.phone}</>}
            </p>
          )}
        </div>
        <nav aria-label={t('footer.linksLabel')} className="footer-links">
          <ul>
            <li>
              <Link to="/accessibility">{t('footer.accessibility')}</Link>
            </li>
            <li>
              <Link to={`/accessibility${reportFrom}#feedback`}>{t('footer.feedback')}</Link>
            </li>
            <li>
              <Link to="/privacy">{t('footer.privacy')}</Link>
            </li>
            <li>
              <Link to="/terms">{t('footer.terms')}</Link>
            </li>
            <li>
              <Link to="/about">{t('footer.about')}</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
