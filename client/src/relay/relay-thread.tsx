// The relay thread: questions from projects taking the baton, each followed by its replies. Buyers
// ask and reply, authors edit (a new version, with a note), moderators hide with a reason; a hidden
// post keeps its place and says why.
import { editRelayPostInput, hideRelayPostInput, relayPostInput, type RelayPostView, type RelayProjectView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useRelayText } from './relay-text.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.relay.pathKey() });

export function RelayThread({ project }: { project: RelayProjectView }) {
  const { r } = useRelayText();
  const questions = project.posts.filter((post) => post.replyTo === null);
  return (
    <section aria-labelledby="relay-thread-heading" className="page-section">
      <h2 id="relay-thread-heading">{r('thread')}</h2>
      <p>{r('threadIntro')}</p>
      {questions.length === 0 ? (
        <p className="empty-state">{r('noPosts')}</p>
      ) : (
        <ol className="plain-list relay-thread">
          {questions.map((question) => (
            <li key={question.id}>
              <RelayPost post={question} />
              <ol className="plain-list relay-replies">
                {project.posts
                  .filter((post) => post.replyTo === question.id)
                  .map((reply) => (
                    <li key={reply.id}>
                      <RelayPost post={reply} />
                    </li>
                  ))}
              </ol>
              {question.viewer.canReply && <WritePost projectId={project.id} replyTo={question.id} />}
            </li>
          ))}
        </ol>
      )}
      {project.viewer.canAsk && <WritePost projectId={project.id} replyTo={null} />}
    </section>
  );
}

function RelayPost({ post }: { post: RelayPostView }) {
  const { r, lang } = useRelayText();
  return (
    <article className="relay-post" aria-label={post.author ? `${post.author.name}, ${post.author.organisation ?? ''}` : r('hide')}>
      <p className="post-meta">
        {post.author && (
          <>
            <strong>{post.author.name}</strong>
            {post.author.organisation ? `, ${post.author.organisation}` : ''}
            {' · '}
          </>
        )}
        <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, lang)}</time>
      </p>
      {post.hidden ? (
        <p className="notice notice-info">{r('hidden', { date: formatDateTime(post.hidden.at, lang), reason: post.hidden.reason })}</p>
      ) : (
        <SafeMarkdown source={post.body ?? ''} />
      )}
      {post.edited && <p className="field-hint">{r('edited', { date: formatDateTime(post.edited.at, lang), note: post.edited.note })}</p>}
      <div className="owner-actions">
        {post.viewer.canEdit && (
          <DisclosureAction label={r('edit')} regionId={`edit-${post.id}`}>
            {(close) => (
              <ActionForm
                formId={`edit-${post.id}`}
                fields={[
                  { name: 'body', kind: 'markdown', label: r('body'), initial: post.body ?? '' },
                  { name: 'note', kind: 'line', label: r('note'), maxLength: 300 },
                ]}
                schema={editRelayPostInput}
                mutation={trpc.relay.editPost.mutationOptions({ onSuccess: () => (refresh(), close()) })}
                input={(values) => ({ postId: post.id, body: values.body, note: values.note })}
                submitLabel={r('editSubmit')}
                onCancel={close}
              />
            )}
          </DisclosureAction>
        )}
        {post.viewer.canHide && (
          <DisclosureAction label={r('hide')} regionId={`hide-${post.id}`}>
            {(close) => (
              <ActionForm
                formId={`hide-${post.id}`}
                fields={[{ name: 'reason', kind: 'reason', label: r('hideReason') }]}
                schema={hideRelayPostInput}
                mutation={trpc.relay.hidePost.mutationOptions({ onSuccess: () => (refresh(), close()) })}
                input={(values) => ({ postId: post.id, reason: values.reason })}
                submitLabel={r('hideSubmit')}
                onCancel={close}
              />
            )}
          </DisclosureAction>
        )}
      </div>
    </article>
  );
}

function WritePost({ projectId, replyTo }: { projectId: string; replyTo: string | null }) {
  const { r } = useRelayText();
  const formId = replyTo ? `reply-${replyTo}` : `ask-${projectId}`;
  return (
    <DisclosureAction label={replyTo ? r('reply') : r('ask')} regionId={formId} className={replyTo ? undefined : 'button'}>
      {(close) => (
        <ActionForm
          formId={formId}
          fields={[{ name: 'body', kind: 'markdown', label: r('body') }]}
          schema={relayPostInput}
          mutation={trpc.relay.post.mutationOptions({ onSuccess: () => (refresh(), close()) })}
          input={(values) => ({ projectId, replyTo, body: values.body })}
          submitLabel={replyTo ? r('replySubmit') : r('askSubmit')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
