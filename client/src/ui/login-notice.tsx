import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

/** Why this page needs a signed-in person, with a link to log in that comes back here. */
export function LoginNotice({ message, returnTo }: { message: string; returnTo: string }) {
  const { t } = useI18n();
  return (
    <p className="notice notice-info">
      {message} <Link to={`/login?next=${encodeURIComponent(returnTo)}`}>{t('nav.login')}</Link>
    </p>
  );
}
