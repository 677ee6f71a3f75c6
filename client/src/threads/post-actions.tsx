// The acts on one post, each offered only to whom the server will allow it (it checks again):
// authors edit their comment, or their question until it is answered; the buyers correct an
// official answer (a new version, never an edit in place); anyone signed in flags a post for the
// moderators; moderators hide it with a recorded reason.
import {
  correctAnswerInput,
  editPostInput,
  flagPostInput,
  hidePostInput,
  type PostView,
  type ThreadView,
} from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { isModerator } from '../session.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { useThreads } from './threads-context.tsx';

export function PostActions({ post, thread, mine, onHidden }: { post: PostView; thread: ThreadView; mine: boolean; onHidden: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { dialogue, me, store } = useThreads();
  const title = thread.title ?? t('threads.hiddenTitle');
  const done = (message: string, close: () => void) => () => {
    announce(message);
    void store.catchUp();
    close();
  };
  const visible = post.hidden === null;
  const canEdit =
    mine &&
    visible &&
    ((post.kind === 'comment' && thread.locked === null) || (post.kind === 'question' && !thread.answered && thread.status !== 'answered-privately'));
  const canCorrect = visible && post.kind === 'answer' && post.official && dialogue.viewer.canAnswer;
  const canFlag = visible && !mine && me?.emailVerified === true;
  const canHide = visible && isModerator(me);
  if (!canEdit && !canCorrect && !canFlag && !canHide) return null;

  return (
    <>
      {canEdit && (
        <DisclosureAction label={t('post.edit')} context={title} regionId={`edit-${post.id}`}>
          {(close) => (
            <ActionForm
              formId={`edit-${post.id}`}
              fields={[
                ...(post.kind === 'question' ? [{ name: 'title', kind: 'line' as const, label: t('ask.fieldTitle'), initial: thread.title ?? '', maxLength: 200 }] : []),
                { name: 'body', kind: 'markdown', label: t('post.editField'), initial: post.body ?? '' },
              ]}
              schema={editPostInput}
              mutation={trpc.threads.edit.mutationOptions({ onSuccess: done(t('post.edited.sent'), close) })}
              input={(values) => ({ postId: post.id, body: values.body, ...(post.kind === 'question' ? { title: values.title } : {}) })}
              submitLabel={t('post.editSubmit')}
              intro={t('post.editIntro')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
      {canCorrect && (
        <DisclosureAction label={t('correct.toggle')} context={title} regionId={`correct-${post.id}`}>
          {(close) => (
            <ActionForm
              formId={`correct-${post.id}`}
              fields={[
                { name: 'body', kind: 'markdown', label: t('correct.field'), initial: post.body ?? '' },
                { name: 'note', kind: 'reason', label: t('correct.note'), hint: t('correct.noteHint') },
              ]}
              schema={correctAnswerInput}
              mutation={trpc.threads.correct.mutationOptions({ onSuccess: done(t('correct.sent'), close) })}
              input={(values) => ({ postId: post.id, body: values.body, note: values.note })}
              submitLabel={t('correct.submit')}
              intro={t('correct.intro')}
              onCancel={close}
              supplementary={dialogue}
            />
          )}
        </DisclosureAction>
      )}
      {canFlag && (
        <DisclosureAction label={t('flag.toggle')} context={title} regionId={`flag-${post.id}`} className="link-button">
          {(close) => (
            <ActionForm
              formId={`flag-${post.id}`}
              fields={[{ name: 'reason', kind: 'reason', label: t('flag.reason'), hint: t('flag.reasonHint') }]}
              schema={flagPostInput}
              mutation={trpc.threads.flag.mutationOptions({ onSuccess: done(t('flag.sent'), close) })}
              input={(values) => ({ postId: post.id, reason: values.reason })}
              submitLabel={t('flag.submit')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
      {canHide && (
        <DisclosureAction label={t('hide.toggle')} context={title} regionId={`hide-${post.id}`}>
          {(close) => (
            <ActionForm
              formId={`hide-${post.id}`}
              fields={[{ name: 'reason', kind: 'reason', label: t('hide.reason'), hint: t('hide.reasonHint') }]}
              schema={hidePostInput}
              mutation={trpc.threads.hide.mutationOptions({
                onSuccess: () => {
                  onHidden();
                  done(t('hide.sent'), close)();
                },
              })}
              input={(values) => ({ postId: post.id, reason: values.reason })}
              submitLabel={t('hide.submit')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
    </>
  );
}
