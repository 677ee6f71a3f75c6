// The buyers' inbox (and moderators'): questions waiting to be published with their answer,
// redacted or answered privately, and the ones answered privately, each with its recorded reason.
import { useI18n } from '../i18n/i18n.tsx';
import { ThreadItem } from './thread-item.tsx';
import { useThreads } from './threads-context.tsx';

export function InboxSection() {
  const { t, plural } = useI18n();
  const { snapshot, dialogue } = useThreads();
  if (snapshot.status !== 'ready') return null;
  return (
    <section aria-labelledby="inbox-heading" className="inbox page-section">
      <h2 id="inbox-heading" tabIndex={-1}>
        {t('inbox.title')} <span className="count">({snapshot.pending.length})</span>
      </h2>
      <p className="section-intro">{t(dialogue.qaMode === 'moderated' ? 'inbox.introModerated' : 'inbox.introOpen')}</p>
      {snapshot.pending.length === 0 ? (
        <p className="empty-state">{t('inbox.empty')}</p>
      ) : (
        <ol className="thread-list">
          {snapshot.pending.map((thread) => (
            <li key={thread.id}>
              <ThreadItem thread={thread} />
            </li>
          ))}
        </ol>
      )}
      {snapshot.answeredPrivately.length > 0 && (
        <details className="answered-privately">
          <summary>{plural('inbox.answeredPrivately', snapshot.answeredPrivately.length)}</summary>
          <ol className="thread-list">
            {snapshot.answeredPrivately.map((thread) => (
              <li key={thread.id}>
                <ThreadItem thread={thread} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

/** The asker's own questions that are not public: waiting for the buyers, or answered to them alone. */
export function OwnQuestionsSection() {
  const { t } = useI18n();
  const { snapshot } = useThreads();
  if (snapshot.ownUnpublished.length === 0) return null;
  return (
    <section aria-labelledby="own-questions-heading" className="page-section">
      <h2 id="own-questions-heading">{t('own.title')}</h2>
      <p className="section-intro">{t('own.intro')}</p>
      <ol className="thread-list">
        {snapshot.ownUnpublished.map((thread) => (
          <li key={thread.id}>
            <ThreadItem thread={thread} />
          </li>
        ))}
      </ol>
    </section>
  );
}
