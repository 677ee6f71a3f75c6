// The buyers choose how questions are handled: open discussion (public when asked) or moderated
// Q&A (to the buyers first, published with the answer). Switching never publishes anything.
import { useMutation } from '@tanstack/react-query';
import type { DialogueView, QaMode } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { ConfirmAction } from '../ui/confirm-action.tsx';
import { useAnnounce } from '../ui/live-announcer.tsx';
import { InlineError } from '../ui/query-states.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function QaModeSwitch({ dialogue }: { dialogue: DialogueView }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const other: QaMode = dialogue.qaMode === 'open' ? 'moderated' : 'open';
  const change = useMutation(
    trpc.dialogues.setQaMode.mutationOptions({
      onSuccess: () => {
        announce(t(`qaMode.switched.${other}`));
        void queryClient.invalidateQueries({ queryKey: trpc.dialogues.get.queryKey({ dialogueId: dialogue.id }) });
      },
    }),
  );
  return (
    <div className="qa-mode-switch">
      <p className="field-hint">{t(`qaMode.about.${other}`)}</p>
      <ConfirmAction
        label={t(`qaMode.switchTo.${other}`)}
        question={t('qaMode.confirm')}
        confirmLabel={t(`qaMode.switchTo.${other}`)}
        onConfirm={() => change.mutate({ dialogueId: dialogue.id, qaMode: other })}
        pending={change.isPending}
      />
      <InlineError error={change.error} />
    </div>
  );
}
