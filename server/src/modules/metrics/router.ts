import { metricsFilter } from '@dialogforum/contracts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { metricsView } from './queries.ts';

// Innovation metrics: public figures, the same for every reader (queries.ts).
export const metricsRouter = router({
  view: publicProcedure.input(metricsFilter).query(({ ctx, input }) => metricsView(ctx.services.store, input)),
});
