// Follow or stop following a dialogue or one question. The button says what pressing it does; what
// happened is said in a polite status next to it, and focus stays on the button.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { FollowKind } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { describeError } from '../app-error.ts';
import { useOutcome } from '../components/outcome.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMe } from '../session.ts';

/** What the signed-in person follows in a dialogue (one query for the page's buttons); null when signed out. */
export function useFollowState(dialogueId: string) {
  const me = useMe();
  const state = useQuery({ ...trpc.notifications.followState.queryOptions({ dialogueId }), enabled: Boolean(me.data) });
  return me.data ? state.data : undefined;
}

export function FollowButton({ kind, id, dialogueId }: { kind: Exclude<FollowKind, 'arena'>; id: string; dialogueId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const state = useFollowState(dialogueId);
  const outcome = useOutcome();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.notifications.followState.queryKey({ dialogueId }) });
  const follow = useMutation(trpc.notifications.follow.mutationOptions({ onSuccess: refresh }));
  const unfollow = useMutation(trpc.notifications.unfollow.mutationOptions({ onSuccess: refresh }));
  if (!state) return null;
  const following = kind === 'dialogue' ? state.dialogue : state.threads.includes(id);
  const pending = follow.isPending || unfollow.isPending;
  const failed = follow.error ?? unfollow.error;

  const toggle = () => {
    if (pending) return;
    outcome.clear();
    if (following) {
      unfollow.mutate({ kind, id }, { onSuccess: () => outcome.show(t(kind === 'dialogue' ? 'follow.stoppedDialogue' : 'follow.stoppedThread')) });
    } else {
      follow.mutate({ kind, id }, { onSuccess: () => outcome.show(t(kind === 'dialogue' ? 'follow.followingDialogue' : 'follow.followingThread')) });
    }
  };
  const label = following ? (kind === 'dialogue' ? 'follow.dialogueStop' : 'follow.threadStop') : kind === 'dialogue' ? 'follow.dialogue' : 'follow.thread';

  return (
    <div className={`follow follow-${kind}`}>
      {/* aria-disabled, not disabled: a disabled button loses the keyboard focus while the call runs. */}
      <button type="button" className="button button-secondary button-small" onClick={toggle} aria-disabled={pending}>
        <span aria-hidden="true">{following ? '★ ' : '☆ '}</span>
        {t(label)}
      </button>
      {outcome.node}
      {failed && (
        <p className="notice notice-error" role="alert">
          {describeError(failed, i18n)}
        </p>
      )}
    </div>
  );
}
