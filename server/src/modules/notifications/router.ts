import { followRef, followStateInput, listNotificationsInput, markNotificationsReadInput, notificationSettingsInput, unsubscribeInput } from '@dialogforum/contracts';
import { byAddress, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { signedInProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { setEmailChoice } from './email-choice.ts';
import { follow, unfollow } from './follow-commands.ts';
import { markRead, unsubscribe } from './notification-commands.ts';
import { followState, listNotifications, notificationSettings, unreadCount, unsubscribeView } from './queries.ts';
import { unsubscribeSigner } from './unsubscribe-token.ts';

const ok = { ok: true as const };

export const notificationsRouter = router({
  list: signedInProcedure.input(listNotificationsInput).query(({ ctx, input }) => listNotifications(ctx.services.store, ctx.actor, input)),
  unreadCount: signedInProcedure.query(async ({ ctx }) => ({ unread: await unreadCount(ctx.services.store, ctx.actor.userId) })),
  markRead: signedInProcedure.input(markNotificationsReadInput).mutation(async ({ ctx, input }) => {
    await markRead(ctx.services, ctx.actor, input.ids);
    return { unread: await unreadCount(ctx.services.store, ctx.actor.userId) };
  }),
  markAllRead: signedInProcedure.mutation(async ({ ctx }) => {
    await markRead(ctx.services, ctx.actor, 'all');
    return { unread: 0 };
  }),

  follow: signedInProcedure.input(followRef).mutation(async ({ ctx, input }) => {
    await follow(ctx.services, ctx.actor, input);
    return ok;
  }),
  unfollow: signedInProcedure.input(followRef).mutation(async ({ ctx, input }) => {
    await unfollow(ctx.services, ctx.actor, input);
    return ok;
  }),
  followState: signedInProcedure.input(followStateInput).query(({ ctx, input }) => followState(ctx.services.store, ctx.actor, input.dialogueId)),

  settings: signedInProcedure.query(({ ctx }) =>
    notificationSettings(ctx.services.store, ctx.actor, { time: ctx.services.config.digestTime, timeZone: ctx.services.config.digestTimeZone }),
  ),
  setEmail: signedInProcedure.input(notificationSettingsInput).mutation(async ({ ctx, input }) => {
    await setEmailChoice(ctx.services, ctx.actor.userId, input.email);
    return ok;
  }),

  // The unsubscribe link works without signing in: the signed token says whose mail it stops.
  unsubscribeView: publicProcedure.input(unsubscribeInput).query(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'tokenRedemptionPerAddress', byAddress);
    return unsubscribeView(ctx.services.store, await unsubscribeSigner(ctx.services.store, ctx.services.clock.now()), input.token);
  }),
  unsubscribe: publicProcedure.input(unsubscribeInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'tokenRedemptionPerAddress', byAddress);
    await unsubscribe(ctx.services, await unsubscribeSigner(ctx.services.store, ctx.services.clock.now()), input.token);
    return ok;
  }),
});
