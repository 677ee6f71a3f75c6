// A network's own library on its page: the members' shared material, most recently changed first,
// and publishing a new item. Members only — the server sends no items to anyone else.
import { publishNetworkItemInput, type NetworkView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { formatDate } from '../i18n/date-format.ts';
import { Link, navigate } from '../router.tsx';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkLibrary({ network }: { network: NetworkView }) {
  const { n, lang } = useNetworksText();
  return (
    <section aria-labelledby="network-library-heading" className="page-section">
      <h2 id="network-library-heading">{n('library')}</h2>
      <p>{n('libraryIntro')}</p>
      {network.library.length === 0 ? (
        <p className="empty-state">{n('noLibrary')}</p>
      ) : (
        <ul className="plain-list" aria-labelledby="network-library-heading">
          {network.library.map((item) => (
            <li key={item.id}>
              <Link to={`/networks/library/${encodeURIComponent(item.id)}`}>{item.title}</Link>
              <span className="network-facts"> · {n('itemFacts', { version: item.version, date: formatDate(item.updatedAt, lang) })}</span>
            </li>
          ))}
        </ul>
      )}
      {!network.dissolved && (
        <DisclosureAction label={n('publishItem')} regionId="network-publish-item" className="button">
          {(close) => (
            <ActionForm
              formId="network-publish-item"
              fields={[
                { name: 'title', kind: 'line', label: n('fieldTitle'), maxLength: 200 },
                { name: 'body', kind: 'markdown', label: n('fieldItemBody') },
              ]}
              schema={publishNetworkItemInput}
              mutation={trpc.networks.publishItem.mutationOptions({
                onSuccess: ({ itemId }) => {
                  void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() });
                  navigate(`/networks/library/${encodeURIComponent(itemId)}`);
                },
              })}
              input={(values) => ({ networkId: network.id, title: values.title, body: values.body })}
              submitLabel={n('publishItemSubmit')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
    </section>
  );
}
