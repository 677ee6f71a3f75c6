// The public service: who operates it, its editable pages, and feedback to the operators.
import { feedbackInput, feedbackListInput, servicePageInput } from '@dialogforum/contracts';
import { byAddress, checkRateLimit } from '../../platform/http/rate-limited.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { receiveFeedback } from './feedback-commands.ts';
import { listFeedback } from './feedback-queries.ts';
import { operatorView } from './operator.ts';
import { servicePages, type ServicePages } from './service-pages.ts';

// One reader of DATA_DIR/pages (with its cache) per running app: tests start several in one process.
const pagesByConfig = new WeakMap<object, ServicePages>();
function pages(ctx: RequestContext): ServicePages {
  const { config, logger } = ctx.services;
  let found = pagesByConfig.get(config);
  if (!found) {
    found = servicePages(config.dataDir, config.operator.name, (error) => logger.warn({ err: error }, 'reading a service page failed'));
    pagesByConfig.set(config, found);
  }
  return found;
}

export const publicServiceRouter = router({
  operator: publicProcedure.query(({ ctx }) => operatorView(ctx.services.config)),
  page: publicProcedure.input(servicePageInput).query(({ ctx, input }) => pages(ctx).read(input)),
  sendFeedback: publicProcedure.input(feedbackInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'feedbackPerAddress', byAddress);
    await checkRateLimit(ctx, 'feedbackPerService', () => 'service');
    const mayMailReceipt = input.email ? (await ctx.services.rateLimiters.feedbackReceiptsPerRecipient.take(`receipt:${input.email}`)).allowed : false;
    const { store, clock, onCommit, config } = ctx.services;
    return receiveFeedback({ store, clock, onCommit, operator: config.operator, publicUrl: config.publicUrl }, ctx.actor, input, { mayMailReceipt });
  }),
  feedback: publicProcedure.input(feedbackListInput).query(({ ctx, input }) => listFeedback(ctx.services.store, ctx.actor, input.limit)),
});
