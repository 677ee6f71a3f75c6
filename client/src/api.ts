// The tRPC client (HTTP batching, session cookie sent same-origin), the query cache and the typed
// query/mutation option factories the pages use: `useQuery(trpc.dialogues.get.queryOptions(...))`.
import { MutationCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { MAX_CALLS_PER_REQUEST } from '@dialogforum/contracts';
import type { AppRouter } from '@dialogforum/server/src/app-router.ts';
import { appErrorCode } from './app-error.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal (not found, forbidden, invalid input) will not change by asking again; only
      // network trouble and server faults are retried.
      retry: (failureCount, error) => {
        const code = appErrorCode(error);
        return (code === 'NETWORK' || code === 'INTERNAL') && failureCount < 2;
      },
    },
  },
  mutationCache: new MutationCache({
    // A refusal can mean that what this tab knows about its viewer is out of date: the session was
    // ended on another device (logging out ends every session), or the e-mail address was
    // confirmed or not yet in another tab. Asking again puts the header, banner and forms right.
    onError: (error) => {
      const code = appErrorCode(error);
      if (code === 'UNAUTHENTICATED' || code === 'EMAIL_NOT_VERIFIED') {
        void queryClient.invalidateQueries({ queryKey: trpc.accounts.me.queryKey() });
      }
      // The server says the dialogue closed (its deadline passed, or it was archived) while this
      // page thought it open: read it again, so the page shows it closed.
      if (code === 'DEADLINE_PASSED' || code === 'DIALOGUE_ARCHIVED') {
        void queryClient.invalidateQueries({ queryKey: trpc.dialogues.get.pathKey() });
      }
    },
  }),
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // The server refuses a request with more calls than this (BATCH_TOO_LARGE); more are split.
      maxItems: MAX_CALLS_PER_REQUEST,
      fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
