import { changeSavedSearchInput, savedSearchRef, saveSearchInput } from '@dialogforum/contracts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { signedInProcedure } from '../../platform/http/procedures.ts';
import { router } from '../../platform/http/trpc.ts';
import { changeSavedSearch, deleteSavedSearch, saveSearch } from './commands.ts';
import { listSavedSearches } from './queries.ts';

const ok = { ok: true as const };

// Each person's own. Their mail is stopped through notifications.unsubscribe (the signed link says which search).
export const savedSearchesRouter = router({
  list: signedInProcedure.query(({ ctx }) => listSavedSearches(ctx.services.store, ctx.actor)),
  save: signedInProcedure.input(saveSearchInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'savedSearchWritesPerPerson', byUser);
    return saveSearch(ctx.services, ctx.actor, input);
  }),
  change: signedInProcedure.input(changeSavedSearchInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'savedSearchWritesPerPerson', byUser);
    await changeSavedSearch(ctx.services, ctx.actor, input);
    return ok;
  }),
  remove: signedInProcedure.input(savedSearchRef).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'savedSearchWritesPerPerson', byUser);
    await deleteSavedSearch(ctx.services, ctx.actor, input.savedSearchId);
    return ok;
  }),
});
