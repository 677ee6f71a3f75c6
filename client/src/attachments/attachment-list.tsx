// Files on a dialogue or an answer: each a download link with its type and size, the buyer
// organisation that added it and when, whether it was added to the answer later, and for a removed
// one only when and why. Whoever may remove files gets a button per file.
import { attachmentDownloadPath, removeAttachmentInput, type AttachmentView } from '@dialogforum/contracts';
import { trpc } from '../api.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { formatDateTime } from '../i18n/date-format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionForm } from '../ui/action-form.tsx';
import { formatFileSize } from './file-size.ts';

export function AttachmentList({
  attachments,
  label,
  canRemove,
  onRemoved,
}: {
  attachments: AttachmentView[];
  /** What the list is, for screen readers ("Files with the answer"). */
  label: string;
  canRemove: boolean;
  onRemoved: (attachmentId: string) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <ul className="attachment-list" aria-label={label}>
      {attachments.map((attachment) => (
        <li key={attachment.id} className="attachment">
          {attachment.removed || attachment.name === null ? (
            <p className="notice notice-info attachment-removed">
              {t('attachments.removed', { date: formatDateTime(attachment.removed?.at ?? attachment.addedAt, lang), reason: attachment.removed?.reason ?? '' })}
            </p>
          ) : (
            <>
              <a className="attachment-link" href={attachmentDownloadPath(attachment.id)} download={attachment.name}>
                {attachment.name}
              </a>{' '}
              <span className="attachment-meta">
                ({t(`attachments.type.${attachment.fileType}`)}, {formatFileSize(attachment.size, lang)})
                {' · '}
                {t('attachments.addedBy', { organisation: attachment.organisationName, date: formatDateTime(attachment.addedAt, lang) })}
                {attachment.addition ? <span className="badge attachment-addition">{t('attachments.addition')}</span> : null}
              </span>
              {canRemove ? <RemoveAttachment attachment={attachment} name={attachment.name} onRemoved={onRemoved} /> : null}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function RemoveAttachment({ attachment, name, onRemoved }: { attachment: AttachmentView; name: string; onRemoved: (attachmentId: string) => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  return (
    <DisclosureAction label={t('attachments.remove.toggle')} context={name} regionId={`remove-attachment-${attachment.id}`} className="link-button">
      {(close) => (
        <ActionForm
          formId={`remove-attachment-${attachment.id}`}
          fields={[{ name: 'reason', kind: 'reason', label: t('attachments.remove.reason'), hint: t('attachments.remove.reasonHint') }]}
          schema={removeAttachmentInput}
          mutation={trpc.attachments.remove.mutationOptions({
            onSuccess: () => {
              announce(t('attachments.remove.sent', { name }));
              close();
              onRemoved(attachment.id);
            },
          })}
          input={(values) => ({ attachmentId: attachment.id, reason: values.reason })}
          submitLabel={t('attachments.remove.submit')}
          intro={t('attachments.remove.intro')}
          onCancel={close}
        />
      )}
    </DisclosureAction>
  );
}
