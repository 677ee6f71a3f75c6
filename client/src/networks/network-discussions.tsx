// A network's discussions: the list, newest activity first, and starting one. Members only — the
// server sends no discussions to anyone else.
import { startNetworkDiscussionInput, type NetworkView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { formatDate } from '../i18n/date-format.ts';
import { Link, navigate } from '../router.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkDiscussions({ network }: { network: NetworkView }) {
  const { n, lang } = useNetworksText();
  return (
    <section aria-labelledby="network-discussions-heading" className="page-section">
      <h2 id="network-discussions-heading">{n('discussions')}</h2>
      <p className="notice notice-info">{n('equalTreatment')}</p>
      {network.discussions.length === 0 ? (
        <p className="empty-state">{n('noDiscussions')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby="network-discussions-heading">
          {network.discussions.map((discussion) => (
            <li key={discussion.id}>
              <Link to={`/networks/discussions/${encodeURIComponent(discussion.id)}`}>{discussion.title}</Link>
              <span className="network-facts"> · {n('posts', { count: discussion.postCount, date: formatDate(discussion.lastPostAt, lang) })}</span>
            </li>
          ))}
        </ul>
      )}
      {!network.dissolved && (
        <DisclosureAction label={n('startDiscussion')} regionId="network-start-panel" className="button">
          {(close) => (
            <ActionForm
              formId="network-start"
              fields={[
                { name: 'title', kind: 'line', label: n('fieldTitle'), maxLength: 200 },
                { name: 'body', kind: 'markdown', label: n('fieldBody') },
              ]}
              schema={startNetworkDiscussionInput}
              mutation={trpc.networks.startDiscussion.mutationOptions({
                onSuccess: ({ discussionId }) => {
                  void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
                  navigate(`/networks/discussions/${encodeURIComponent(discussionId)}`);
                },
              })}
              input={(values) => ({ networkId: network.id, title: values.title, body: values.body })}
              submitLabel={n('startSubmit')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
    </section>
  );
}
