// Who is signed in. The session itself is an HttpOnly cookie; the client only knows `accounts.me`.
// When the session changes every cached view is refetched (views depend on the viewer) and the
// socket reconnects so its rooms match the new viewer.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Me } from '@dialogforum/contracts';
import { queryClient, trpc } from './api.ts';
import { navigate } from './router.tsx';

export function useMe() {
  return useQuery({
    ...trpc.accounts.me.queryOptions(),
    staleTime: 60_000,
    // Someone waiting for the confirmation mail usually opens the link in another tab; coming back
    // to this one shows the forms at once instead of after a minute.
    refetchOnWindowFocus: (query) => (query.state.data?.emailVerified === false ? 'always' : true),
  });
}

export function isBuyer(me: Me | null | undefined): boolean {
  return me?.representation === 'buyer' || me?.organisation?.kind === 'buyer';
}

/** Moderators and admins verify organisations and read the audit log (the server checks again). */
export function isModerator(me: Me | null | undefined): boolean {
  return me?.platformRole === 'moderator' || me?.platformRole === 'admin';
}

export async function sessionChanged(me: Me | null): Promise<void> {
  queryClient.setQueryData(trpc.accounts.me.queryKey(), me);
  restartLiveConnection();
  await queryClient.invalidateQueries({
    predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(trpc.accounts.me.queryKey()),
  });
}

/** Logging out ends every session of the person, on every device; then this tab goes home. */
export function useLogout() {
  return useMutation(
    trpc.accounts.logout.mutationOptions({
      onSuccess: () => {
        void sessionChanged(null);
        navigate('/');
      },
    }),
  );
}

/**
 * The viewer's memberships changed (joined, left, switched the organisation they act for): what
 * they may see and do changes with them, so every view is fetched again and the socket reconnects
 * to join its rooms as the organisation the person now acts for.
 */
export async function viewerChanged(): Promise<void> {
  restartLiveConnection();
  await queryClient.invalidateQueries();
}

/**
 * The live connection (socket.io) comes with the first dialogue page, not with the first load of
 * the app. Once it is loaded, this reaches it at once; before, there is no socket to restart.
 */
function restartLiveConnection(): void {
  void import('./realtime.ts').then((live) => live.restartSocketForNewSession());
}
