import { libraryItemInput, listLibraryInput, publishLibraryItemInput, reviseLibraryItemInput, withdrawLibraryItemInput } from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { publishLibraryItem, reviseLibraryItem, withdrawLibraryItem } from './commands.ts';
import { getLibraryItem, listLibrary } from './queries.ts';

export const libraryRouter = router({
  list: publicProcedure.input(listLibraryInput).query(({ ctx, input }) => listLibrary(ctx.services.store, ctx.actor, input)),
  get: publicProcedure.input(libraryItemInput).query(({ ctx, input }) => getLibraryItem(ctx.services.store, ctx.actor, input.itemId, input.version)),
  publish: confirmedProcedure.input(publishLibraryItemInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'libraryWritesPerPerson', byUser);
    return { itemId: await publishLibraryItem(ctx.services, ctx.actor, input) };
  }),
  revise: confirmedProcedure.input(reviseLibraryItemInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'libraryWritesPerPerson', byUser);
    return { version: await reviseLibraryItem(ctx.services, ctx.actor, input) };
  }),
  withdraw: confirmedProcedure.input(withdrawLibraryItemInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'libraryWritesPerPerson', byUser);
    await withdrawLibraryItem(ctx.services, ctx.actor, input.itemId, input.reason);
    return { ok: true as const };
  }),
});
