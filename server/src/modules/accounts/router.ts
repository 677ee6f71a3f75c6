import { loginInput, registerInput } from '@dialogforum/contracts';
import { AppError } from '../../platform/app-error.ts';
import { byAddress, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import type { RequestContext } from '../../platform/http/request-context.ts';
import { logIn, logOut, registerAccount, type AccountDeps } from './commands.ts';
import { actorForToken, me } from './queries.ts';

function deps(ctx: RequestContext): AccountDeps {
  const { store, clock, config, onCommit } = ctx.services;
  return { store, clock, sessionTtlHours: config.sessionTtlHours, onCommit };
}

/** The signed-in view right after the cookie is set, read the same way later requests read it. */
async function meForToken(ctx: RequestContext, token: string) {
  const actor = await actorForToken(ctx.services.store, ctx.services.clock, token);
  return me(ctx.services.store, actor);
}

export const accountsRouter = router({
  me: publicProcedure.query(({ ctx }) => me(ctx.services.store, ctx.actor)),
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    checkRateLimit(ctx, 'registrationPerAddress', byAddress);
    const { token } = await registerAccount(deps(ctx), input);
    ctx.session.start(token);
    return meForToken(ctx, token);
  }),
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    checkRateLimit(ctx, 'loginPerAddress', byAddress);
    // Failed attempts per account: guessing one password from many addresses is slowed down too.
    const accountKey = () => `account:${input.email}`;
    if (!ctx.services.rateLimiters.loginFailuresPerAccount.peek(accountKey()).allowed) {
      checkRateLimit(ctx, 'loginFailuresPerAccount', accountKey);
    }
    if (ctx.actor) await logOut(deps(ctx), ctx.actor.sessionId);
    const { token } = await logIn(deps(ctx), input.email, input.password).catch((error: unknown) => {
      if (error instanceof AppError && error.appCode === 'INVALID_CREDENTIALS') {
        ctx.services.rateLimiters.loginFailuresPerAccount.take(accountKey());
      }
      throw error;
    });
    ctx.session.start(token);
    return meForToken(ctx, token);
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.actor) await logOut(deps(ctx), ctx.actor.sessionId);
    ctx.session.end();
    return { ok: true as const };
  }),
});
