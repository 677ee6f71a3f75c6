// The files of a network library item, for the network's members: each a download (with its type,
// size, who attached it, when, and to which version), oldest first, none ever removed — a new
// version keeps the earlier ones. Members of a live network attach more through the same upload
// field as dialogue attachments (the same size limit, types and translated refusals). A file
// another member attaches arrives through the network's room, which refetches the item.
import { networkFileDownloadPath, networkFileUploadPath, type NetworkItemView, type UploadedNetworkItemFile } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FileUploadField } from '../attachments/file-upload-field.tsx';
import { StoredFileLink } from '../attachments/stored-file-link.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useNetworksText } from './networks-text.ts';

export function NetworkItemFiles({ item, title }: { item: NetworkItemView; title: string }) {
  const { t } = useI18n();
  const { n, lang } = useNetworksText();
  const announce = useAnnounce();
  const current = item.versions[0]?.version ?? 1;
  return (
    <section aria-labelledby="network-item-files" className="page-section network-item-files">
      <h2 id="network-item-files">{n('files')}</h2>
      {item.files.length === 0 ? (
        <p className="empty-state">{n(item.viewer.mayAttach ? 'noFilesForMembers' : 'noFiles')}</p>
      ) : (
        <ul className="attachment-list" aria-label={n('filesOf', { title })}>
          {item.files.map((file) => (
            <li key={file.id} className="attachment">
              <StoredFileLink
                file={file}
                href={networkFileDownloadPath(file.id)}
                detail={n('fileAdded', { organisation: file.organisationName, date: formatDateTime(file.addedAt, lang), version: file.version })}
              />
            </li>
          ))}
        </ul>
      )}
      {item.viewer.mayAttach && (
        <DisclosureAction label={t('attachments.upload.toggle')} context={title} regionId="network-item-upload" className="button button-secondary button-small">
          {(close) => (
            <FileUploadField<UploadedNetworkItemFile>
              uploadPath={networkFileUploadPath(item.id)}
              label={t('attachments.upload.field')}
              hint={n('fileHint', { version: current })}
              autoUpload={false}
              notAllowed={n('filesNotAllowed')}
              onUploaded={({ file }) => {
                announce(t('attachments.upload.done', { name: file.name }));
                close();
                void queryClient.invalidateQueries({ queryKey: trpc.networks.libraryItem.queryKey({ itemId: item.id }) });
              }}
            />
          )}
        </DisclosureAction>
      )}
    </section>
  );
}
