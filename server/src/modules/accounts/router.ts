import { loginInput, registerInput } from '@dialogforum/contracts';
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
    const { token } = await registerAccount(deps(ctx), input);
    ctx.session.start(token);
    return meForToken(ctx, token);
  }),
  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    if (ctx.actor) await logOut(deps(ctx), ctx.actor.sessionId);
    const { token } = await logIn(deps(ctx), input.email, input.password);
    ctx.session.start(token);
    return meForToken(ctx, token);
  }),
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.actor) await logOut(deps(ctx), ctx.actor.sessionId);
    ctx.session.end();
    return { ok: true as const };
  }),
});
