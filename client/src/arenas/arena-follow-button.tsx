// Follow an arena, or stop: new dialogues and library items in it become notifications. The button
// says what pressing it does; what happened is said in a polite status next to it.
import { useMutation } from '@tanstack/react-query';
import type { ArenaId } from '@dialogforum/contracts';
import { queryClient, trpc } from '../api.ts';
import { useOutcome } from '../ui/outcome.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { FollowToggle } from '../notifications/follow-toggle.tsx';
import { Link } from '../router.tsx';

export function ArenaFollowButton({ arenaId, following }: { arenaId: ArenaId; following: boolean | null }) {
  const { t } = useI18n();
  const outcome = useOutcome();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.arenas.get.queryKey({ arenaId }) });
  const follow = useMutation(trpc.notifications.follow.mutationOptions({ onSuccess: refresh }));
  const unfollow = useMutation(trpc.notifications.unfollow.mutationOptions({ onSuccess: refresh }));
  if (following === null) {
    return (
      <p className="muted">
        <Link to={`/login?next=${encodeURIComponent(`/arenas/${arenaId}`)}`}>{t('arena.loginToFollow')}</Link>
      </p>
    );
  }
  const pending = follow.isPending || unfollow.isPending;
  const failed = follow.error ?? unfollow.error;
  const toggle = () => {
    if (pending) return;
    outcome.clear();
    if (following) unfollow.mutate({ kind: 'arena', id: arenaId }, { onSuccess: () => outcome.show(t('arena.stoppedFollowing')) });
    else follow.mutate({ kind: 'arena', id: arenaId }, { onSuccess: () => outcome.show(t('arena.nowFollowing')) });
  };
  return (
    <FollowToggle className="follow-arena" following={following} pending={pending} label={t(following ? 'arena.unfollow' : 'arena.follow')}
      onToggle={toggle} outcome={outcome.node} error={failed} />
  );
}
