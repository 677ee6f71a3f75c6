// One question (thread) with its official answers and comments. Its state is said in words, not
// colour alone: waiting for the buyers, answered privately, asked in confidence, locked, answered
// or not, new since the last visit. Each thread is an anchor target: #thread-<id>.
import type { ThreadView } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { FollowButton } from '../notifications/follow-button.tsx';
import { PostItem } from './post-item.tsx';
import { ThreadActions } from './thread-actions.tsx';
import { useThreads } from './threads-context.tsx';

export function ThreadItem({ thread }: { thread: ThreadView }) {
  const { t } = useI18n();
  const { snapshot, newSinceLastVisit } = useThreads();
  const titleId = `thread-${thread.id}-title`;
  const mine = snapshot.marks.threads.has(thread.id);
  // Those shown the asker's name (the dialogue's buyers, moderators) may know who asked; so may the asker.
  const mayKnowAsker = mine || thread.question.author.kind === 'person';

  return (
    <article id={`thread-${thread.id}`} className={`thread thread-${thread.status}`} aria-labelledby={titleId} tabIndex={-1}>
      <h3 id={titleId} className="thread-title">
        {thread.title ?? <span className="muted">{t('threads.hiddenTitle')}</span>}
      </h3>
      <ThreadBadges thread={thread} isNew={newSinceLastVisit.has(thread.id)} />
      <PostItem post={thread.question} thread={thread} mayKnowAsker={mayKnowAsker} />

      {thread.answers.length > 0 && (
        <ul className="answer-list" aria-label={t('threads.answers')}>
          {thread.answers.map((answer) => (
            <li key={answer.id}>
              <PostItem post={answer} thread={thread} mayKnowAsker={mayKnowAsker} />
            </li>
          ))}
        </ul>
      )}
      {thread.status === 'published' && !thread.answered && <p className="no-answer">{t('threads.noAnswerYet')}</p>}
      {thread.privateAnswerReason && <p className="notice notice-info">{t('threads.privateReason', { reason: thread.privateAnswerReason })}</p>}

      {thread.comments.length > 0 && (
        <ul className="comment-list" aria-label={t('threads.comments', { count: thread.comments.length })}>
          {thread.comments.map((comment) => (
            <li key={comment.id}>
              <PostItem post={comment} thread={thread} mayKnowAsker={mayKnowAsker} />
            </li>
          ))}
        </ul>
      )}
      <ThreadActions thread={thread} mine={mine} />
      <FollowButton kind="thread" id={thread.id} dialogueId={thread.dialogueId} />
    </article>
  );
}

function ThreadBadges({ thread, isNew }: { thread: ThreadView; isNew: boolean }) {
  const { t, plural } = useI18n();
  const badges: { key: string; text: string; className?: string }[] = [];
  if (isNew) badges.push({ key: 'new', text: t('threads.new'), className: 'badge-new' });
  if (thread.status === 'pending') badges.push({ key: 'pending', text: t('threads.status.pending'), className: 'badge-pending' });
  if (thread.status === 'answered-privately') badges.push({ key: 'private', text: t('threads.status.answered-privately'), className: 'badge-private' });
  if (thread.confidential) badges.push({ key: 'confidential', text: t('threads.confidential') });
  if (thread.status === 'published') {
    badges.push(thread.answered ? { key: 'answered', text: t('threads.answered'), className: 'badge-official' } : { key: 'unanswered', text: t('threads.unanswered') });
  }
  if (thread.voteCount > 0) badges.push({ key: 'votes', text: plural('threads.votes', thread.voteCount) });
  return (
    <>
      <ul className="badge-list" aria-label={t('threads.state')}>
        {badges.map((badge) => (
          <li key={badge.key} className={`badge ${badge.className ?? ''}`}>
            {badge.text}
          </li>
        ))}
      </ul>
      {thread.locked && <p className="notice notice-warning thread-locked">{t('threads.locked', { reason: thread.locked.reason })}</p>}
    </>
  );
}
