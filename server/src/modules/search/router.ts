import { searchInput } from '@dialogforum/contracts';
import { byAddress, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { searchFor } from './queries.ts';

export const searchRouter = router({
  query: publicProcedure.input(searchInput).query(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'searchPerAddress', byAddress);
    return searchFor(ctx.services.store, ctx.services.search, ctx.actor, input);
  }),
});
