// Said to a signed-in person whose role does not open moderation (the server refuses them the data too).
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

export function NotAllowed() {
  const { t } = useI18n();
  return (
    <div className="notice notice-error">
      <p className="notice-title">{t('moderation.notAllowedTitle')}</p>
      <p>{t('moderation.notAllowed')}</p>
      <p>
        <Link to="/">{t('dialogue.backToList')}</Link>
      </p>
    </div>
  );
}
