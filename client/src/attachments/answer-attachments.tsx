// The files of an official answer, under it; the owning buyers add a file to a published answer
// later (shown as a later addition to everyone) and remove one with a reason, as moderators may.
// Live: an addition or removal changes the thread, which is pushed to everyone watching.
import { attachmentUploadPath, type PostView, type ThreadView } from '@dialogforum/contracts';
import { DisclosureAction } from '../ui/disclosure-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { isModerator } from '../session.ts';
import { useThreads } from '../threads/threads-context.tsx';
import { AttachmentList } from './attachment-list.tsx';
import { FileUploadField } from './file-upload-field.tsx';

export function AnswerAttachments({ post, thread }: { post: PostView; thread: ThreadView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { dialogue, me, store } = useThreads();
  if (post.kind !== 'answer' || !post.official || post.hidden !== null) return null;
  const canAttach = dialogue.viewer.canAnswer && me?.emailVerified === true;
  const canRemove = canAttach || isModerator(me);
  if (post.attachments.length === 0 && !canAttach) return null;

  return (
    <div className="answer-attachments">
      {post.attachments.length > 0 && (
        <AttachmentList attachments={post.attachments} label={t('attachments.ofAnswer')} canRemove={canRemove} onRemoved={() => void store.catchUp()} />
      )}
      {canAttach && (
        <DisclosureAction label={t('attachments.addToAnswer')} context={thread.title ?? t('threads.hiddenTitle')} regionId={`attach-${post.id}`} className="link-button">
          {(close) => (
            <FileUploadField
              uploadPath={attachmentUploadPath('toAnswer', post.id)}
              label={t('attachments.upload.field')}
              hint={t('attachments.upload.hintAddition')}
              autoUpload={false}
              onUploaded={({ attachment }) => {
                announce(t('attachments.upload.done', { name: attachment.name ?? '' }));
                close();
                void store.catchUp();
              }}
            />
          )}
        </DisclosureAction>
      )}
    </div>
  );
}
