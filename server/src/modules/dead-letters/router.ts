import { deadLetterListInput, deadLetterRef } from '@dialogforum/contracts';
import { publicProcedure, router } from '../../platform/http/trpc.ts';
import { dismissDeadLetter, retryDeadLetter } from './commands.ts';
import { listOpenDeadLetters } from './queries.ts';

export const deadLettersRouter = router({
  list: publicProcedure.input(deadLetterListInput).query(({ ctx, input }) => listOpenDeadLetters(ctx.services.store, ctx.actor, input.limit)),
  retry: publicProcedure.input(deadLetterRef).mutation(async ({ ctx, input }) => {
    await retryDeadLetter(ctx.services, ctx.actor, input.deadLetterId);
    return { ok: true as const };
  }),
  dismiss: publicProcedure.input(deadLetterRef).mutation(async ({ ctx, input }) => {
    await dismissDeadLetter(ctx.services, ctx.actor, input.deadLetterId);
    return { ok: true as const };
  }),
});
