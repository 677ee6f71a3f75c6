// "/accessibility" — the accessibility statement with the feedback form in its place. The footer's
// "report a barrier" link comes here with #feedback (and ?page= the page the reader was on): the form's
// heading then takes focus, so the reader lands on the form rather than the top of the statement.
import { useEffect } from 'react';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../router.tsx';
import { StatementEn, StatementSv } from './accessibility-statement-text.tsx';
import { FeedbackForm } from './feedback-form.tsx';
import { useOperator } from './use-operator.ts';

export function AccessibilityStatementPage() {
  const { lang } = useI18n();
  const { search, hash } = useLocation();
  const operator = useOperator();
  const ready = operator.isSuccess;

  useEffect(() => {
    if (ready && hash) {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      target?.scrollIntoView();
      if (target?.tabIndex === -1) target.focus();
    }
  }, [ready, hash]);

  const Statement = lang === 'sv' ? StatementSv : StatementEn;
  const page = search.get('page') ?? '';
  return (
    <article className="prose">
      <PageHeading>{lang === 'sv' ? 'Tillgänglighetsredogörelse för Dialogforum' : 'Accessibility statement for Dialogforum'}</PageHeading>
      {operator.isPending ? (
        <Loading />
      ) : operator.isError ? (
        <ErrorNotice title={lang === 'sv' ? 'Sidan kunde inte hämtas' : 'The page could not be fetched'} error={operator.error} onRetry={() => void operator.refetch()} />
      ) : (
        <Statement operator={operator.data} feedbackForm={<FeedbackForm page={/^\/[^/]/.test(page) ? page : ''} />} />
      )}
    </article>
  );
}
