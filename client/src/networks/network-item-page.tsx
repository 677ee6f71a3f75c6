// "/networks/library/:id" — one item of a network's own library, for its members alone; to anyone
// else it does not exist. The current version first, every earlier one a click away, and revising
// (a new version with a note saying what changed); its files, downloaded and attached by members.
import { useQuery } from '@tanstack/react-query';
import { reviseNetworkItemInput, type NetworkItemView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { appErrorCode } from '../app-error.ts';
import { formatDateTime } from '../i18n/date-format.ts';
import { Link } from '../router.tsx';
import { ActionForm } from '../ui/action-form.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { PageHeading } from '../ui/page-heading.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { SafeMarkdown } from '../ui/safe-markdown.tsx';
import { NetworkItemFiles } from './network-item-files.tsx';
import { useNetworkRoom } from './network-room.ts';
import { useNetworksText } from './networks-text.ts';

export function NetworkItemPage({ params }: { params: Record<string, string> }) {
  const { n } = useNetworksText();
  const itemId = params.id ?? '';
  const item = useQuery(trpc.networks.libraryItem.queryOptions({ itemId }));
  useNetworkRoom(item.data?.networkId ?? '', item.isSuccess);
  if (item.isPending) return <Loading />;
  if (item.isError) {
    const missing = appErrorCode(item.error) === 'NOT_FOUND' || appErrorCode(item.error) === 'VALIDATION';
    return (
      <>
        <PageHeading>{n(missing ? 'itemNotFound' : 'loadError')}</PageHeading>
        {missing ? <p>{n('notFoundText')}</p> : <ErrorNotice title={n('loadError')} error={item.error} onRetry={() => void item.refetch()} />}
      </>
    );
  }
  return <ItemContent item={item.data} />;
}

function ItemContent({ item }: { item: NetworkItemView }) {
  const { n, lang } = useNetworksText();
  const [current, ...earlier] = item.versions;
  if (!current) return null;
  return (
    <article aria-labelledby="network-item-title" className="network-item">
      <p className="breadcrumb">
        <Link to={`/networks/${encodeURIComponent(item.networkId)}`}>{item.networkName}</Link>
      </p>
      <PageHeading id="network-item-title" title={current.title}>
        {current.title}
      </PageHeading>
      <p className="post-meta">
        {n('itemByline', { organisation: item.organisationName, version: current.version })} · {current.authorName},{' '}
        <time dateTime={current.at}>{formatDateTime(current.at, lang)}</time>
        {current.note && ` · ${current.note}`}
      </p>
      <SafeMarkdown source={current.body} />
      <NetworkItemFiles item={item} title={current.title} />
      {item.viewer.mayRevise && (
        <DisclosureAction label={n('reviseItem')} regionId="network-revise-item">
          {(close) => (
            <ActionForm
              formId="network-revise-item"
              fields={[
                { name: 'title', kind: 'line', label: n('fieldTitle'), maxLength: 200, initial: current.title },
                { name: 'body', kind: 'markdown', label: n('fieldItemBody'), initial: current.body },
                { name: 'note', kind: 'line', label: n('fieldNote'), maxLength: 300 },
              ]}
              schema={reviseNetworkItemInput}
              mutation={trpc.networks.reviseItem.mutationOptions({ onSuccess: () => (void queryClient.invalidateQueries({ queryKey: trpc.networks.pathKey() }), close()) })}
              input={(values) => ({ itemId: item.id, title: values.title, body: values.body, note: values.note })}
              submitLabel={n('reviseItemSubmit')}
              onCancel={close}
            />
          )}
        </DisclosureAction>
      )}
      {earlier.length > 0 && (
        <section aria-labelledby="network-item-versions" className="page-section">
          <h2 id="network-item-versions">{n('itemVersions')}</h2>
          <ol className="plain-list">
            {earlier.map((version) => (
              <li key={version.version}>
                <details>
                  <summary>
                    {n('itemVersion', { version: version.version, title: version.title })} · {version.authorName}, {formatDateTime(version.at, lang)}
                    {version.note && ` · ${version.note}`}
                  </summary>
                  <SafeMarkdown source={version.body} />
                </details>
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}
