// The files of a library item's shown version (those attached to it or to an earlier one), each a
// download with its type, size, when and to which version it was attached, oldest first, none ever
// removed. The publisher (the organisation's buyers, or a moderator) attaches more to the current
// version through the same upload field as every attachment (the same size limit, types and
// translated refusals). A withdrawn item's files are no longer served, so the page shows none.
import { libraryFileDownloadPath, libraryFileUploadPath, type LibraryItemView, type UploadedLibraryItemFile } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { FileUploadField } from '../attachments/file-upload-field.tsx';
import { StoredFileLink } from '../attachments/stored-file-link.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useLibraryFilesText } from './library-files-text.ts';

export function LibraryItemFiles({ item }: { item: LibraryItemView }) {
  const { f, t, lang } = useLibraryFilesText();
  const announce = useAnnounce();
  const title = item.shown.title;
  return (
    <section aria-labelledby="library-item-files" className="page-section library-item-files">
      <h2 id="library-item-files">{f('files')}</h2>
      {item.files.length === 0 ? (
        <p className="empty-state">{f(item.viewer.canAttach ? 'noFilesForPublisher' : 'noFiles')}</p>
      ) : (
        <ul className="attachment-list" aria-label={f('filesOf', { title })}>
          {item.files.map((file) => (
            <li key={file.id} className="attachment">
              <StoredFileLink file={file} href={libraryFileDownloadPath(file.id)} detail={f('fileAdded', { date: formatDateTime(file.addedAt, lang), version: file.version })} />
            </li>
          ))}
        </ul>
      )}
      {item.viewer.canAttach && (
        <DisclosureAction label={t('attachments.upload.toggle')} context={title} regionId="library-item-upload" className="button button-secondary button-small">
          {(close) => (
            <FileUploadField<UploadedLibraryItemFile>
              uploadPath={libraryFileUploadPath(item.id)}
              label={t('attachments.upload.field')}
              hint={f('fileHint', { version: item.version })}
              autoUpload={false}
              notAllowed={f('filesNotAllowed')}
              onUploaded={({ file }) => {
                announce(t('attachments.upload.done', { name: file.name }));
                close();
                void queryClient.invalidateQueries({ queryKey: trpc.library.pathKey() });
              }}
            />
          )}
        </DisclosureAction>
      )}
    </section>
  );
}
