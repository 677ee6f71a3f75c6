import {
  changePasswordInput,
  idSchema,
  loginInput,
  registerInput,
  requestPasswordResetInput,
  resetPasswordInput,
  setModeratorInput,
  verifyEmailInput,
} from '@dialogforum/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/app-error.ts';
import { byAddress, byUser, checkRateLimit, refuseIfLimited } from '../../platform/http/rate-limited.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import type { Actor } from '../../platform/policy/actor.ts';
import { canBlockUsers, mayAppointModerators, mayBlockUser } from '../../platform/policy/policy.ts';
import {
  blockUser,
  changePassword,
  endSession,
  logIn,
  logOutEverywhere,
  registerAccount,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  setModerator,
  verifyEmail,
  type AccountDeps,
} from './commands.ts';
import { erasePerson, exportPersonalData } from './personal-data.ts';
import { actorForToken, me } from './queries.ts';
import { recordSignInFailure, signInVerdict } from './sign-in-throttle.ts';

function deps(ctx: RequestContext): AccountDeps {
  const { store, clock, config, onCommit } = ctx.services;
  return {
    store,
    clock,
    sessionTtlHours: config.sessionTtlHours,
    publicUrl: config.publicUrl,
    adminEmails: config.adminEmails,
    identifierHash: ctx.services.identifierHash,
    onCommit,
  };
}

function signedIn(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'Log in first');
  return ctx.actor;
}

/** The signed-in view right after the cookie is set, read the same way later requests read it. */
async function meForToken(ctx: RequestContext, token: string) {
  const { store, clock, config } = ctx.services;
  const actor = await actorForToken(store, clock, { idleMinutes: config.sessionIdleMinutes }, token);
  return me(store, actor);
}

export const accountsRouter = router({
  me: publicProcedure.query(({ ctx }) => me(ctx.services.store, ctx.actor)),
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'registrationPerAddress', byAddress);
    // Counted for every registration of the address, new or taken, so the count says nothing either.
    const mayMailOwner = (await ctx.services.rateLimiters.accountMailPerUser.take(`register:${input.email}`)).allowed;
    await registerAccount(deps(ctx), input, { mayMailOwner });
    // The same answer, and no session, whether or not the address had an account: "check your e-mail".
    return { ok: true as const };
  }),
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'loginPerAddress', byAddress);
    // Guessing slows down per address and account; the account itself is never locked (sign-in-throttle.ts).
    const attempt = { email: input.email, address: ctx.clientAddress };
    refuseIfLimited(ctx, await signInVerdict(ctx.services.rateLimiters, attempt));
    const { token } = await logIn(deps(ctx), input.email, input.password, ctx.clientAddress).catch(async (error: unknown) => {
      if (error instanceof AppError && error.appCode === 'INVALID_CREDENTIALS') await recordSignInFailure(ctx.services.rateLimiters, attempt);
      throw error;
    });
    // A new session id at every login (no fixation); the session this browser had is ended.
    if (ctx.actor) await endSession(deps(ctx), ctx.actor.sessionId);
    ctx.session.start(token);
    return meForToken(ctx, token);
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.actor) await logOutEverywhere(deps(ctx), ctx.actor.userId);
    ctx.session.end();
    return { ok: true as const };
  }),
  verifyEmail: publicProcedure.input(verifyEmailInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'tokenRedemptionPerAddress', byAddress);
    // A browser signed in as nobody is signed in by the link; one signed in as someone stays so.
    const signedIn = await verifyEmail(deps(ctx), input.token, ctx.actor ? null : { from: ctx.clientAddress });
    if (signedIn) ctx.session.start(signedIn.token);
    return { ok: true as const };
  }),
  resendVerification: publicProcedure.mutation(async ({ ctx }) => {
    const actor = signedIn(ctx);
    await checkRateLimit(ctx, 'accountMailPerUser', byUser);
    await resendVerification(deps(ctx), actor.userId);
    return { ok: true as const };
  }),
  requestPasswordReset: publicProcedure.input(requestPasswordResetInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'accountMailPerUser', byAddress);
    await checkRateLimit(ctx, 'accountMailPerUser', () => `reset:${input.email}`);
    await requestPasswordReset(deps(ctx), input.email, input.language);
    return { ok: true as const };
  }),
  resetPassword: publicProcedure.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'tokenRedemptionPerAddress', byAddress);
    await resetPassword(deps(ctx), input.token, input.newPassword);
    ctx.session.end();
    return { ok: true as const };
  }),
  changePassword: publicProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    const actor = signedIn(ctx);
    await checkRateLimit(ctx, 'loginPerAddress', byAddress);
    const { token } = await changePassword(deps(ctx), actor.userId, input.currentPassword, input.newPassword);
    ctx.session.start(token);
    return meForToken(ctx, token);
  }),
  exportMyData: publicProcedure.query(({ ctx }) => exportPersonalData(ctx.services.store, ctx.actor, ctx.services.config.operator)),
  erase: publicProcedure.input(z.strictObject({ password: z.string().min(1).max(200) })).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'loginPerAddress', byAddress);
    await erasePerson(deps(ctx), ctx.actor, input.password);
    ctx.session.end();
    return { ok: true as const };
  }),
  setModerator: publicProcedure.input(setModeratorInput).mutation(async ({ ctx, input }) => {
    const actor = signedIn(ctx);
    if (!mayAppointModerators(actor)) throw new AppError('FORBIDDEN', 'Only admins appoint moderators');
    await setModerator(deps(ctx), actor.userId, input.email, input.moderator);
    return { ok: true as const };
  }),
  block: publicProcedure.input(z.strictObject({ userId: idSchema })).mutation(async ({ ctx, input }) => {
    const actor = signedIn(ctx);
    if (!canBlockUsers(actor)) throw new AppError('FORBIDDEN', 'Only admins block users');
    if (!mayBlockUser(actor, input.userId)) throw new AppError('FORBIDDEN', 'Admins cannot block themselves');
    await blockUser(deps(ctx), actor.userId, input.userId);
    return { ok: true as const };
  }),
});
