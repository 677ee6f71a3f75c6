// Files chosen while writing an answer (answer, publish, private answer): each is uploaded at once
// as a draft that only its uploader sees, listed with a way to leave it out, and its id goes with
// the answer, which publishes them together. The form waits while a file is still uploading.
import { useState, type ReactNode } from 'react';
import { attachmentUploadPath, MAX_ATTACHMENTS_PER_ANSWER, type AttachmentView } from '@dialogforum/contracts';
import { useI18n } from '../i18n/i18n.tsx';
import { FileUploadField } from './file-upload-field.tsx';
import { formatFileSize } from './file-size.ts';

export type AnswerDrafts = {
  /** What the answer's input names as `attachmentIds`. */
  ids: string[];
  /** The files field and the list of chosen files, for the answer form. */
  field: ReactNode;
  /** A file is still uploading: the answer must not go without it. */
  busy: boolean;
};

export function DraftAttachments({ threadId, children }: { threadId: string; children: (drafts: AnswerDrafts) => ReactNode }) {
  const { t, lang } = useI18n();
  const [drafts, setDrafts] = useState<AttachmentView[]>([]);
  const [busy, setBusy] = useState(false);
  const field = (
    <div className="draft-attachments">
      {drafts.length > 0 && (
        <ul className="attachment-list" aria-label={t('attachments.drafts.list')}>
          {drafts.map((draft) => (
            <li key={draft.id} className="attachment">
              {draft.name}{' '}
              <span className="attachment-meta">
                ({t(`attachments.type.${draft.fileType}`)}, {formatFileSize(draft.size, lang)})
              </span>{' '}
              <button type="button" className="link-button" onClick={() => setDrafts((current) => current.filter((other) => other.id !== draft.id))}>
                {t('attachments.drafts.leaveOut', { name: draft.name ?? '' })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {drafts.length < MAX_ATTACHMENTS_PER_ANSWER && (
        <FileUploadField
          uploadPath={attachmentUploadPath('draftForThread', threadId)}
          label={t('attachments.drafts.field')}
          hint={t('attachments.drafts.hint')}
          autoUpload
          onUploadingChange={setBusy}
          onUploaded={({ attachment }) => setDrafts((current) => [...current, attachment])}
        />
      )}
    </div>
  );
  return <>{children({ ids: drafts.map((draft) => draft.id), field, busy })}</>;
}
