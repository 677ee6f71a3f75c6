// A network session's live room's procedures: thin, as every router (parse, limit, call the command or query).
import { hideLiveQuestionInput, liveRoomRef, submitLiveQuestionInput } from '@dialogforum/contracts';
import { confirmedProcedure } from '../../platform/http/procedures.ts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { askInNetworkLiveRoom, endNetworkLiveRoom, hideNetworkLiveQuestion, startNetworkLiveRoom } from './live-room-commands.ts';
import { getNetworkLiveRoom } from './live-room-queries.ts';

const ok = { ok: true as const };

export const networkLiveRouter = router({
  get: publicProcedure.input(liveRoomRef).query(({ ctx, input }) => getNetworkLiveRoom(ctx.services.store, ctx.actor, input.sessionId)),
  start: confirmedProcedure.input(liveRoomRef).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'networkWritesPerPerson', byUser);
    await startNetworkLiveRoom(ctx.services, ctx.actor, input.sessionId);
    return ok;
  }),
  end: confirmedProcedure.input(liveRoomRef).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'networkWritesPerPerson', byUser);
    await endNetworkLiveRoom(ctx.services, ctx.actor, input.sessionId);
    return ok;
  }),
  ask: confirmedProcedure.input(submitLiveQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'liveQuestionsPerPerson', byUser);
    return { questionId: await askInNetworkLiveRoom(ctx.services, ctx.actor, input.sessionId, input.body) };
  }),
  hideQuestion: confirmedProcedure.input(hideLiveQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'networkWritesPerPerson', byUser);
    await hideNetworkLiveQuestion(ctx.services, ctx.actor, input.questionId, input.reason);
    return ok;
  }),
});
