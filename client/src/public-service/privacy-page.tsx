// "/privacy" — the privacy notice and cookie note, with the controller from the operator's settings.
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { PrivacyEn, PrivacySv } from './privacy-notice-text.tsx';
import { useOperator } from './use-operator.ts';

export function PrivacyPage() {
  const { lang } = useI18n();
  const operator = useOperator();
  const Notice = lang === 'sv' ? PrivacySv : PrivacyEn;
  return (
    <article className="prose">
      <PageHeading>{lang === 'sv' ? 'Så behandlar vi personuppgifter' : 'How we handle personal data'}</PageHeading>
      {operator.isPending ? (
        <Loading />
      ) : operator.isError ? (
        <ErrorNotice title={lang === 'sv' ? 'Sidan kunde inte hämtas' : 'The page could not be fetched'} error={operator.error} onRetry={() => void operator.refetch()} />
      ) : (
        <Notice operator={operator.data} />
      )}
    </article>
  );
}
