import { auditQueryInput } from '@dialogforum/contracts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { listAuditEntries } from './queries.ts';

export const auditRouter = router({
  list: publicProcedure.input(auditQueryInput).query(({ ctx, input }) => listAuditEntries(ctx.services.store, ctx.actor, input)),
});
