// One post of a network discussion. Its author edits it (the earlier texts stay, for every member
// to open); an admin organisation's person or a moderator hides it with a reason, and it keeps its
// place saying when and why. Having hidden it, the keyboard lands on that note, as the button is gone.
import { useEffect, useRef, useState } from 'react';
import { editNetworkPostInput, hideNetworkPostInput, type NetworkPostView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useNetworksText } from './networks-text.ts';

const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });

export function NetworkPost({ post }: { post: NetworkPostView }) {
  const { n, lang } = useNetworksText();
  const [justHid, setJustHid] = useState(false);
  const hiddenNote = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (justHid && post.hidden) hiddenNote.current?.focus();
  }, [justHid, post.hidden]);
  const byline = n('byline', { name: post.authorName, organisation: post.organisationName });
  return (
    <article className="relay-post" aria-label={byline}>
      <p className="post-meta">
        <strong>{post.authorName}</strong>, {post.organisationName} · <time dateTime={post.at}>{formatDateTime(post.at, lang)}</time>
        {post.editedAt && <> · {n('edited', { date: formatDateTime(post.editedAt, lang) })}</>}
      </p>
      {post.hidden ? (
        <p ref={hiddenNote} tabIndex={-1} className="notice notice-info network-post-hidden">
          {n('hiddenNote', { date: formatDateTime(post.hidden.at, lang), reason: post.hidden.reason })}
        </p>
      ) : (
        <SafeMarkdown source={post.body ?? ''} />
      )}
      {post.earlier.length > 0 && (
        <details className="network-post-earlier">
          <summary>{n('earlier', { count: String(post.earlier.length) })}</summary>
          <ol className="plain-list">
            {post.earlier.map((version) => (
              <li key={version.at}>
                <p className="post-meta">
                  <time dateTime={version.at}>{formatDateTime(version.at, lang)}</time>
                </p>
                <SafeMarkdown source={version.body} />
              </li>
            ))}
          </ol>
        </details>
      )}
      <div className="owner-actions">
        {post.viewer.mayEdit && (
          <DisclosureAction label={n('edit')} context={byline} regionId={`network-edit-${post.id}`}>
            {(close) => (
              <ActionForm
                formId={`network-edit-${post.id}`}
                fields={[{ name: 'body', kind: 'markdown', label: n('fieldBody'), initial: post.body ?? '' }]}
                schema={editNetworkPostInput}
                mutation={trpc.networks.editPost.mutationOptions({ onSuccess: () => (refresh(), close()) })}
                input={(values) => ({ postId: post.id, body: values.body })}
                intro={n('editIntro')}
                submitLabel={n('editSubmit')}
                onCancel={close}
              />
            )}
          </DisclosureAction>
        )}
        {post.viewer.mayHide && (
          <DisclosureAction label={n('hide')} context={byline} regionId={`network-hide-${post.id}`}>
            {(close) => (
              <ActionForm
                formId={`network-hide-${post.id}`}
                fields={[{ name: 'reason', kind: 'reason', label: n('hideReason') }]}
                schema={hideNetworkPostInput}
                mutation={trpc.networks.hidePost.mutationOptions({ onSuccess: () => (setJustHid(true), refresh(), close()) })}
                input={(values) => ({ postId: post.id, reason: values.reason })}
                intro={n('hideIntro')}
                submitLabel={n('hideSubmit')}
                onCancel={close}
              />
            )}
          </DisclosureAction>
        )}
      </div>
    </article>
  );
}
