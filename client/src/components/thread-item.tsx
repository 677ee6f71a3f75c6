// One question (thread) with its answers. Official answers are marked in words and by a frame, so
// the mark does not depend on colour. Each thread is an anchor target: #thread-<id>.
import { useRef, useState } from 'react';
import type { PostView, ThreadView } from '@dialogforum/contracts';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAuthorName } from './author-name.tsx';
import { SafeMarkdown } from './safe-markdown.tsx';
import { AnswerForm } from './answer-form.tsx';

export function ThreadItem({
  thread,
  canAnswer,
  answerBlocked = false,
}: {
  thread: ThreadView;
  canAnswer: boolean;
  /** May answer, but not before confirming the e-mail address (the dialogue page says how). */
  answerBlocked?: boolean;
}) {
  const { t, lang } = useI18n();
  const authorName = useAuthorName();
  const [answering, setAnswering] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeAnswerForm = () => {
    setAnswering(false);
    toggle.current?.focus();
  };
  const titleId = `thread-${thread.id}-title`;
  const formRegionId = `thread-${thread.id}-answer`;
  const hasOfficial = thread.answers.some((answer) => answer.official);

  return (
    <article id={`thread-${thread.id}`} className="thread" aria-labelledby={titleId} tabIndex={-1}>
      <h3 id={titleId} className="thread-title">
        {thread.title}
      </h3>
      <p className="post-meta">
        {t('threads.askedBy', { author: authorName(thread.question.author, thread.question.mine) })}
        {' · '}
        <time dateTime={thread.question.createdAt}>{formatDateTime(thread.question.createdAt, lang)}</time>
      </p>
      <SafeMarkdown source={thread.question.body} />

      {thread.answers.length > 0 && (
        <ul className="answer-list" aria-label={t('threads.answers')}>
          {thread.answers.map((answer) => (
            <li key={answer.id}>
              <Answer answer={answer} />
            </li>
          ))}
        </ul>
      )}
      {!hasOfficial && <p className="no-answer">{t('threads.noAnswerYet')}</p>}

      {canAnswer && answerBlocked && <p className="answer-blocked">{t('verification.answerBlocked')}</p>}
      {canAnswer && !answerBlocked && (
        <div className="answer-action">
          <button
            ref={toggle}
            type="button"
            className="button button-secondary"
            aria-expanded={answering}
            aria-controls={answering ? formRegionId : undefined}
            onClick={() => setAnswering((open) => !open)}
          >
            {t('answer.toggle')}
            <span className="visually-hidden">: {thread.title}</span>
          </button>
          {answering && (
            <div id={formRegionId}>
              <AnswerForm threadId={thread.id} onDone={closeAnswerForm} />
            </div>
          )}
        </div>
      )}
    </article>
  );
}

function Answer({ answer }: { answer: PostView }) {
  const { t, lang } = useI18n();
  const authorName = useAuthorName();
  return (
    <div className={`answer${answer.official ? ' answer-official' : ''}`}>
      <p className="answer-label">
        {answer.official ? (
          <>
            <span className="badge badge-official">
              <span aria-hidden="true">✓ </span>
              {t('threads.officialAnswer')}
            </span>{' '}
          </>
        ) : (
          <span className="badge">{t('threads.answer')}</span>
        )}
        <span className="post-meta">
          {authorName(answer.author, answer.mine)}
          {' · '}
          <time dateTime={answer.createdAt}>{formatDateTime(answer.createdAt, lang)}</time>
        </span>
      </p>
      <SafeMarkdown source={answer.body} />
    </div>
  );
}
