// "/networks/discussions/:id" — one discussion of a network, for its members alone; to anyone else
// it does not exist. No supplier takes part, and the page says where words for the market belong.
import { useQuery } from '@tanstack/react-query';
import { networkPostInput, type NetworkDiscussionView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { Link } from '../router.tsx';
import { NetworkPost } from './network-post.tsx';
import { useNetworkRoom } from './network-room.ts';
import { useNetworksText } from './networks-text.ts';

export function NetworkDiscussionPage({ params }: { params: Record<string, string> }) {
  const { n } = useNetworksText();
  const discussionId = params.id ?? '';
  const discussion = useQuery(trpc.networks.discussion.queryOptions({ discussionId }));
  useNetworkRoom(discussion.data?.networkId ?? '', discussion.isSuccess);
  if (discussion.isPending) return <Loading />;
  if (discussion.isError) {
    const missing = appErrorCode(discussion.error) === 'NOT_FOUND' || appErrorCode(discussion.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{n(missing ? 'discussionNotFound' : 'loadError')}</PageHeading>
        {missing ? <p>{n('notFoundText')}</p> : <ErrorNotice title={n('loadError')} error={discussion.error} onRetry={() => void discussion.refetch()} />}
      </>
    );
  }
  return <DiscussionContent discussion={discussion.data} />;
}

function DiscussionContent({ discussion }: { discussion: NetworkDiscussionView }) {
  const { n } = useNetworksText();
  return (
    <article aria-labelledby="network-discussion-title" className="network-discussion">
      <p className="breadcrumb">
        <Link to={`/networks/${encodeURIComponent(discussion.networkId)}`}>{discussion.networkName}</Link>
      </p>
      <PageHeading id="network-discussion-title" title={discussion.title}>
        {discussion.title}
      </PageHeading>
      <p className="notice notice-info">{n('equalTreatment')}</p>
      <ol className="plain-list network-posts">
        {discussion.posts.map((post) => (
          <li key={post.id}>
            <NetworkPost post={post} />
          </li>
        ))}
      </ol>
      {discussion.mayPost && (
        <DisclosureAction label={n('reply')} regionId="network-reply-panel" className="button">
          {(close) => (
            <ActionForm
              formId="network-reply"
              fields={[{ name: 'body', kind: 'markdown', label: n('fieldBody') }]}
              schema={networkPostInput}
              mutation={trpc.networks.post.mutationOptions({ onSuccess: () => (void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() }), close()) })}
              input={(values) => ({ discussionId: discussion.id, body: values.body })}
              submitLabel={n('replySubmit')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
    </article>
  );
}
