import { ARENAS, arenaRef } from '@dialogforum/contracts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { arenaView } from './queries.ts';

// The sector arenas are part of the product, not data: they exist from the first start and their
// names are translated with the rest of the interface.
export const arenasRouter = router({
  list: publicProcedure.query(() => ARENAS.map((arena) => ({ id: arena.id, name: { ...arena.name } }))),
  get: publicProcedure.input(arenaRef).query(({ ctx, input }) => arenaView(ctx.services.store, ctx.services.clock, ctx.actor, input.arenaId)),
});
