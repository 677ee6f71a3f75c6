import { answerQuestionInput, askQuestionInput, dialogueRef, threadRef } from '@dialogforum/contracts';
import { byUser, checkRateLimit } from '../../platform/http/rate-limited.ts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { answerQuestion, askQuestion } from './commands.ts';
import { getThread, listThreads } from './queries.ts';

export const threadsRouter = router({
  list: publicProcedure.input(dialogueRef).query(({ ctx, input }) => listThreads(ctx.services.store, ctx.actor, input.dialogueId)),
  get: publicProcedure.input(threadRef).query(({ ctx, input }) => getThread(ctx.services.store, ctx.actor, input.threadId)),
  ask: publicProcedure.input(askQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    const threadId = await askQuestion(ctx.services, ctx.actor, input);
    return { threadId };
  }),
  answer: publicProcedure.input(answerQuestionInput).mutation(async ({ ctx, input }) => {
    await checkRateLimit(ctx, 'postingPerUser', byUser);
    const postId = await answerQuestion(ctx.services, ctx.actor, input.threadId, input.body);
    return { postId };
  }),
});
