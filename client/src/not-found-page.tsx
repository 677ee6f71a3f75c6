// Any path the app does not know.
import { PageHeading } from './ui/page-heading.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { Link } from './router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to="/">{t('dialogue.backToList')}</Link>
      </p>
    </>
  );
}
