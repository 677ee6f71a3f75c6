// For admins on /moderation: feedback from visitors, newest first — what it is about, the message as
// written, the page, and who to answer (when they said). Each was also mailed to the operator's address.
import { useQuery } from '@tanstack/react-query';
import type { FeedbackView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function FeedbackList() {
  const { t } = useI18n();
  const list = useQuery({ ...trpc.publicService.feedback.queryOptions({}), staleTime: 0 });
  let content;
  if (list.isPending) content = <Loading />;
  else if (list.isError) content = <ErrorNotice title={t('feedbackList.loadFailed')} error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.length === 0) content = <p>{t('feedbackList.empty')}</p>;
  else
    content = (
      <ul className="feedback-list">
        {list.data.map((feedback) => (
          <FeedbackItem key={feedback.id} feedback={feedback} />
        ))}
      </ul>
    );
  return (
    <section aria-labelledby="feedback-heading" className="page-section">
      <h2 id="feedback-heading">{t('feedbackList.title')}</h2>
      <p className="section-intro">{t('feedbackList.intro')}</p>
      {content}
    </section>
  );
}

function FeedbackItem({ feedback }: { feedback: FeedbackView }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className="feedback-item">
      <h3>
        {feedback.reference}: {t(`feedback.kind.${feedback.kind}`)}
      </h3>
      <dl className="feedback-facts">
        <dt>{t('feedbackList.received')}</dt>
        <dd>{formatDateTime(feedback.receivedAt, i18n.lang)}</dd>
        <dt>{t('feedbackList.from')}</dt>
        <dd>
          {feedback.name ?? t('feedbackList.anonymous')}
          {' · '}
          {feedback.email ? <a href={`mailto:${feedback.email}?subject=${encodeURIComponent(feedback.reference)}`}>{feedback.email}</a> : t('feedbackList.noAddress')}
          {feedback.signedIn && ` · ${t('feedbackList.signedIn')}`}
        </dd>
        {feedback.page && (
          <>
            <dt>{t('feedbackList.page')}</dt>
            <dd>{feedback.page}</dd>
          </>
        )}
      </dl>
      <p className="feedback-message">{feedback.message}</p>
    </li>
  );
}
