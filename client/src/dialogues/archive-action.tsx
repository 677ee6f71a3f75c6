// The buyers archive a dialogue (no new questions, listed apart) or bring it back, after one more
// question in place; everyone with the page open sees the change at once (dialogue.changed).
import { useMutation } from '@tanstack/react-query';
import type { DialogueView } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function ArchiveAction({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const archived = dialogue.archivedAt !== null;
  const change = useMutation(
    trpc.dialogues.setArchived.mutationOptions({
      onSuccess: async () => {
        announce(t(archived ? 'archive.restored' : 'archive.archived'));
        await queryClient.invalidateQueries({ queryKey: trpc.dialogues.pathKey() });
      },
    }),
  );
  return (
    <div className="archive-action">
      <ConfirmAction
        label={t(archived ? 'archive.restore' : 'archive.archive')}
        question={t(archived ? 'archive.restoreConfirm' : 'archive.confirm')}
        confirmLabel={t(archived ? 'archive.restore' : 'archive.archive')}
        onConfirm={() => change.mutate({ dialogueId: dialogue.id, archived: !archived })}
        pending={change.isPending}
      />
      <InlineError error={change.error} />
    </div>
  );
}
