// Follow or stop following a dialogue or one question. The button says what pressing it does; what
// happened is said in a polite status next to it, and focus stays on the button.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { FollowKind } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useOutcome } from '../ui/outcome.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useMe } from '../session.ts';
import { FollowToggle } from './follow-toggle.tsx';

/** What the signed-in person follows in a dialogue (one query for the page's buttons); null when signed out. */
export function useFollowState(dialogueId: string) {
  const me = useMe();
  const state = useQuery({ ...trpc.notifications.followState.queryOptions({ dialogueId }), enabled: Boolean(me.data) });
  return me.data ? state.data : undefined;
}

export function FollowButton({ kind, id, dialogueId }: { kind: Exclude<FollowKind, 'arena'>; id: string; dialogueId: string }) {
  const { t } = useI18n();
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

  return <FollowToggle className={`follow-${kind}`} following={following} pending={pending} label={t(label)} onToggle={toggle} outcome={outcome.node} error={failed} />;
}
