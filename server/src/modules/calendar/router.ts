import { calendarFeedRef, createCalendarFeedInput } from '@dialogforum/contracts';
import { confirmedProcedure, signedInProcedure } from '../../platform/http/procedures.ts';
import { router } from '../../platform/http/trpc.ts';
import { createFeed, revokeFeed } from './feed-commands.ts';
import { listFeeds } from './queries.ts';

export const calendarRouter = router({
  feeds: signedInProcedure.query(({ ctx }) => listFeeds(ctx.services.store, ctx.actor)),
  createFeed: confirmedProcedure.input(createCalendarFeedInput).mutation(({ ctx, input }) =>
    createFeed({ store: ctx.services.store, clock: ctx.services.clock, publicUrl: ctx.services.config.publicUrl }, ctx.actor, input),
  ),
  revokeFeed: signedInProcedure.input(calendarFeedRef).mutation(async ({ ctx, input }) => {
    await revokeFeed(ctx.services, ctx.actor, input.feedId);
    return { ok: true as const };
  }),
});
