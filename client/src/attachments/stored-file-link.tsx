// One stored file as a download: its name as the link, then its type and size and what the place
// says of it (who attached it, when, to which version). Shared by the places whose files are never
// removed (network and arena library items), so each says only its own detail.
import type { AttachmentFileType } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatFileSize } from './file-size.ts';

export function StoredFileLink({ file, href, detail }: { file: { name: string; fileType: AttachmentFileType; size: number }; href: string; detail: string }) {
  const { t, lang } = useI18n();
  return (
    <>
      <a className="attachment-link" href={href} download={file.name}>
        {file.name}
      </a>{' '}
      <span className="attachment-meta">
        ({t(`attachments.type.${file.fileType}`)}, {formatFileSize(file.size, lang)}) · {detail}
      </span>
    </>
  );
}
