// The dialogue's own files (tender documents, requirement drafts …) on its page: listed for everyone
// who may see the dialogue; the owning buyers attach and remove them. Kept live: an upload or a
// removal moves the dialogue's change counter, its room says the dialogue changed, the page fetches
// the dialogue again, and a new counter here fetches the files again.
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { attachmentUploadPath, type AttachmentView, type DialogueView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { ErrorNotice, Loading } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { AttachmentList } from './attachment-list.tsx';
import { FileUploadField } from './file-upload-field.tsx';

export function DialogueAttachments({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const files = useQuery(trpc.attachments.ofDialogue.queryOptions({ dialogueId: dialogue.id }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.attachments.ofDialogue.queryKey({ dialogueId: dialogue.id }) });
  const seenChange = useRef(dialogue.change);
  useEffect(() => {
    if (dialogue.change === seenChange.current) return;
    seenChange.current = dialogue.change;
    void queryClient.invalidateQueries({ queryKey: trpc.attachments.ofDialogue.queryKey({ dialogueId: dialogue.id }) });
  }, [dialogue.id, dialogue.change]);
  // What this viewer did is announced where it was done, not again as news.
  const ownActs = useRef(new Set<string>());
  useAnnouncedChanges(files.data?.attachments, ownActs.current);

  if (files.isPending) return <Loading />;
  if (files.isError) return <ErrorNotice title={t('attachments.loadError')} error={files.error} onRetry={() => void files.refetch()} />;
  const { attachments, canAttach, canRemove } = files.data;
  // Readers are not shown an empty section; the buyers are, with how to fill it.
  if (attachments.length === 0 && !canAttach) return null;

  return (
    <section aria-labelledby="dialogue-attachments-heading" className="dialogue-attachments">
      <h2 id="dialogue-attachments-heading">{t('attachments.title')}</h2>
      {attachments.length > 0 ? (
        <AttachmentList
          attachments={attachments}
          label={t('attachments.ofDialogue')}
          canRemove={canRemove}
          onRemoved={(attachmentId) => {
            ownActs.current.add(attachmentId);
            refresh();
          }}
        />
      ) : (
        <p className="empty-state">{t('attachments.emptyForBuyers')}</p>
      )}
      {canAttach && (
        <DisclosureAction label={t('attachments.upload.toggle')} context={dialogue.title} regionId="dialogue-attachment-upload" className="button button-secondary button-small">
          {(close) => (
            <FileUploadField
              uploadPath={attachmentUploadPath('toDialogue', dialogue.id)}
              label={t('attachments.upload.field')}
              hint={t('attachments.upload.hintDialogue')}
              autoUpload={false}
              onUploaded={({ attachment }) => {
                ownActs.current.add(attachment.id);
                announce(t('attachments.upload.done', { name: attachment.name ?? '' }));
                close();
                refresh();
              }}
            />
          )}
        </DisclosureAction>
      )}
    </section>
  );
}

/**
 * Says politely what others changed while the page is open: a file added (by name) or removed. The
 * first list is what the page opened with; the viewer's own upload is announced where it was made.
 */
function useAnnouncedChanges(attachments: AttachmentView[] | undefined, ownActs: Set<string>) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const known = useRef<Map<string, boolean> | null>(null);
  useEffect(() => {
    if (!attachments) return;
    const before = known.current;
    known.current = new Map(attachments.map((attachment) => [attachment.id, attachment.removed !== null]));
    if (!before) return;
    const news = attachments.filter((attachment) => !ownActs.has(attachment.id));
    const added = news.filter((attachment) => !before.has(attachment.id) && attachment.name !== null);
    const removed = news.filter((attachment) => attachment.removed !== null && before.get(attachment.id) === false);
    if (added.length > 0) announce(t('attachments.live.added', { names: added.map((attachment) => attachment.name).join(', ') }));
    else if (removed.length > 0) announce(t('attachments.live.removed'));
  }, [attachments, ownActs, announce, t]);
}
