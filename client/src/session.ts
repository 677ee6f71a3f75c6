// Who is signed in. The session itself is an HttpOnly cookie; the client only knows `accounts.me`.
// When the session changes every cached view is refetched (views depend on the viewer) and the
// socket reconnects so its rooms match the new viewer.
import { useQuery } from '@tanstack/react-query';
import type { Me } from '@dialogforum/contracts';
import { queryClient, trpc } from './api.ts';
import { restartSocketForNewSession } from './realtime.ts';

export function useMe() {
  return useQuery({ ...trpc.accounts.me.queryOptions(), staleTime: 60_000 });
}

export function isBuyer(me: Me | null | undefined): boolean {
  return me?.representation === 'buyer' || me?.organisation.kind === 'buyer';
}

export async function sessionChanged(me: Me | null): Promise<void> {
  queryClient.setQueryData(trpc.accounts.me.queryKey(), me);
  restartSocketForNewSession();
  await queryClient.invalidateQueries({
    predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(trpc.accounts.me.queryKey()),
  });
}
