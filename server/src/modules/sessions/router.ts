import { cancelSessionInput, createSessionInput, dialogueRef, sessionRef, updateSessionInput } from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { cancelSession, createSession, endSession, startSession, updateSession } from './commands.ts';
import { getSession, listSessions, sessionRegistrations } from './queries.ts';
import { register, unregister } from './registration-commands.ts';

const ok = { ok: true as const };

export const sessionsRouter = router({
  list: publicProcedure.input(dialogueRef).query(({ ctx, input }) => listSessions(ctx.services.store, ctx.actor, input.dialogueId)),
  get: publicProcedure.input(sessionRef).query(({ ctx, input }) => getSession(ctx.services.store, ctx.services.clock, ctx.actor, input.sessionId)),
  registrations: publicProcedure.input(sessionRef).query(({ ctx, input }) => sessionRegistrations(ctx.services.store, ctx.actor, input.sessionId)),
  create: confirmedProcedure.input(createSessionInput).mutation(async ({ ctx, input }) => ({ sessionId: await createSession(ctx.services, ctx.actor, input) })),
  update: confirmedProcedure.input(updateSessionInput).mutation(async ({ ctx, input }) => {
    await updateSession(ctx.services, ctx.actor, input);
    return ok;
  }),
  cancel: confirmedProcedure.input(cancelSessionInput).mutation(async ({ ctx, input }) => {
    await cancelSession(ctx.services, ctx.actor, input.sessionId, input.reason);
    return ok;
  }),
  start: confirmedProcedure.input(sessionRef).mutation(async ({ ctx, input }) => {
    await startSession(ctx.services, ctx.actor, input.sessionId);
    return ok;
  }),
  end: confirmedProcedure.input(sessionRef).mutation(async ({ ctx, input }) => {
    await endSession(ctx.services, ctx.actor, input.sessionId);
    return ok;
  }),
  register: confirmedProcedure.input(sessionRef).mutation(async ({ ctx, input }) => ({ state: await register(ctx.services, ctx.actor, input.sessionId) })),
  unregister: confirmedProcedure.input(sessionRef).mutation(async ({ ctx, input }) => {
    await unregister(ctx.services, ctx.actor, input.sessionId);
    return ok;
  }),
});
