// One post — the question, an official answer, or a comment — with who wrote it as the viewer may
// see it, when, whether it was edited or corrected (with its history a click away), or that a
// moderator hid it and why. The acts on it (edit, correct, flag, hide) come below it.
import { useEffect, useRef } from 'react';
import type { PostView, ThreadView } from '@dialogforum/contracts';
import { AnswerAttachments } from '../attachments/answer-attachments.tsx';
import { useAuthorName } from '../ui/author-name.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { PostHistory } from './post-history.tsx';
import { PostActions } from './post-actions.tsx';
import { useThreads } from './threads-context.tsx';

export function PostItem({ post, thread, mayKnowAsker }: { post: PostView; thread: ThreadView; mayKnowAsker: boolean }) {
  const { t, lang } = useI18n();
  const { snapshot } = useThreads();
  const authorName = useAuthorName();
  const threadTitle = thread.title ?? t('threads.hiddenTitle');
  const mine = snapshot.marks.posts.has(post.id);
  // Earlier versions of a question are for those who may know who asked (a redaction may be in them).
  const showsHistory = post.versionCount > 1 && post.hidden === null && (post.kind !== 'question' || mayKnowAsker || mine);
  // Hiding the post takes the moderator's button away with it: focus goes to the notice that took
  // the post's place, so a keyboard user is not dropped at the top of the page. Only for the one who
  // hid it here; others reading along keep their focus.
  const hiddenHere = useRef(false);
  const hiddenNotice = useRef<HTMLParagraphElement>(null);
  // The notice may come before the server's answer (the live update) or after it (the catch-up).
  const focusHiddenNotice = () => {
    if (!hiddenHere.current || !hiddenNotice.current) return;
    hiddenHere.current = false;
    hiddenNotice.current.focus();
  };
  useEffect(focusHiddenNotice, [post.hidden]);
  const hidHere = () => {
    hiddenHere.current = true;
    focusHiddenNotice();
  };

  return (
    <div className={`post post-${post.kind}${post.kind === 'answer' ? ' answer' : ''}${post.official && !post.private ? ' answer-official' : ''}`}>
      <p className="answer-label">
        <PostLabel post={post} />{' '}
        <span className="post-meta">
          {authorName(post.author, mine)}
          {' · '}
          <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, lang)}</time>
          {post.editedAt ? (
            <>
              {' · '}
              <span className={post.corrected ? 'badge badge-corrected' : 'post-edited'}>
                {t(post.corrected ? 'post.corrected' : 'post.edited', { date: formatDateTime(post.editedAt, lang) })}
              </span>
            </>
          ) : null}
        </span>
      </p>
      {post.hidden ? (
        <p ref={hiddenNotice} tabIndex={-1} className="notice notice-info post-hidden">
          {t('post.hidden', { date: formatDateTime(post.hidden.at, lang), reason: post.hidden.reason })}
        </p>
      ) : (
        <SafeMarkdown source={post.body ?? ''} />
      )}
      <AnswerAttachments post={post} thread={thread} />
      <div className="post-tools">
        {showsHistory && (
          <DisclosureAction label={t('history.show', { count: post.versionCount })} context={threadTitle} regionId={`history-${post.id}`} className="link-button">
            {() => <PostHistory postId={post.id} />}
          </DisclosureAction>
        )}
        <PostActions post={post} thread={thread} mine={mine} onHidden={hidHere} />
      </div>
    </div>
  );
}

function PostLabel({ post }: { post: PostView }) {
  const { t } = useI18n();
  if (post.kind === 'answer' && post.private) return <span className="badge badge-private">{t('threads.privateAnswer')}</span>;
  if (post.kind === 'answer' && post.official) {
    return (
      <span className="badge badge-official">
        <span aria-hidden="true">✓ </span>
        {t('threads.officialAnswer')}
      </span>
    );
  }
  if (post.kind === 'comment') return <span className="badge">{t('threads.comment')}</span>;
  if (post.kind === 'question') return <span className="badge">{t('threads.question')}</span>;
  return <span className="badge">{t('threads.answer')}</span>;
}
